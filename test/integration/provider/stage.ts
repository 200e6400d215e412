// Builds and stages the package once per test process (as `npm run build` does), for tests that must use the
// staged copy in node_modules/pulumi-buddy-actions: that copy is what Pulumi programs import and serialize.
import { execFileSync } from "child_process";
import * as path from "path";
import { REPO_ROOT } from "../../helpers/emulator";

export const STAGED = path.join(REPO_ROOT, "node_modules", "pulumi-buddy-actions");
let staged = false;

export function stagePackage(): void {
  if (staged) return;
  // tsc's exit code is not trusted alone (another team's folder may not compile midway); what matters is that the
  // provider's own output was emitted, which the tests' requires check.
  try {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: REPO_ROOT, stdio: "pipe" });
  } catch (err) {
    process.stderr.write(`tsc reported errors (continuing with what was emitted): ${String((err as { stdout?: Buffer }).stdout ?? err).slice(0, 2000)}\n`);
  }
  execFileSync(process.execPath, [path.join(REPO_ROOT, "scripts", "stage-package.js")], { cwd: REPO_ROOT, stdio: "pipe" });
  staged = true;
}

/** Forget every loaded module of the staged package, so the next require builds a fresh module graph. */
export function forgetStaged(): void {
  for (const key of Object.keys(require.cache)) if (key.startsWith(STAGED + path.sep)) delete require.cache[key];
}

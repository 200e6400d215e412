// Builds (if stale) and stages the package once per test process, for tests that must use the
// staged copy in node_modules/pulumi-buddy-actions: that copy is what Pulumi programs import and serialize.
import { execFileSync } from "child_process";
import * as path from "path";
import { REPO_ROOT } from "../../helpers/emulator";

export const STAGED = path.join(REPO_ROOT, "node_modules", "pulumi-buddy-actions");
let staged = false;

export function stagePackage(): void {
  if (staged) return;
  // The project's own set-up step: it compiles only when a source is newer than the last build (npm test has
  // usually just done it), fails on type errors, and re-stages the package.
  execFileSync(process.execPath, [path.join(REPO_ROOT, "scripts", "setup.js"), "--quiet", "--no-cli"], {
    cwd: REPO_ROOT,
    stdio: "inherit",
  });
  staged = true;
}

/** Forget every loaded module of the staged package, so the next require builds a fresh module graph. */
export function forgetStaged(): void {
  for (const key of Object.keys(require.cache)) if (key.startsWith(STAGED + path.sep)) delete require.cache[key];
}

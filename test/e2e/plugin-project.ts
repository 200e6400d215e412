// The YAML project the provider plugin's e2e tests share (plugin.test.ts, plugin-migration.test.ts,
// plugin-pending-creates.test.ts): a Pulumi.yaml that loads the plugin from this checkout, in a fresh temporary
// folder, run by the real CLI with the YAML language host that scripts/setup.js builds; and a run killed while its
// create waits in Buddy.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalStack, repoRoot, requireCli } from "../../scripts/pulumi-stack";
import type { ManualClock } from "../helpers/clock";
import type { EmulatorAdmin } from "./emulator-admin";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require(path.join(repoRoot, "scripts", "pulumi-cli.js")) as { locateYamlHost(): string | undefined };

/**
 * A Pulumi.yaml: project `name`, runtime yaml, the plugin from this checkout (no install), the string config
 * `workspace` followed by the `config` lines given, then `body` (YAML text: `variables:`, `resources:`, ...).
 */
export function pluginProgram(name: string, body: string, config = ""): string {
  return `name: ${name}
runtime: yaml
plugins:
  providers:
    - name: buddy
      path: ${path.join(repoRoot, "plugin")}
config:
  workspace:
    type: string
${config}${body}`;
}

/** A YAML project in a fresh temporary folder, and the stack that runs it. */
export interface YamlProject {
  readonly dir: string;
  readonly stack: LocalStack;
  /** Replaces the project's Pulumi.yaml. */
  write(program: string): void;
  /** Removes the stack (with its backend) and the folder. */
  dispose(): Promise<void>;
}

/**
 * `program` written as Pulumi.yaml into a new folder named from `prefix`, and a stack on it whose provider talks to
 * `baseUrl`; the YAML language host and the pinned CLI lead its PATH. `env` and `stackName` go to LocalStack.
 */
export function yamlProject(
  prefix: string,
  program: string,
  baseUrl: string,
  opts: { env?: Record<string, string>; stackName?: string } = {},
): YamlProject {
  const yamlHost = cli.locateYamlHost();
  if (!yamlHost) throw new Error("No YAML language host: run `node scripts/setup.js` (it builds and caches it)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const write = (text: string): void => fs.writeFileSync(path.join(dir, "Pulumi.yaml"), text);
  write(program);
  const stack = new LocalStack({
    programDir: dir,
    stackName: opts.stackName,
    env: {
      PATH: [yamlHost, requireCli(), process.env.PATH ?? ""].join(path.delimiter),
      BUDDY_BASE_URL: baseUrl,
      ...opts.env,
    },
  });
  return {
    dir,
    stack,
    write,
    async dispose() {
      await stack.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `pulumi up` of `project`, killed with its plugin and language host while its POST waits in Buddy on `clock` (the
 * emulator must hold POSTs for `latency` ms on that clock); then Buddy completes the POST nobody waits for any
 * more. Returns the action it made, found by `name` in pipeline 1.
 */
export async function upKilledDuringPost(
  project: YamlProject,
  admin: EmulatorAdmin,
  clock: ManualClock,
  latency: number,
  name: string,
): Promise<{ id: number }> {
  const pidFile = path.join(project.dir, "up.pid");
  // `set -m`: the run gets its own process group, so killing it also kills the plugin and the language host.
  const run = project.stack.shell(
    `set -m; pulumi up --yes --skip-preview --non-interactive --stack "$PULUMI_STACK" & echo $! > ${pidFile}; wait`,
  );
  await clock.nextSleep(); // the POST has reached Buddy and waits there
  process.kill(-Number(fs.readFileSync(pidFile, "utf8").trim()), "SIGKILL");
  await run;
  clock.advance(latency);
  let made: { id: number } | undefined;
  for (let i = 0; i < 200 && !made; i++) made = (await admin.actions(1)).find((a) => a.name === name);
  assert.ok(made, "the interrupted POST did not make its action");
  return made;
}

// End-to-end helpers: the real Pulumi CLI (scripts/pulumi-stack.ts) pointed at a Buddy emulator.
import * as path from "path";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator/index";
import { LocalStack, buddyResources } from "../../scripts/pulumi-stack";
import { EmulatorAdmin } from "./emulator-admin";

export { buddyResources, LocalStack } from "../../scripts/pulumi-stack";
export const e2eProgramDir = path.join(__dirname, "program");

/** A stack of the e2e program whose provider talks to `baseUrl` with `token` from the environment. */
export function e2eStack(baseUrl: string, token?: string, env: Record<string, string> = {}): LocalStack {
  return new LocalStack({
    programDir: e2eProgramDir,
    env: { BUDDY_BASE_URL: baseUrl, ...(token ? { BUDDY_TOKEN: token } : {}), ...env },
  });
}

/**
 * For a suite whose tests share one stack in order: starts an emulator and inits a stack of the e2e program with
 * `config` before the suite (the emulator started with `emulatorOptions`), and removes both after it. Read the fields inside tests.
 */
export function useEmulatorStack(
  config: Record<string, string | number> = {},
  emulatorOptions: EmulatorOptions = {},
): {
  readonly emulator: RunningEmulator;
  readonly admin: EmulatorAdmin;
  readonly stack: LocalStack;
} {
  const ctx = {} as { emulator: RunningEmulator; admin: EmulatorAdmin; stack: LocalStack };
  before(async () => {
    ctx.emulator = await startEmulator({ quiet: true, ...emulatorOptions });
    ctx.admin = new EmulatorAdmin(ctx.emulator);
    ctx.stack = e2eStack(ctx.emulator.url, ctx.emulator.token);
    await ctx.stack.init({ workspace: ctx.emulator.workspace, ...config });
  });
  after(async () => {
    await ctx.stack?.dispose();
    await ctx.emulator?.close();
  });
  return ctx;
}

/**
 * For suites whose tests each make their own stacks: returns `track`, which registers a stack to be destroyed (best
 * effort, after `beforeDestroy`) and disposed after the test that made it.
 */
export function useTrackedStacks(beforeDestroy?: (s: LocalStack) => Promise<unknown>): (s: LocalStack) => LocalStack {
  const stacks: LocalStack[] = [];
  afterEach(async () => {
    for (const s of stacks.splice(0)) {
      if (beforeDestroy) await beforeDestroy(s).catch(() => undefined);
      await s.destroy().catch(() => undefined);
      await s.dispose();
    }
  });
  return (s) => {
    stacks.push(s);
    return s;
  };
}

/** The Pulumi ids of the Buddy actions a stack's state holds, sorted. */
export async function stateIds(stack: LocalStack): Promise<Array<string | undefined>> {
  return buddyResources((await stack.exportState()).deployment)
    .map((r) => r.id)
    .sort();
}

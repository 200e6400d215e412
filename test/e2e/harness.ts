// End-to-end helpers: the real Pulumi CLI (scripts/pulumi-stack.ts) pointed at a Buddy emulator.
import * as path from "path";
import { LocalStack } from "../../scripts/pulumi-stack";

export { buddyResources, LocalStack } from "../../scripts/pulumi-stack";
export const e2eProgramDir = path.join(__dirname, "program");

/** A stack of the e2e program whose provider talks to `baseUrl` with `token` from the environment. */
export function e2eStack(baseUrl: string, token?: string, env: Record<string, string> = {}): LocalStack {
  return new LocalStack({
    programDir: e2eProgramDir,
    env: { BUDDY_BASE_URL: baseUrl, ...(token ? { BUDDY_TOKEN: token } : {}), ...env },
  });
}

// check's looks at a pipeline wait at most ENGINE_TIMING.checkBudgetMs (10 s) on the provider's own clock, then
// preview goes on without them (yaml-defined.ts, check-record.ts). A ManualClock drives the budget: the test moves
// it to one millisecond short of the budget and to the budget, and nothing waits for real.
import * as assert from "assert";
import { ProviderConfig } from "../../../provider/config";
import { CHECK_RECORD_KEY } from "../../../provider/engine/check-record";
import { ENGINE_TIMING } from "../../../provider/engine/clock";
import { actionProvider } from "../../../provider/engine/provider";
import { BuddyClient } from "../../../provider/http/client";
import { ManualClock } from "../../helpers/clock";
import { ScriptServer } from "../http/script-server";
import * as fx from "../../unit/provider/fixtures";

const PIPELINE = "/workspaces/my-company/projects/my-project/pipelines/1";
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("check's budgets run on the provider's clock", function () {
  this.timeout(5_000); // well under the 10 s budget: the budget must end when the test's clock says so
  let server: ScriptServer;
  let client: BuddyClient;
  let clock: ManualClock;
  const lines: string[] = [];

  beforeEach(async () => {
    lines.length = 0;
    clock = new ManualClock();
    server = await new ScriptServer()
      .handle((req) => {
        const path = req.url.split("?")[0];
        if (path === PIPELINE) return { status: 200, body: { id: 1, name: "p" }, hold: true };
        return { status: 200, body: { actions: [] } };
      })
      .start();
    const token = "budget-token-0123456789";
    client = new BuddyClient({
      baseUrl: server.url,
      token,
      timeoutMs: 60_000,
      now: () => clock.now(),
      sleep: (ms) => clock.sleep(ms),
      log: () => undefined,
    });
  });
  afterEach(async () => {
    server.release(10);
    client.close();
    await server.close();
  });

  it("a pipeline that does not answer: check waits exactly the budget of the provider's clock, then goes on and says so", async () => {
    const config = ProviderConfig.withValues({ baseUrl: server.url, token: "budget-token-0123456789" });
    let saidLate: () => void = () => undefined;
    const late = new Promise<void>((resolve) => (saidLate = resolve));
    const log = (level: string, m: string): void => {
      lines.push(`${level}: ${m}`);
      if (/its pipeline did not answer in time/.test(m)) saidLate();
    };
    const provider = fx.providerFor(
      "pipeline-action",
      actionProvider(() => client, { clock, config, log }),
    );
    let settled = false;
    const checking = provider
      .check({}, { ...fx.location, type: "SLEEP", name: "Wait", fields: { sleep_in_sec: 1 }, __provider: "p" })
      .finally(() => (settled = true));
    await server.until(() => server.seen.some((r) => r.url.split("?")[0] === PIPELINE));
    await clock.waitForSleepers(1);
    clock.advance(ENGINE_TIMING.checkBudgetMs - 1);
    for (let i = 0; i < 5; i++) await turn();
    assert.strictEqual(settled, false, "still waiting one millisecond before the budget ends");
    clock.advance(1);
    await late; // preview goes on without the answer...
    // ...and the request, still held, keeps the client's one slot (a client learns its server's limits first), so
    // the rest of the check waits for it: answer it now.
    server.release();
    const result = await checking;
    assert.deepStrictEqual(result.failures, []);
    assert.ok(
      lines.some((l) => /its pipeline did not answer in time to see where it is defined/.test(l)),
      lines.join("\n"),
    );
    // The listing answered: the recovery record is there (its own budget never ran out).
    assert.ok(result.inputs?.[CHECK_RECORD_KEY] !== undefined, JSON.stringify(result.inputs));
  });
});

// What check records for recovery (provider/engine/check-record.ts), against the emulator: for a create, the ids of
// the same-named actions of the same type the pipeline held; one listing per pipeline per process; an update keeps
// the record it had (its inputs never change for it); a replacement records its new pipeline; bad input lists nothing.
import * as assert from "assert";
import { CHECK_RECORD_KEY } from "../../../provider/engine/check-record";
import { CLAIM_KEY, isClaimName } from "../../../provider/engine/claims";
import { actionProvider } from "../../../provider/engine/provider";
import { BuddyClient } from "../../../provider/http/client";
import { ManualClock } from "../../helpers/clock";
import { useEmulator } from "../../helpers/emulator";
import { freshProvider } from "../../helpers/provider";
import * as fx from "../../unit/provider/fixtures";

const ws = "my-company";
const project = "my-project";
let provider: ReturnType<typeof fx.providerFor>;
const sleep = (name: string, pipelineId = 1): Record<string, unknown> => ({
  workspace: ws,
  projectName: project,
  pipelineId,
  type: "SLEEP",
  name,
  fields: { sleep_in_sec: 1 },
  __provider: "p",
});

describe("check records which same-named actions existed before a create", function () {
  this.timeout(60_000);
  const ctx = useEmulator({}, true);
  beforeEach(() => (provider = fx.providerFor("pipeline-action", freshProvider(ctx.emu))));
  /**
   * Listings started (a listing reads pages until one brings nothing new: its first page counts); the one GET of the
   * pipeline itself (yaml-defined.ts) is not a listing.
   */
  const listings = (): number =>
    ctx.emu.admin
      .requests()
      .filter((r) => r.method === "GET" && r.path.endsWith("/actions") && String(r.query.page ?? "1") === "1").length;

  it("records the ids of same-named actions of the same type, listing the pipeline once for every check", async () => {
    const twin = ctx.emu.admin.addAction(ws, project, 1, { name: "Deploy", type: "SLEEP", sleep_in_sec: 1 });
    ctx.emu.admin.addAction(ws, project, 1, { name: "Deploy", type: "NOT_IN_CATALOG" });
    ctx.emu.admin.addAction(ws, project, 1, { name: "Other", type: "SLEEP", sleep_in_sec: 1 });
    const a = (await provider.check({}, sleep("Deploy"))) as { inputs: Record<string, unknown> };
    const b = (await provider.check({}, sleep("Other"))) as { inputs: Record<string, unknown> };
    assert.deepStrictEqual(a.inputs[CHECK_RECORD_KEY], {
      pipeline: `${ws}/${project}/1`,
      name: "Deploy",
      type: "SLEEP",
      ids: [twin.id],
    });
    assert.strictEqual((b.inputs[CHECK_RECORD_KEY] as { ids: number[] }).ids.length, 1);
    // One listing of the pipeline for the record, shared by both checks, and one for the preview's survey of the
    // pipeline (survey.ts), also shared; the two are not yet one listing (see the closing note of issue 17).
    assert.strictEqual(listings(), 2, "one listing per purpose for both checks");
  });

  it("an update keeps the record it had and lists nothing; a replacement records its new pipeline", async () => {
    const created = await provider.check({}, sleep("Deploy"));
    ctx.emu.admin.clearRequests();
    const olds = created.inputs ?? {};
    const update = await provider.check(olds, { ...sleep("Deploy"), fields: { sleep_in_sec: 2 } });
    assert.deepStrictEqual(update.inputs?.[CHECK_RECORD_KEY], olds[CHECK_RECORD_KEY]);
    assert.strictEqual(listings(), 0);
    const replace = await provider.check(olds, sleep("Deploy", 2));
    assert.strictEqual((replace.inputs?.[CHECK_RECORD_KEY] as { pipeline: string }).pipeline, `${ws}/${project}/2`);
  });

  it("a create gets a claim name of its own (even when the pipeline cannot be listed); an update keeps it; a replacement gets a new one", async () => {
    const a = (await provider.check({}, sleep("Deploy"))).inputs ?? {};
    const b = (await provider.check({}, sleep("Deploy"))).inputs ?? {};
    assert.ok(isClaimName(a[CLAIM_KEY]) && isClaimName(b[CLAIM_KEY]), JSON.stringify(a));
    assert.notStrictEqual(a[CLAIM_KEY], b[CLAIM_KEY]);
    const update = await provider.check(a, { ...sleep("Deploy"), fields: { sleep_in_sec: 2 } });
    assert.strictEqual(update.inputs?.[CLAIM_KEY], a[CLAIM_KEY]);
    const replace = await provider.check(a, sleep("Deploy", 2));
    assert.ok(isClaimName(replace.inputs?.[CLAIM_KEY]) && replace.inputs?.[CLAIM_KEY] !== a[CLAIM_KEY]);
    const noChange = await provider.diff("my-company/my-project/1/1", { ...a, actionId: 1 }, update.inputs ?? {});
    assert.strictEqual(noChange.changes, true, "the sleep change");
    assert.deepStrictEqual(noChange.replaces ?? [], [], "a new claim name never replaces");
    const same = await provider.diff(
      "my-company/my-project/1/1",
      { ...a, actionId: 1 },
      { ...a, [CLAIM_KEY]: b[CLAIM_KEY] },
    );
    assert.notStrictEqual(same.changes, true, "the claim name alone is no change");
    // A new provider process whose server cannot be reached: the check's listing fails, or its budget ends first (on
    // the test's clock, as the client's retry waits do): either way no record, and the claim name all the same.
    const clock = new ManualClock();
    const unreachable = new BuddyClient({
      baseUrl: "http://127.0.0.1:9",
      token: ctx.emu.token,
      now: () => clock.now(),
      sleep: (ms) => clock.sleep(ms),
      log: () => undefined,
    });
    const offline = fx.providerFor(
      "pipeline-action",
      actionProvider(() => unreachable, { clock, log: () => undefined }),
    );
    const unlisted = (await clock.runUntil(offline.check({}, sleep("Other")))).inputs ?? {};
    unreachable.close();
    assert.ok(isClaimName(unlisted[CLAIM_KEY]));
    assert.strictEqual(unlisted[CHECK_RECORD_KEY], undefined);
  });

  it("bad input fails check before any API call, and records nothing", async () => {
    const r = await provider.check({}, { ...sleep("Deploy"), name: undefined });
    assert.ok((r.failures ?? []).length > 0);
    assert.strictEqual(r.inputs?.[CHECK_RECORD_KEY], undefined);
    assert.strictEqual(r.inputs?.[CLAIM_KEY], undefined);
    assert.strictEqual(ctx.emu.admin.requests().length, 0);
  });
});

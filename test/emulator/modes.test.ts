// The emulator's server modes (emulator/modes.ts): each behaviour Buddy's docs leave open, switched on by option,
// admin setting or CLI flag.
import * as assert from "assert";
import { optionsFromArgs } from "../../emulator/cli";
import { DEFAULT_MODES, EXTRA_FIELDS } from "../../emulator/index";
import { admin, api, useEmulator } from "../helpers/emulator";
import { ManualClock } from "../helpers/clock";

const ACTIONS = "/workspaces/my-company/projects/my-project/pipelines/1/actions";
type Listed = { actions: Array<Record<string, unknown>> } & Record<string, unknown>;

describe("emulator modes", function () {
  this.timeout(20_000);
  const ctx = useEmulator({}, true);

  function addActions(n: number): void {
    for (let i = 0; i < n; i++)
      ctx.emu.admin.addAction("my-company", "my-project", 1, { type: "SLEEP", name: `A${i}`, sleep_in_sec: 1 });
  }
  const list = async (query: string): Promise<Listed> => (await api<Listed>(ctx.emu, "GET", `${ACTIONS}${query}`)).body;

  it("default: paging honoured, per_page capped at 100, full actions, nothing extra", async () => {
    assert.deepStrictEqual(ctx.emu.admin.getModes(), DEFAULT_MODES);
    addActions(130);
    assert.strictEqual((await list("?page=2&per_page=50")).actions.length, 50);
    assert.strictEqual((await list("?page=1&per_page=500")).actions.length, 100);
    const first = (await list("?page=1&per_page=1")).actions[0];
    assert.strictEqual(first.trigger_time, "ON_EVERY_EXECUTION");
    assert.strictEqual(first.x_emulator_unknown, undefined);
  });

  it("listPagingIgnored: every page is the whole list", async () => {
    addActions(30);
    ctx.emu.admin.setModes({ listPagingIgnored: true });
    for (const q of ["?page=1&per_page=5", "?page=7&per_page=5", ""])
      assert.strictEqual((await list(q)).actions.length, 30, q);
  });

  it("perPageCap: a page holds at most the cap, whatever per_page asks", async () => {
    addActions(45);
    ctx.emu.admin.setModes({ perPageCap: 20 });
    assert.strictEqual((await list("?page=1&per_page=100")).actions.length, 20);
    assert.strictEqual((await list("?page=3&per_page=100")).actions.length, 5);
    assert.strictEqual((await list("?page=1&per_page=10")).actions.length, 10);
  });

  it("listSummaries: the actions list holds id, name and type only; GET by id is still the full action", async () => {
    addActions(2);
    ctx.emu.admin.setModes({ listSummaries: true });
    const listed = (await list("")).actions;
    assert.deepStrictEqual(Object.keys(listed[0]), ["id", "name", "type"]);
    const full = (await api<Record<string, unknown>>(ctx.emu, "GET", `${ACTIONS}/${String(listed[0].id)}`)).body;
    assert.strictEqual(full.trigger_time, "ON_EVERY_EXECUTION");
  });

  it("extraFields: every JSON answer, its list items and error bodies carry unknown fields; admin answers do not", async () => {
    addActions(1);
    ctx.emu.admin.setModes({ extraFields: true });
    const body = await list("");
    assert.deepStrictEqual(body.x_emulator_unknown_object, EXTRA_FIELDS.x_emulator_unknown_object);
    assert.strictEqual(body.actions[0].x_emulator_unknown, EXTRA_FIELDS.x_emulator_unknown);
    const created = await api<Record<string, unknown>>(ctx.emu, "POST", ACTIONS, {
      type: "SLEEP",
      name: "B",
      sleep_in_sec: 1,
    });
    assert.strictEqual(created.status, 201);
    assert.strictEqual(created.body.x_emulator_unknown, EXTRA_FIELDS.x_emulator_unknown);
    const missing = await api<Record<string, unknown>>(ctx.emu, "GET", `${ACTIONS}/999999`);
    assert.strictEqual(missing.status, 404);
    assert.ok(Array.isArray(missing.body.errors) && missing.body.x_emulator_unknown !== undefined);
    assert.strictEqual(
      (await admin<Record<string, unknown>>(ctx.emu.url, "GET", "/modes")).x_emulator_unknown,
      undefined,
    );
  });

  it("admin API: PUT /__emulator/modes changes the named modes, rejects unknown ones; reset restores the start modes", async () => {
    const after = await admin<Record<string, unknown>>(ctx.emu.url, "PUT", "/modes", { perPageCap: 20 });
    assert.deepStrictEqual(after, { ...DEFAULT_MODES, perPageCap: 20 });
    await assert.rejects(admin(ctx.emu.url, "PUT", "/modes", { perPageCap: 0, pagingIgnored: true }));
    assert.strictEqual(ctx.emu.admin.getModes().perPageCap, 20);
    ctx.emu.admin.reset();
    assert.deepStrictEqual(ctx.emu.admin.getModes(), DEFAULT_MODES);
  });

  it("CLI flags set the modes; bad values are usage errors", () => {
    const opts = optionsFromArgs([
      "--list-paging-ignored",
      "--per-page-cap",
      "20",
      "--list-summaries",
      "--extra-fields",
      "--post-answer-delay-ms",
      "150",
      "--workspace-scope-required",
    ]);
    assert.notStrictEqual(opts, "help");
    assert.deepStrictEqual(opts !== "help" && opts.modes, {
      listPagingIgnored: true,
      perPageCap: 20,
      listSummaries: true,
      extraFields: true,
      postAnswerDelayMs: 150,
      workspaceScopeRequired: true,
    });
    assert.throws(() => optionsFromArgs(["--per-page-cap", "500"]), /perPageCap.*from 1 to 100/);
    assert.strictEqual((optionsFromArgs([]) as { modes?: unknown }).modes, undefined);
  });
});

describe("emulator modes: postAnswerDelayMs on the emulator's clock", function () {
  const clock = new ManualClock();
  const ctx = useEmulator({ clock, modes: { postAnswerDelayMs: 400 } });

  it("the action is listed before the POST answers; the answer comes when the delay has run on the clock", async () => {
    let answered = false;
    const posting = api(ctx.emu, "POST", ACTIONS, { type: "SLEEP", name: "Slow", sleep_in_sec: 1 }).then((r) => {
      answered = true;
      return r;
    });
    // The emulator starts the answer delay only after the action is stored: from here on it is listed.
    assert.strictEqual(await clock.nextSleep(), 400);
    const listed = (await api<Listed>(ctx.emu, "GET", ACTIONS)).body.actions;
    assert.ok(
      listed.some((a) => a.name === "Slow"),
      "listed while the POST had not answered yet",
    );
    assert.strictEqual(answered, false);
    clock.advance(400);
    assert.strictEqual((await posting).status, 201);
  });
});

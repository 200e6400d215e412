// The Pipeline resource's provider over real HTTP against the emulator (issue 19 items 1-2): check names the property
// and the rule before any request; create, refresh (named drift), update as one PATCH of exactly what changed, a
// move to another project is a replace; delete, and an already-deleted pipeline proven gone by its project; an
// action in the new pipeline, and its delete after the pipeline went first.
import * as assert from "assert";
import { ProviderConfig } from "../../../provider/config";
import { PipelineProvider, pipelineProvider } from "../../../provider/pipelines/provider";
import { processClient } from "../../../provider/process-client";
import { useEmulator } from "../../helpers/emulator";
import { freshProvider } from "../../helpers/provider";
import * as fx from "../../unit/provider/fixtures";

type Inputs = Record<string, unknown>;
let provider: PipelineProvider;
let sleep: ReturnType<typeof fx.providerFor>;

describe("Pipeline provider against the emulator", function () {
  this.timeout(60_000);
  const ctx = useEmulator({}, true);
  beforeEach(() => {
    // The process's client for the emulator's address and token, as configure would give it.
    const config = ProviderConfig.withValues({ baseUrl: ctx.emu.url, token: ctx.emu.token });
    provider = pipelineProvider(() => processClient(config.current()));
    sleep = fx.providerFor("pipeline-action", freshProvider(ctx.emu));
  });

  const program = (): Inputs => ({
    workspace: ctx.emu.workspace,
    projectName: "my-project",
    name: "Release",
    priority: "LOW",
    events: [{ type: "PUSH", refs: ["refs/heads/main"] }],
    permissions: { others: "READ_ONLY" },
    __provider: "p",
  });
  const requests = () => ctx.emu.admin.requests().filter((r) => !r.path.startsWith("/__emulator"));

  it("check names the camelCase property and the rule, and makes no request", async () => {
    ctx.emu.admin.clearRequests();
    const bad = {
      ...program(),
      priority: "URGENT",
      on: "CLICK",
      events: [{ type: "PUSH" }],
      fetchAllRef: true,
    };
    const { failures } = await provider.check({}, bad);
    const lines = (failures ?? []).map((f) => `${f.property}: ${f.reason}`);
    assert.ok(
      lines.some((l) => /^priority: must be one of LOW, NORMAL, HIGH; got "URGENT"/.test(l)),
      lines.join("\n"),
    );
    assert.ok(
      lines.some((l) => /^events: is only allowed when on is not CLICK/.test(l)),
      lines.join("\n"),
    );
    assert.ok(
      lines.some((l) => /^events\[0\]\.refs: is required when type is PUSH/.test(l)),
      lines.join("\n"),
    );
    assert.ok(
      lines.some((l) => /^fetchAllRef: is not a Pipeline setting \(did you mean "fetchAllRefs"\?\)/.test(l)),
      lines.join("\n"),
    );
    assert.deepStrictEqual(requests(), []);
    assert.deepStrictEqual((await provider.check({}, program())).failures, []);
  });

  it("create sends Buddy's names; the id is workspace/project/pipelineId and the outputs carry pipelineId", async () => {
    ctx.emu.admin.clearRequests();
    const { id, outs } = await provider.create(program());
    const [post] = requests();
    assert.strictEqual(post.method, "POST");
    assert.deepStrictEqual(post.body, {
      name: "Release",
      events: [{ type: "PUSH", refs: ["refs/heads/main"] }],
      priority: "LOW",
      permissions: { others: "READ_ONLY" },
    });
    const pipelineId = (outs as Inputs).pipelineId as number;
    assert.strictEqual(id, `${ctx.emu.workspace}/my-project/${pipelineId}`);
    assert.ok(!("__provider" in (outs as Inputs)));
    assert.strictEqual((outs as Inputs).priority, "LOW");
  });

  it("a change of one setting is one PATCH of exactly that setting; a removed one goes back to its default", async () => {
    const { id, outs } = await provider.create(program());
    const news = { ...program(), priority: "HIGH", fetchAllRefs: true };
    const diff = await provider.diff(id, outs as Inputs, news);
    assert.strictEqual(diff.changes, true);
    assert.deepStrictEqual(diff.replaces, []);
    ctx.emu.admin.clearRequests();
    const { outs: after } = await provider.update(id, outs as Inputs, news);
    assert.deepStrictEqual(
      requests().map((r) => [r.method, r.body]),
      [["PATCH", { priority: "HIGH", fetch_all_refs: true }]],
    );
    ctx.emu.admin.clearRequests();
    const { fetchAllRefs: _dropped, ...without } = news;
    await provider.update(id, after as Inputs, without);
    assert.deepStrictEqual(
      requests().map((r) => [r.method, r.body]),
      [["PATCH", { fetch_all_refs: false }]],
    );
    assert.deepStrictEqual((await provider.diff(id, after as Inputs, news)).replaces, []);
  });

  it("a move to another project or workspace is a replace", async () => {
    const { id, outs } = await provider.create(program());
    assert.deepStrictEqual((await provider.diff(id, outs as Inputs, { ...program(), projectName: "other" })).replaces, [
      "projectName",
    ]);
    assert.deepStrictEqual((await provider.diff(id, outs as Inputs, { ...program(), workspace: "other" })).replaces, [
      "workspace",
    ]);
  });

  it("refresh names what was changed in Buddy; nothing drifts right after create", async () => {
    const { id, outs } = await provider.create(program());
    const fresh = await provider.read(id, outs as Inputs);
    const { __provider: _p, ...given } = program();
    assert.deepStrictEqual(fresh.inputs, given, "right after create the inputs are the program's");
    const pipelineId = (outs as Inputs).pipelineId as number;
    ctx.emu.admin.editPipeline(ctx.emu.workspace, "my-project", pipelineId, {
      priority: "HIGH",
      concurrent_pipeline_runs: true,
      folder: "hand-made",
    });
    const read = await provider.read(id, outs as Inputs);
    const inputs = read.inputs as Inputs;
    assert.strictEqual(inputs.priority, "HIGH", "a setting the program set: Buddy's value");
    assert.strictEqual(inputs.concurrentPipelineRuns, true, "an unset setting with a documented default is managed");
    assert.strictEqual(inputs.folder, undefined, "an unset setting without a default is not");
    const diff = await provider.diff(id, read.props as Inputs, program());
    assert.strictEqual(diff.changes, true);
    ctx.emu.admin.clearRequests();
    await provider.update(id, read.props as Inputs, program());
    assert.deepStrictEqual(
      requests().map((r) => [r.method, r.body]),
      [["PATCH", { priority: "LOW", concurrent_pipeline_runs: false }]],
    );
  });

  it("members of a setting that the program did not set itself are not compared; a member it set is", async () => {
    const { id, outs } = await provider.create(program());
    const pipelineId = (outs as Inputs).pipelineId as number;
    ctx.emu.admin.editPipeline(ctx.emu.workspace, "my-project", pipelineId, {
      permissions: { others: "READ_ONLY", users: [{ id: 7, access_level: "READ_WRITE" }] },
    });
    const added = await provider.read(id, outs as Inputs);
    assert.deepStrictEqual((added.inputs as Inputs).permissions, { others: "READ_ONLY" });
    assert.strictEqual((await provider.diff(id, added.props as Inputs, program())).changes, false);
    ctx.emu.admin.editPipeline(ctx.emu.workspace, "my-project", pipelineId, { permissions: { others: "DENIED" } });
    const changed = await provider.read(id, outs as Inputs);
    assert.deepStrictEqual((changed.inputs as Inputs).permissions, { others: "DENIED" });
    assert.strictEqual((await provider.diff(id, changed.props as Inputs, program())).changes, true);
  });

  it("get reads every setting Buddy reports; get of a missing pipeline names the id", async () => {
    const { id } = await provider.create(program());
    const got = await provider.read(id, undefined);
    assert.strictEqual((got.props as Inputs).priority, "LOW");
    assert.strictEqual((got.props as Inputs).definitionSource, "LOCAL");
    await assert.rejects(provider.read(`${ctx.emu.workspace}/my-project/9999`, undefined), /no Buddy pipeline with id/);
  });

  it("delete; a pipeline already deleted in Buddy is gone when its project answers; a wrong project is an error", async () => {
    const { id, outs } = await provider.create(program());
    await provider.delete(id, outs as Inputs);
    assert.deepStrictEqual(await provider.read(id, outs as Inputs), {}, "refresh drops it");
    await provider.delete(id, outs as Inputs);
    await assert.rejects(
      provider.delete(`${ctx.emu.workspace}/no-such-project/1`, {}),
      /pipeline and its project answered 404.*wrong address.*pulumi state delete/s,
    );
  });

  it("an action of the pipeline is made by its pipelineId, and its delete succeeds after the pipeline went first", async () => {
    const { id, outs } = await provider.create(program());
    const pipelineId = (outs as Inputs).pipelineId as number;
    const action = await sleep.create({
      workspace: ctx.emu.workspace,
      projectName: "my-project",
      pipelineId,
      name: "wait",
      type: "SLEEP",
      fields: { sleep_in_sec: 1 },
      __provider: "p",
    });
    await provider.delete(id, outs as Inputs);
    await sleep.delete(action.id, action.outs as Inputs);
  });
});

// The recovery's decisions (provider/recovery/plan.ts) against the emulator over real HTTP: which action a killed
// run's pending create made, and every case where it must take nothing.
import * as assert from "assert";
import { BuddyClient } from "../../../provider/http/client";
import { actionOutputs } from "../../../provider/engine/outputs";
import { planRecovery, parseTake, type OtherStack } from "../../../provider/recovery/plan";
import { SECRET_SIG_KEY, type StateResource, type UntypedDeployment } from "../../../provider/recovery/state";
import { useEmulator } from "../../helpers/emulator";
import { serverModes } from "../../helpers/server-modes";

type Json = Record<string, unknown>;
const ws = "my-company";
const project = "my-project";
const PROVIDER = 'exports.handler = () => require("pulumi-buddy-actions/dist/provider/providers/action.js");';
const TYPE = "pulumi-nodejs:dynamic/buddy:PipelineAction";
const urn = (name: string): string => `urn:pulumi:dev::p::${TYPE}::${name}`;

/** The checked inputs the engine writes with a pending create of a PipelineAction "Deploy" (SLEEP). */
function inputs(sameNamedBefore: number[] | undefined, extra: Json = {}): Json {
  return {
    __provider: PROVIDER,
    __spec: "pipeline-action",
    workspace: ws,
    projectName: project,
    pipelineId: 1,
    type: "SLEEP",
    name: "Deploy",
    fields: { sleep_in_sec: 1 },
    ...(sameNamedBefore === undefined
      ? {}
      : {
          __sameNamedAtCheck: { pipeline: `${ws}/${project}/1`, name: "Deploy", type: "SLEEP", ids: sameNamedBefore },
        }),
    ...extra,
  };
}

function pendingCreate(name: string, ins: Json): { resource: StateResource; type: string } {
  return { resource: { urn: urn(name), custom: true, type: TYPE, inputs: ins }, type: "creating" };
}

function deployment(
  resources: StateResource[],
  pending: Array<{ resource: StateResource; type: string }>,
): UntypedDeployment {
  return { version: 3, deployment: { resources, pending_operations: pending } };
}

function managed(name: string, actionId: number): StateResource {
  return { urn: urn(name), custom: true, type: TYPE, id: `${ws}/${project}/1/${actionId}`, inputs: {}, outputs: {} };
}

for (const mode of serverModes())
  describe(`recovery after a killed run: which action a pending create made${mode.suffix}`, function () {
    this.timeout(60_000);
    const ctx = useEmulator({ modes: mode.modes }, true);
    const api = (): BuddyClient => new BuddyClient({ baseUrl: ctx.emu.url, token: ctx.emu.token });
    const add = (fields: Json = {}): Json =>
      ctx.emu.admin.addAction(ws, project, 1, { name: "Deploy", type: "SLEEP", sleep_in_sec: 1, ...fields });
    const recordedIds = (d: UntypedDeployment): string[] =>
      (d.deployment.resources ?? []).filter((r) => r.id !== undefined).map((r) => String(r.id));

    it("records the one identical action new since check, with the outputs the provider's create returns", async () => {
      const before = add(); // existed at check: recorded as such, never taken
      const made = add();
      const plan = await planRecovery(api(), deployment([], [pendingCreate("a", inputs([before.id as number]))]), []);
      assert.deepStrictEqual(
        plan.decisions.map((d) => d.kind),
        ["recorded"],
      );
      const [r] = plan.deployment.deployment.resources ?? [];
      assert.strictEqual(r.id, `${ws}/${project}/1/${String(made.id)}`);
      assert.deepStrictEqual(r.inputs, inputs([before.id as number]));
      const full = await api().get<Json>(
        `/workspaces/${ws}/projects/${project}/pipelines/1/actions/${String(made.id)}`,
      );
      assert.deepStrictEqual(r.outputs, {
        ...actionOutputs(inputs([before.id as number]), full),
        __spec: "pipeline-action",
        __provider: PROVIDER,
      });
      assert.strictEqual(plan.deployment.deployment.pending_operations, undefined);
    });

    it("an action under the pending create's own claim name is its action, whatever else the pipeline holds (another stack's twin, another stack's pending create): recorded with Buddy's values, so the next `up` renames it", async () => {
      const claim = "pulumi-create-0123456789abcdef";
      const twin = add(); // an identical action someone else made meanwhile
      const made = add({ name: claim });
      const other: OtherStack = { name: "prod", deployment: deployment([], [pendingCreate("b", inputs([]))]) };
      const ins = inputs([], { __createClaim: claim });
      const plan = await planRecovery(api(), deployment([], [pendingCreate("a", ins)]), [other]);
      assert.deepStrictEqual(plan.decisions, [
        { kind: "recorded", urn: urn("a"), id: `${ws}/${project}/1/${String(made.id)}`, how: "claimed" },
      ]);
      const [r] = plan.deployment.deployment.resources ?? [];
      assert.strictEqual(r.outputs?.name, claim, "Buddy's name: the next diff shows the rename");
      assert.deepStrictEqual(r.inputs, ins);
      assert.notStrictEqual(r.id, `${ws}/${project}/1/${String(twin.id)}`);
      assert.strictEqual(plan.deployment.deployment.pending_operations, undefined);
    });

    it("another create's claim name is never taken: no action under this create's claim name and none new under its name means it made nothing", async () => {
      add({ name: "pulumi-create-00000000000000ff" });
      const ins = inputs([], { __createClaim: "pulumi-create-0123456789abcdef" });
      const plan = await planRecovery(api(), deployment([], [pendingCreate("a", ins)]), []);
      assert.deepStrictEqual(plan.decisions, [{ kind: "made-nothing", urn: urn("a") }]);
    });

    it("an identical action that existed at check is never taken: the create made nothing, dropped", async () => {
      const before = add();
      const plan = await planRecovery(api(), deployment([], [pendingCreate("a", inputs([before.id as number]))]), []);
      assert.deepStrictEqual(plan.decisions, [{ kind: "made-nothing", urn: urn("a") }]);
      assert.deepStrictEqual(recordedIds(plan.deployment), []);
    });

    it("an action with any other non-secret value is not the create's", async () => {
      add({ sleep_in_sec: 2 });
      const plan = await planRecovery(api(), deployment([], [pendingCreate("a", inputs([]))]), []);
      assert.deepStrictEqual(plan.decisions, [{ kind: "made-nothing", urn: urn("a") }]);
    });

    it("an action another stack of the project manages is never taken", async () => {
      const theirs = add();
      const other: OtherStack = { name: "prod", deployment: deployment([managed("x", theirs.id as number)], []) };
      const plan = await planRecovery(api(), deployment([], [pendingCreate("a", inputs([]))]), [other]);
      assert.deepStrictEqual(plan.decisions, [{ kind: "made-nothing", urn: urn("a") }]);
    });

    it("another stack with a pending create of the same name and type: refused, the candidates named, nothing taken", async () => {
      const made = add();
      const other: OtherStack = { name: "prod", deployment: deployment([], [pendingCreate("b", inputs([]))]) };
      const plan = await planRecovery(api(), deployment([], [pendingCreate("a", inputs([]))]), [other]);
      assert.strictEqual(plan.decisions[0].kind, "refused");
      assert.match(JSON.stringify(plan.decisions[0]), /prod/);
      assert.deepStrictEqual((plan.decisions[0] as { candidates: number[] }).candidates, [made.id]);
      assert.strictEqual(plan.deployment.deployment.pending_operations?.length, 1, "left pending");
      assert.deepStrictEqual(recordedIds(plan.deployment), []);
    });

    it("more new identical actions than pending creates (someone else made one): refused, nothing taken", async () => {
      const a = add();
      const b = add();
      const plan = await planRecovery(api(), deployment([], [pendingCreate("a", inputs([]))]), []);
      assert.deepStrictEqual(plan.decisions, [
        {
          kind: "refused",
          urn: urn("a"),
          reason:
            "2 actions of this name and type are new and unmanaged, but this stack has only 1 pending create(s) of them: someone else made some",
          candidates: [a.id, b.id],
        },
      ]);
    });

    it("two pending creates, two identical new actions: each takes one, lowest id first", async () => {
      const a = add();
      const b = add();
      const plan = await planRecovery(
        api(),
        deployment([], [pendingCreate("b", inputs([])), pendingCreate("a", inputs([]))]),
        [],
      );
      assert.deepStrictEqual(
        plan.decisions.map((d) => [d.urn, d.kind, (d as { id?: string }).id]),
        [
          [urn("a"), "recorded", `${ws}/${project}/1/${String(a.id)}`],
          [urn("b"), "recorded", `${ws}/${project}/1/${String(b.id)}`],
        ],
      );
    });

    it("inputs without a check record (an older version's create): refused while a candidate exists", async () => {
      add();
      const plan = await planRecovery(api(), deployment([], [pendingCreate("a", inputs(undefined))]), []);
      assert.strictEqual(plan.decisions[0].kind, "refused");
      assert.match((plan.decisions[0] as { reason: string }).reason, /do not record/);
    });

    it("a secret input is not compared and stays encrypted in the recorded outputs", async () => {
      const made = add({ content: "plain-secret-value" });
      const secret = { [SECRET_SIG_KEY]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" };
      const ins = inputs([], { fields: secret });
      const plan = await planRecovery(api(), deployment([], [pendingCreate("a", ins)]), []);
      const [r] = plan.deployment.deployment.resources ?? [];
      assert.strictEqual(r.id, `${ws}/${project}/1/${String(made.id)}`);
      assert.deepStrictEqual(r.outputs?.fields, secret);
      assert.doesNotMatch(JSON.stringify(r), /plain-secret-value/);
    });

    it("--take records the named action with Buddy's values (the next up PATCHes the rest); one another stack manages is refused", async () => {
      const other = add({ sleep_in_sec: 7 });
      const theirs = add();
      const take = new Map([[urn("a"), other.id as number]]);
      const plan = await planRecovery(api(), deployment([], [pendingCreate("a", inputs(undefined))]), [], take);
      const [r] = plan.deployment.deployment.resources ?? [];
      assert.deepStrictEqual(plan.decisions, [
        { kind: "recorded", urn: urn("a"), id: `${ws}/${project}/1/${String(other.id)}`, how: "taken" },
      ]);
      assert.deepStrictEqual((r.outputs as Json).fields, { sleep_in_sec: 7 });
      const stack: OtherStack = { name: "prod", deployment: deployment([managed("x", theirs.id as number)], []) };
      const refused = await planRecovery(
        api(),
        deployment([], [pendingCreate("a", inputs(undefined))]),
        [stack],
        new Map([[urn("a"), theirs.id as number]]),
      );
      assert.match(JSON.stringify(refused.decisions), /managed by a stack of this project/);
      assert.deepStrictEqual(parseTake(`${urn("a")}=${ws}/${project}/1/42`), [urn("a"), 42]);
    });

    it("interrupted deletes: an action gone from Buddy leaves the state; one still there stays; updates are cleared", async () => {
      const kept = add();
      const r = (name: string, id: number): StateResource => ({
        ...managed(name, id),
        outputs: { ...inputs([]), __spec: "pipeline-action" },
      });
      const resources = [r("gone", 999_999), r("kept", kept.id as number), r("upd", kept.id as number)];
      const plan = await planRecovery(
        api(),
        deployment(resources, [
          { resource: resources[0], type: "deleting" },
          { resource: resources[1], type: "deleting" },
          { resource: resources[2], type: "updating" },
        ]),
        [],
      );
      assert.deepStrictEqual(
        plan.decisions.map((d) => d.kind),
        ["delete-done", "delete-left", "update-cleared"],
      );
      assert.deepStrictEqual(
        (plan.deployment.deployment.resources ?? []).map((x) => x.urn),
        [urn("kept"), urn("upd")],
      );
      assert.strictEqual(plan.deployment.deployment.pending_operations, undefined);
    });

    it("a Pipeline's pending operations are not an action's: reported, kept, nothing read or written for them", async () => {
      const pipelineUrn = "urn:pulumi:dev::p::pulumi-nodejs:dynamic/buddy:Pipeline::release";
      const pipeline: StateResource = {
        urn: pipelineUrn,
        custom: true,
        type: "pulumi-nodejs:dynamic/buddy:Pipeline",
        id: `${ws}/${project}/1`,
        inputs: { __provider: PROVIDER, workspace: ws, projectName: project, name: "release" },
        outputs: { workspace: ws, projectName: project, name: "release" },
      };
      const before = ctx.emu.admin.requests().length;
      const plan = await planRecovery(
        api(),
        deployment(
          [pipeline],
          [
            { resource: { ...pipeline, id: undefined, outputs: undefined }, type: "creating" },
            { resource: pipeline, type: "deleting" },
          ],
        ),
        [],
      );
      assert.deepStrictEqual(
        plan.decisions.map((d) => d.kind),
        ["not-ours", "not-ours"],
      );
      assert.strictEqual(plan.deployment.deployment.pending_operations?.length, 2);
      assert.strictEqual(ctx.emu.admin.requests().length, before, "no request made for a pipeline's operation");
    });
  });

// Issue 19 item 3: an action resource whose pipeline is defined in YAML in a repository (definition_source REMOTE,
// git_config_ref FIXED or DYNAMIC) stops at check, before any listing or write, with an error naming the pipeline
// and its definition source; create, update and delete refuse too (a pipeline can move to YAML between preview and
// up), under both server behaviours the docs leave open: the server refusing such writes, or accepting them.
// getPipeline (findPipeline) returns where the definition lives.
import * as assert from "assert";
import { BuddyClient } from "../../../provider/http";
import { findPipeline } from "../../../provider/lookups";
import { useEmulator } from "../../helpers/emulator";
import { freshProvider } from "../../helpers/provider";
import {
  DYNAMIC_ID,
  FIXED_ID,
  LOCAL_ID,
  PROJECT,
  REMOTE_ID,
  SEEDED_ACTION_IDS,
  WS,
  yamlSeed,
} from "../../helpers/yaml-pipelines";
import * as fx from "../../unit/provider/fixtures";

type Inputs = Record<string, unknown>;
let generic: ReturnType<typeof fx.providerFor>;

const CASES = [
  {
    id: REMOTE_ID,
    source:
      /pipeline "templated" \(id 3\) in my-company\/my-project is defined in YAML \(definition_source REMOTE: the file "pipelines\/deploy.yml" at ref "refs\/heads\/main" of project "ci-templates"\)/,
  },
  {
    id: FIXED_ID,
    source:
      /pipeline "in-repo" \(id 4\) in my-company\/my-project is defined in YAML \(git_config_ref FIXED: the file ".buddy\/in-repo.yml" on branch "main" of project "my-project"\)/,
  },
  {
    id: DYNAMIC_ID,
    source:
      /pipeline "per-branch" \(id 5\) in my-company\/my-project is defined in YAML \(git_config_ref DYNAMIC: the YAML file \(.buddy\/ or buddy.yml\) in the ref each run is for, in project "my-project"\)/,
  },
] as const;

function sleepInputs(pipelineId: number, extra: Inputs = {}): Inputs {
  return {
    workspace: WS,
    projectName: PROJECT,
    pipelineId,
    type: "SLEEP",
    name: "Wait",
    fields: { sleep_in_sec: 5 },
    __provider: "p",
    ...extra,
  };
}

for (const accepted of [false, true])
  describe(`action resources on pipelines defined in YAML${accepted ? " (server accepts such writes)" : " (server refuses such writes)"}`, function () {
    this.timeout(60_000);
    const ctx = useEmulator({ seed: yamlSeed, modes: { yamlActionWritesAccepted: accepted } }, true);
    const logs: string[] = [];
    /** A new provider process, whose lines go to `logs`. */
    const newProcess = (): void => {
      generic = fx.providerFor("pipeline-action", freshProvider(ctx.emu, { log: (_level, m) => logs.push(m) }));
    };
    beforeEach(() => {
      newProcess();
      logs.length = 0;
      ctx.emu.admin.clearRequests();
    });

    const requests = () => ctx.emu.admin.requests().map((r) => `${r.method} ${r.path}`);

    for (const c of CASES) {
      it(`check of a new action in pipeline ${c.id} fails on pipelineId naming the pipeline and its definition source; one GET, no listing`, async () => {
        const result = await generic.check({}, sleepInputs(c.id));
        assert.strictEqual(result.failures?.length, 1, JSON.stringify(result));
        const [failure] = result.failures!;
        assert.strictEqual(failure.property, "pipelineId");
        assert.match(failure.reason, c.source);
        assert.match(failure.reason, /Nothing was written/);
        assert.deepStrictEqual(requests(), [`GET /workspaces/${WS}/projects/${PROJECT}/pipelines/${c.id}`]);
      });
    }

    it("check of a changed action in such a pipeline fails too; an unchanged one makes no request", async () => {
      const olds = sleepInputs(REMOTE_ID);
      const unchanged = await generic.check(olds, sleepInputs(REMOTE_ID));
      assert.deepStrictEqual(unchanged.failures, []);
      assert.deepStrictEqual(requests(), []);
      const changed = await generic.check(olds, sleepInputs(REMOTE_ID, { fields: { sleep_in_sec: 6 } }));
      assert.match(changed.failures?.[0]?.reason ?? "", CASES[0].source);
    });

    it("check of an action in a pipeline kept in Buddy goes on (one GET of the pipeline besides the usual listing)", async () => {
      const result = await generic.check({}, sleepInputs(LOCAL_ID));
      assert.deepStrictEqual(result.failures, []);
      const gets = requests().filter((r) => r === `GET /workspaces/${WS}/projects/${PROJECT}/pipelines/${LOCAL_ID}`);
      assert.strictEqual(gets.length, 1);
    });

    for (const c of CASES) {
      it(`create, update and delete of an action in pipeline ${c.id} write nothing and name the way out`, async () => {
        const actionId = SEEDED_ACTION_IDS[c.id];
        const id = `${WS}/${PROJECT}/${c.id}/${actionId}`;
        const got = await generic.read(id, { __spec: "pipeline-action" });
        const outs = got.props as Inputs;
        await assert.rejects(generic.create(sleepInputs(c.id)), (err: Error) => {
          assert.match(err.message, c.source);
          assert.match(err.message, /refuses the create of an action there/);
          return true;
        });
        await assert.rejects(
          generic.update(id, outs, { ...outs, fields: { sleep_in_sec: 7 } }),
          (err: Error) => c.source.test(err.message) && /Nothing was written/.test(err.message),
        );
        await assert.rejects(generic.delete(id, outs), (err: Error) => {
          assert.match(err.message, c.source);
          assert.match(err.message, /Nothing was deleted/);
          assert.match(err.message, /pulumi state delete <urn>/);
          return true;
        });
        assert.deepStrictEqual(
          requests().filter((r) => !r.startsWith("GET ")),
          [],
          "no POST, PATCH or DELETE reached the server",
        );
        const still = await generic.read(id, outs);
        assert.deepStrictEqual((still.props as Inputs).fields, outs.fields, "the action is as it was");
      });
    }

    it("an action created while its pipeline was kept in Buddy: once the pipeline moves to a repository, update and delete refuse", async () => {
      const created = await generic.create(sleepInputs(LOCAL_ID));
      const outs = created.outs as Inputs;
      // The pipeline's YAML moves to a repository (as the UI's YAML tab or PATCH .../yaml would do); a new provider
      // process (the next `pulumi up` or `destroy`) reads it again.
      const moved = await fetch(`${ctx.emu.url}/workspaces/${WS}/projects/${PROJECT}/pipelines/${LOCAL_ID}/yaml`, {
        method: "PATCH",
        headers: { Authorization: `Bearer ${ctx.emu.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({
          yaml: Buffer.from(
            `- pipeline: "build-and-deploy"\n  definition_source: "REMOTE"\n  remote_project_name: "ci-templates"\n  remote_ref: "main"\n  remote_path: "deploy.yml"\n`,
          ).toString("base64"),
        }),
      });
      assert.strictEqual(moved.status, 200, await moved.text());
      newProcess();
      ctx.emu.admin.clearRequests();
      await assert.rejects(
        generic.update(created.id, outs, { ...outs, fields: { sleep_in_sec: 8 } }),
        /is defined in YAML \(definition_source REMOTE/,
      );
      await assert.rejects(generic.delete(created.id, outs), /pulumi state delete/);
      assert.deepStrictEqual(
        requests().filter((r) => !r.startsWith("GET ")),
        [],
      );
    });

    it("a pipeline kept in Buddy: create, update and delete work as before, with one GET of the pipeline per process", async () => {
      const created = await generic.create(sleepInputs(LOCAL_ID));
      const outs = created.outs as Inputs;
      await generic.update(created.id, outs, { ...outs, fields: { sleep_in_sec: 9 } });
      await generic.delete(created.id, outs);
      const pipelineGets = requests().filter(
        (r) => r === `GET /workspaces/${WS}/projects/${PROJECT}/pipelines/${LOCAL_ID}`,
      );
      assert.strictEqual(pipelineGets.length, 1);
    });

    it("getPipeline (findPipeline) returns the definition source and the remote-definition fields", async () => {
      const client = new BuddyClient({ baseUrl: ctx.emu.url, token: ctx.emu.token });
      const remote = await findPipeline(client, { workspace: WS, projectName: PROJECT, name: "templated" });
      assert.deepStrictEqual(
        { ...remote, url: undefined, htmlUrl: undefined },
        {
          id: REMOTE_ID,
          name: "templated",
          url: undefined,
          htmlUrl: undefined,
          definitionSource: "REMOTE",
          remoteProjectName: "ci-templates",
          remoteRef: "refs/heads/main",
          remotePath: "pipelines/deploy.yml",
          remoteParameters: [{ key: "env", value: "production" }],
          gitConfigRef: "NONE",
          definedInRepository: true,
        },
      );
      const fixed = await findPipeline(client, { workspace: WS, projectName: PROJECT, name: "in-repo" });
      assert.strictEqual(fixed.gitConfigRef, "FIXED");
      assert.strictEqual(fixed.definedInRepository, true);
      const local = await findPipeline(client, { workspace: WS, projectName: PROJECT, name: "release" });
      assert.strictEqual(local.definitionSource, "LOCAL");
      assert.strictEqual(local.definedInRepository, false);
      assert.strictEqual(local.remotePath, undefined);
    });
  });

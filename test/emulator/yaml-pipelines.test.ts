// Pipelines defined in YAML (emulator/yaml-pipelines.ts): where each pipeline's definition lives, the whole-pipeline
// YAML endpoints (POST .../pipelines/yaml, PATCH .../pipelines/:id/yaml, GET ...?yaml=true), and action writes to a
// pipeline whose YAML lives in a repository: refused by default, accepted under the mode yamlActionWritesAccepted.
import { strict as assert } from "assert";
import { parse } from "yaml";
import { api, useEmulator } from "../helpers/emulator";
import {
  DYNAMIC_ID,
  FIXED_ID,
  LOCAL_ID,
  PROJECT,
  REMOTE_ID,
  SEEDED_ACTION_IDS,
  WS,
  b64,
  pipelinePath,
  yamlSeed,
} from "../helpers/yaml-pipelines";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

const PIPELINE_YAML = `- pipeline: "nightly"
  name: "Nightly"
  on: "CLICK"
  refs: ["refs/heads/main"]
  priority: "HIGH"
  actions:
  - action: "Wait a bit"
    type: "SLEEP"
    sleep_in_sec: 10
  - action: "Wait more"
    type: "SLEEP"
    sleep_in_sec: 20
`;

function decoded(body: J): J {
  return parse(Buffer.from(body.yaml as string, "base64").toString("utf8"));
}

describe("emulator: pipelines defined in YAML", () => {
  const ctx = useEmulator({ seed: yamlSeed }, true);
  const call = <T = J>(method: string, path: string, body?: unknown) => api<T>(ctx.emu, method, path, body);

  it("every pipeline says where its definition lives: LOCAL and NONE unless set, the remote fields as set", async () => {
    const local = await call("GET", pipelinePath(LOCAL_ID));
    assert.equal(local.body.definition_source, "LOCAL");
    assert.equal(local.body.git_config_ref, "NONE");
    const remote = await call("GET", pipelinePath(REMOTE_ID));
    assert.equal(remote.body.definition_source, "REMOTE");
    assert.equal(remote.body.remote_project_name, "ci-templates");
    assert.equal(remote.body.remote_ref, "refs/heads/main");
    assert.equal(remote.body.remote_path, "pipelines/deploy.yml");
    assert.deepEqual(remote.body.remote_parameters, [{ key: "env", value: "production" }]);
    const list = await call("GET", `/workspaces/${WS}/projects/${PROJECT}/pipelines`);
    const fixed = list.body.pipelines.find((p: J) => p.id === FIXED_ID);
    assert.equal(fixed.git_config_ref, "FIXED");
    assert.deepEqual(fixed.git_config, { project: PROJECT, branch: "main", path: ".buddy/in-repo.yml" });
  });

  it("POST .../pipelines/yaml makes the pipeline and its actions from the base64 YAML; GET ?yaml=true exports it", async () => {
    const made = await call("POST", `/workspaces/${WS}/projects/${PROJECT}/pipelines/yaml`, {
      yaml: b64(PIPELINE_YAML),
    });
    assert.equal(made.status, 201, made.text);
    assert.equal(made.body.name, "Nightly");
    assert.equal(made.body.identifier, "nightly");
    assert.equal(made.body.priority, "HIGH");
    assert.equal(made.body.definition_source, "LOCAL", "YAML sent through the API is kept in Buddy");
    const actions = await call("GET", `${pipelinePath(made.body.id)}/actions`);
    assert.deepEqual(
      actions.body.actions.map((a: J) => [a.name, a.type, a.sleep_in_sec]),
      [
        ["Wait a bit", "SLEEP", 10],
        ["Wait more", "SLEEP", 20],
      ],
    );
    const exported = await call("GET", `${pipelinePath(made.body.id)}?yaml=true`);
    assert.equal(exported.status, 200);
    const [entry] = decoded(exported.body);
    assert.equal(entry.pipeline, "nightly");
    assert.equal(entry.name, "Nightly");
    assert.deepEqual(
      entry.actions.map((a: J) => [a.action, a.sleep_in_sec]),
      [
        ["Wait a bit", 10],
        ["Wait more", 20],
      ],
    );
    // An action edited through the API shows in the export: YAML kept in Buddy follows every edit.
    const first = actions.body.actions[0];
    const edited = await call("PATCH", `${pipelinePath(made.body.id)}/actions/${first.id}`, { sleep_in_sec: 15 });
    assert.equal(edited.status, 200, edited.text);
    const again = decoded((await call("GET", `${pipelinePath(made.body.id)}?yaml=True`)).body);
    assert.equal(again[0].actions[0].sleep_in_sec, 15);
    const all = decoded((await call("GET", `/workspaces/${WS}/projects/${PROJECT}/pipelines?yaml=true`)).body);
    assert.deepEqual(
      all.map((p: J) => p.name),
      ["build-and-deploy", "release", "templated", "in-repo", "per-branch", "Nightly"],
    );
  });

  it("PATCH .../pipelines/:id/yaml replaces the pipeline's settings and actions", async () => {
    const made = await call("POST", `/workspaces/${WS}/projects/${PROJECT}/pipelines/yaml`, {
      yaml: b64(PIPELINE_YAML),
    });
    const replaced = await call("PATCH", `${pipelinePath(made.body.id)}/yaml`, {
      yaml: b64(
        `- pipeline: "nightly"\n  name: "Nightly 2"\n  actions:\n  - action: "Only"\n    type: "SLEEP"\n    sleep_in_sec: 1\n`,
      ),
    });
    assert.equal(replaced.status, 200, replaced.text);
    assert.equal(replaced.body.name, "Nightly 2");
    assert.equal(replaced.body.priority, undefined, "a setting the new YAML leaves out is gone");
    const actions = await call("GET", `${pipelinePath(made.body.id)}/actions`);
    assert.deepEqual(
      actions.body.actions.map((a: J) => a.name),
      ["Only"],
    );
  });

  it("a YAML body that is not base64, not YAML, not one pipeline or holds an invalid action is a 400; nothing is made", async () => {
    const path = `/workspaces/${WS}/projects/${PROJECT}/pipelines/yaml`;
    const bad: [unknown, RegExp][] = [
      [{}, /"yaml" is required/],
      [{ yaml: "not base64 !!" }, /base64/],
      [{ yaml: b64("- pipeline: [unclosed") }, /not valid YAML/],
      [{ yaml: b64(`- pipeline: "a"\n- pipeline: "b"\n`) }, /exactly one pipeline/],
      [{ yaml: b64(`- name: "no id"\n`) }, /needs "pipeline"/],
      [
        { yaml: b64(`- pipeline: "a"\n  actions:\n  - action: "x"\n    type: "SLEEP"\n    sleep_in_sec: 5000\n`) },
        /actions\[0\]/,
      ],
    ];
    for (const [body, message] of bad) {
      const res = await call("POST", path, body);
      assert.equal(res.status, 400, res.text);
      assert.match(res.body.errors[0].message, message);
    }
    const list = await call("GET", `/workspaces/${WS}/projects/${PROJECT}/pipelines`);
    assert.equal(list.body.pipelines.length, 5);
  });

  for (const [id, where] of [
    [
      REMOTE_ID,
      /definition_source REMOTE \(project "ci-templates", ref "refs\/heads\/main", path "pipelines\/deploy.yml"\)/,
    ],
    [FIXED_ID, /git_config_ref FIXED/],
    [DYNAMIC_ID, /git_config_ref DYNAMIC/],
  ] as const) {
    it(`action writes to a pipeline whose YAML lives in a repository (${where.source.slice(0, 24)}…) are refused with a 400 naming it; nothing changes`, async () => {
      const actionId = SEEDED_ACTION_IDS[id];
      const before = await call("GET", `${pipelinePath(id)}/actions`);
      const writes = [
        await call("POST", `${pipelinePath(id)}/actions`, { name: "New", type: "SLEEP", sleep_in_sec: 1 }),
        await call("PATCH", `${pipelinePath(id)}/actions/${actionId}`, { sleep_in_sec: 9 }),
        await call("DELETE", `${pipelinePath(id)}/actions/${actionId}`),
        await call("PATCH", `${pipelinePath(id)}/yaml`, { yaml: b64(`- pipeline: "x"\n`) }),
      ];
      for (const res of writes) {
        assert.equal(res.status, 400, res.text);
        assert.match(res.body.errors[0].message, new RegExp(`^Pipeline "[a-z-]+" \\(id ${id}\\) is defined in YAML`));
        assert.match(res.body.errors[0].message, where);
      }
      assert.deepEqual((await call("GET", `${pipelinePath(id)}/actions`)).body, before.body);
    });
  }

  it("under yamlActionWritesAccepted the same writes are accepted (a server whose next sync would undo them)", async () => {
    ctx.emu.admin.setModes({ yamlActionWritesAccepted: true });
    const added = await call("POST", `${pipelinePath(REMOTE_ID)}/actions`, {
      name: "New",
      type: "SLEEP",
      sleep_in_sec: 1,
    });
    assert.equal(added.status, 201, added.text);
    const removed = await call("DELETE", `${pipelinePath(REMOTE_ID)}/actions/${SEEDED_ACTION_IDS[REMOTE_ID]}`);
    assert.equal(removed.status, 204);
  });

  it("action writes to a pipeline whose YAML is kept in Buddy are accepted", async () => {
    const added = await call("POST", `${pipelinePath(LOCAL_ID)}/actions`, {
      name: "New",
      type: "SLEEP",
      sleep_in_sec: 1,
    });
    assert.equal(added.status, 201, added.text);
  });
});

// Pipelines as Buddy documents them (catalog/pipeline.json, read by catalog/rules.ts): create in each page
// generation's shape, the documented defaults, PATCH changing only what it sends, every refusal in Buddy's
// errors[].message shape, and the admin edit that stands for a change made in Buddy's UI.
import { strict as assert } from "assert";
import { api, useEmulator } from "../helpers/emulator";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

describe("emulator: pipeline create, edit, get, delete with the catalog's rules", () => {
  const ctx = useEmulator({}, true);
  const base = () => `/workspaces/${ctx.emu.workspace}/projects/my-project/pipelines`;
  const post = (body: unknown) => api<J>(ctx.emu, "POST", base(), body);
  const patch = (id: number, body: unknown) => api<J>(ctx.emu, "PATCH", `${base()}/${id}`, body);
  const messages = (r: { body: J }): string => r.body.errors.map((e: J) => e.message).join(" | ");

  it("creates a pipeline in each page generation's shape", async () => {
    const newest = await post({
      name: "Tests",
      identifier: "tests",
      refs: ["refs/heads/main"],
      events: [
        { type: "PUSH", refs: ["refs/heads/dev-*"] },
        { type: "SCHEDULE", cron: "0 2 * * *", timezone: "Europe/Warsaw" },
        { type: "PUBLISH_PACKAGE_VERSION", packages: [{ identifier: "pkg", scope: "PROJECT" }] },
      ],
      priority: "HIGH",
      cache_scope: "WORKSPACE",
    });
    assert.equal(newest.status, 201, newest.text);
    assert.equal(newest.body.on, undefined, "a body with events and no `on` (newest pages) gets no `on`");
    const middle = await post({ name: "Build", on: "EVENT", events: [{ type: "PUSH", refs: ["refs/heads/master"] }] });
    assert.equal(middle.status, 201, middle.text);
    const oldest = await post({ name: "Nightly", trigger_mode: "SCHEDULED", ref_name: "master", cron: "0 2 * * *" });
    assert.equal(oldest.status, 201, oldest.text);
    assert.equal(oldest.body.on, undefined);
  });

  it("applies the documented defaults and the server-set fields; a client-sent id is ignored", async () => {
    const r = await post({ name: "Release", id: 999, url: "x" });
    assert.equal(r.status, 201);
    assert.notEqual(r.body.id, 999);
    assert.equal(r.body.url, `${ctx.emu.url}${base()}/${r.body.id}`);
    assert.equal(r.body.on, "CLICK");
    assert.deepEqual(r.body.refs, []);
    assert.equal(r.body.definition_source, "LOCAL");
    assert.equal(r.body.git_config_ref, "NONE");
    assert.equal(r.body.concurrent_pipeline_runs, false);
    assert.equal(typeof r.body.create_date, "string");
  });

  const refusals: Array<[string, J, RegExp]> = [
    ["no name", { on: "CLICK" }, /Field "name" is required/],
    ["an unknown trigger mode", { name: "x", on: "SOMETIMES" }, /Field "on" must be one of CLICK, EVENT, SCHEDULE/],
    [
      "on and trigger_mode together",
      { name: "x", on: "CLICK", trigger_mode: "MANUAL" },
      /"trigger_mode" is not allowed with on/,
    ],
    [
      "events under on CLICK",
      { name: "x", on: "CLICK", events: [{ type: "PUSH", refs: ["a"] }] },
      /"events" is only allowed when on is not CLICK/,
    ],
    [
      "a push event without refs",
      { name: "x", events: [{ type: "PUSH" }] },
      /"events\[0\]\.refs" is required when type is PUSH/,
    ],
    [
      "a cron on a push event",
      { name: "x", events: [{ type: "PUSH", refs: ["a"], cron: "* * * * *" }] },
      /"events\[0\]\.cron" is only allowed when type is SCHEDULE/,
    ],
    ["a priority that is not one", { name: "x", priority: "URGENT" }, /"priority" must be one of LOW, NORMAL, HIGH/],
    [
      "REMOTE without its project and path",
      { name: "x", definition_source: "REMOTE" },
      /"remote_project_name" is required when definition_source is REMOTE/,
    ],
    ["a zero delay", { name: "x", on: "SCHEDULE", delay: 0 }, /"delay" must be an integer ≥ 1/],
  ];
  for (const [what, body, expected] of refusals)
    it(`refuses ${what} with Buddy's errors[].message`, async () => {
      const r = await post(body);
      assert.equal(r.status, 400, r.text);
      assert.match(messages(r), expected);
    });

  it("PATCH changes only what it sends, and the result must still hold every rule", async () => {
    const created = await post({ name: "Release", priority: "LOW", folder: "CD", fetch_all_refs: true });
    const id = created.body.id as number;
    const edited = await patch(id, { priority: "HIGH" });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.body.priority, "HIGH");
    assert.equal(edited.body.folder, "CD");
    assert.equal(edited.body.fetch_all_refs, true);
    assert.equal(edited.body.name, "Release");
    const renamed = await patch(id, { name: "Release 2" });
    assert.equal(renamed.body.name, "Release 2");
    // on is CLICK (the default): events are refused by the merged record, not by the body alone
    const refused = await patch(id, { events: [{ type: "PUSH", refs: ["a"] }] });
    assert.equal(refused.status, 400);
    assert.match(messages(refused), /"events" is only allowed when on is not CLICK/);
    // null: back to the documented default, or gone when none is documented
    const reset = await patch(id, { fetch_all_refs: null, folder: null });
    assert.equal(reset.body.fetch_all_refs, false);
    assert.equal(reset.body.folder, undefined);
    const got = await api<J>(ctx.emu, "GET", `${base()}/${id}`);
    assert.equal(got.body.priority, "HIGH");
    assert.equal((await patch(9999, { priority: "LOW" })).status, 404);
  });

  it("the admin API edits a pipeline as Buddy's UI would: same rules, not logged", async () => {
    const id = (await post({ name: "Release", priority: "LOW" })).body.id as number;
    ctx.emu.admin.clearRequests();
    const res = await fetch(
      `${ctx.emu.url}/__emulator/workspaces/${ctx.emu.workspace}/projects/my-project/pipelines/${id}`,
      {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ priority: "HIGH" }),
      },
    );
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as J).priority, "HIGH");
    assert.deepEqual(ctx.emu.admin.requests(), []);
    assert.throws(
      () => ctx.emu.admin.editPipeline(ctx.emu.workspace, "my-project", id, { priority: "URGENT" }),
      /priority/,
    );
    const got = await api<J>(ctx.emu, "GET", `${base()}/${id}`);
    assert.equal(got.body.priority, "HIGH");
  });

  it("DELETE removes the pipeline and its actions", async () => {
    const id = (await post({ name: "Gone" })).body.id as number;
    await api<J>(ctx.emu, "POST", `${base()}/${id}/actions`, { type: "SLEEP", name: "wait", sleep_in_sec: 1 });
    assert.equal((await api<J>(ctx.emu, "DELETE", `${base()}/${id}`)).status, 204);
    assert.equal((await api<J>(ctx.emu, "GET", `${base()}/${id}`)).status, 404);
    assert.equal((await api<J>(ctx.emu, "GET", `${base()}/${id}/actions`)).status, 404);
  });
});

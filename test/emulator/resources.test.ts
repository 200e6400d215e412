// Workspaces, projects and pipelines endpoints; authentication, scopes, workspace flags and 404s at each level.
import { strict as assert } from "assert";
import { api, useEmulator } from "../helpers/emulator";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

describe("emulator: workspaces, projects, pipelines", () => {
  const ctx = useEmulator(
    {
      tokens: [
        { token: "all", scopes: ["WORKSPACE", "EXECUTION_INFO", "EXECUTION_MANAGE"] },
        { token: "info", scopes: ["EXECUTION_INFO"] },
        { token: "ws-only", scopes: ["WORKSPACE"] },
        { token: "pipeline-write", scopes: ["PIPELINE_WRITE"] },
        { token: "none", scopes: [] },
      ],
      seed: {
        workspaces: [
          {
            name: "my-company",
            display_name: "My Company",
            projects: [
              {
                display_name: "My Project",
                pipelines: [
                  { id: 1, name: "build-and-deploy" },
                  { id: 2, name: "release" },
                ],
              },
            ],
          },
          { name: "off", api_disabled: true, projects: [{ name: "p", display_name: "P" }] },
          { name: "gone", suspended: true },
        ],
      },
    },
    true,
  );
  const t = (token = "all") => ({ url: ctx.emu.url, token });

  it("lists workspaces with url/html_url and gets one", async () => {
    const list = await api<J>(t(), "GET", "/workspaces");
    assert.equal(list.status, 200);
    assert.equal(list.body.url, `${ctx.emu.url}/workspaces`);
    assert.equal(typeof list.body.html_url, "string");
    assert.deepEqual(
      list.body.workspaces.map((w: J) => w.domain),
      ["my-company", "off", "gone"],
    );
    const one = await api<J>(t(), "GET", "/workspaces/my-company");
    assert.equal(one.status, 200);
    assert.equal(one.body.domain, "my-company");
    assert.equal(one.body.name, "My Company");
    assert.equal(one.body.url, `${ctx.emu.url}/workspaces/my-company`);
    assert.equal(one.body.html_url, "https://app.buddy.works/my-company");
  });

  it("lists, gets and creates projects (name derived from display_name, suffixed when taken)", async () => {
    const list = await api<J>(t(), "GET", "/workspaces/my-company/projects");
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.projects.map((p: J) => p.name),
      ["my-project"],
    );
    const get = await api<J>(t(), "GET", "/workspaces/my-company/projects/my-project");
    assert.equal(get.body.display_name, "My Project");
    assert.equal(get.body.html_url, "https://app.buddy.works/my-company/my-project");

    const created = await api<J>(t(), "POST", "/workspaces/my-company/projects", { display_name: "My Project" });
    assert.equal(created.status, 201);
    assert.equal(created.body.name, "my-project-2");
    const named = await api<J>(t(), "POST", "/workspaces/my-company/projects", {
      display_name: "X",
      name: "explicit_1",
    });
    assert.equal(named.status, 201);
    assert.equal(named.body.name, "explicit_1");
    assert.equal((await api<J>(t(), "GET", "/workspaces/my-company/projects/explicit_1")).status, 200);
  });

  it("refuses bad project bodies with 400 naming the field", async () => {
    const noName = await api<J>(t(), "POST", "/workspaces/my-company/projects", { name: "x" });
    assert.equal(noName.status, 400);
    assert.match(noName.body.errors[0].message, /display_name/);
    const taken = await api<J>(t(), "POST", "/workspaces/my-company/projects", {
      display_name: "A",
      name: "my-project",
    });
    assert.equal(taken.status, 400);
    assert.match(taken.body.errors[0].message, /"name"/);
    const badName = await api<J>(t(), "POST", "/workspaces/my-company/projects", { display_name: "A", name: "a b" });
    assert.equal(badName.status, 400);
  });

  it("lists, gets, creates (integer id) and deletes pipelines", async () => {
    const base = "/workspaces/my-company/projects/my-project/pipelines";
    const list = await api<J>(t(), "GET", base);
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.pipelines.map((p: J) => [p.id, p.name]),
      [
        [1, "build-and-deploy"],
        [2, "release"],
      ],
    );
    const created = await api<J>(t(), "POST", base, { name: "nightly", on: "SCHEDULE", priority: "HIGH", id: 999 });
    assert.equal(created.status, 201);
    assert.ok(Number.isInteger(created.body.id));
    assert.notEqual(created.body.id, 999, "a client-sent id is ignored");
    assert.equal(created.body.on, "SCHEDULE");
    assert.equal(created.body.priority, "HIGH", "other pipeline settings are kept");
    assert.equal(created.body.project.name, "my-project");
    const got = await api<J>(t(), "GET", `${base}/${created.body.id}`);
    assert.equal(got.body.name, "nightly");
    assert.equal(
      got.body.html_url,
      `https://app.buddy.works/my-company/my-project/pipelines/pipeline/${created.body.id}`,
    );
    const del = await api<J>(t(), "DELETE", `${base}/${created.body.id}`);
    assert.equal(del.status, 204);
    assert.equal(del.text, "");
    assert.equal((await api<J>(t(), "GET", `${base}/${created.body.id}`)).status, 404);
  });

  it("refuses bad pipeline bodies", async () => {
    const base = "/workspaces/my-company/projects/my-project/pipelines";
    const r1 = await api<J>(t(), "POST", base, { on: "CLICK" });
    assert.equal(r1.status, 400);
    assert.match(r1.body.errors[0].message, /"name"/);
    const r2 = await api<J>(t(), "POST", base, { name: "x", on: "SOMETIMES" });
    assert.equal(r2.status, 400);
    assert.match(r2.body.errors[0].message, /"on"/);
  });

  it("paginates projects and pipelines", async () => {
    const base = "/workspaces/my-company/projects/my-project/pipelines";
    const p1 = await api<J>(t(), "GET", `${base}?per_page=1&page=2`);
    assert.deepEqual(
      p1.body.pipelines.map((p: J) => p.id),
      [2],
    );
  });

  describe("authentication and scopes", () => {
    it("401 without a token, with a wrong token, with a malformed header", async () => {
      const variants: Record<string, string>[] = [{}, { Authorization: "Bearer nope" }, { Authorization: "Basic all" }];
      for (const headers of variants) {
        const r = await api<J>({ url: ctx.emu.url }, "GET", "/workspaces/my-company", undefined, {
          headers,
          token: null,
        });
        assert.equal(r.status, 401);
        assert.equal(typeof r.body.errors[0].message, "string");
      }
    });

    it("403 when the token lacks the scope, per kind of endpoint", async () => {
      const cases: [string, string, string, unknown?][] = [
        ["info", "GET", "/workspaces"],
        ["info", "GET", "/workspaces/my-company/projects"],
        ["info", "POST", "/workspaces/my-company/projects", { display_name: "Z" }],
        ["info", "POST", "/workspaces/my-company/projects/my-project/pipelines", { name: "z" }],
        ["ws-only", "GET", "/workspaces/my-company/projects/my-project/pipelines"],
        ["none", "GET", "/workspaces/my-company/projects/my-project/pipelines/1/actions"],
      ];
      for (const [token, method, p, body] of cases) {
        const r = await api<J>(t(token), method, p, body);
        assert.equal(r.status, 403, `${token} ${method} ${p}`);
        assert.match(r.body.errors[0].message, /scope/);
      }
    });

    it("accepts either scope generation (PIPELINE_WRITE creates pipelines)", async () => {
      const r = await api<J>(t("pipeline-write"), "POST", "/workspaces/my-company/projects/my-project/pipelines", {
        name: "pw",
      });
      assert.equal(r.status, 201);
      const read = await api<J>(t("info"), "GET", "/workspaces/my-company/projects/my-project/pipelines");
      assert.equal(read.status, 200);
    });
  });

  describe("workspace flags", () => {
    it('api_disabled answers 403 "API is disabled in this workspace"', async () => {
      const r = await api<J>(t(), "GET", "/workspaces/off/projects/p/pipelines");
      assert.equal(r.status, 403);
      assert.deepEqual(r.body, { errors: [{ message: "API is disabled in this workspace" }] });
    });

    it('suspended answers 403 "Only active workspace have access to API"', async () => {
      const r = await api<J>(t(), "GET", "/workspaces/gone");
      assert.equal(r.status, 403);
      assert.deepEqual(r.body, { errors: [{ message: "Only active workspace have access to API" }] });
    });

    it("flags flip at runtime through the admin API", async () => {
      const put = await fetch(`${ctx.emu.url}/__emulator/workspaces/my-company`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ suspended: true }),
      });
      assert.equal(put.status, 200);
      assert.deepEqual(await put.json(), { name: "my-company", api_disabled: false, suspended: true });
      assert.equal((await api<J>(t(), "GET", "/workspaces/my-company/projects")).status, 403);
      ctx.emu.admin.setWorkspaceFlags("my-company", { suspended: false, api_disabled: true });
      const r = await api<J>(t(), "GET", "/workspaces/my-company/projects");
      assert.equal(r.status, 403);
      assert.equal(r.body.errors[0].message, "API is disabled in this workspace");
      const bad = await fetch(`${ctx.emu.url}/__emulator/workspaces/my-company`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ suspended: "yes" }),
      });
      assert.equal(bad.status, 400);
    });
  });

  describe("404 at each level, naming what is missing", () => {
    const cases: [string, RegExp][] = [
      ["/workspaces/nowhere", /Workspace "nowhere"/],
      ["/workspaces/nowhere/projects/my-project/pipelines/1/actions", /Workspace "nowhere"/],
      ["/workspaces/my-company/projects/nope", /Project "nope"/],
      ["/workspaces/my-company/projects/nope/pipelines", /Project "nope"/],
      ["/workspaces/my-company/projects/my-project/pipelines/77", /Pipeline 77/],
      ["/workspaces/my-company/projects/my-project/pipelines/abc/actions", /Pipeline abc/],
      ["/workspaces/my-company/projects/my-project/pipelines/1/actions/4242", /Action 4242/],
      ["/not/a/buddy/path", /No such endpoint/],
      // A base URL with a typo (the right host plus /api) misses every endpoint: a 404 that says nothing about the action.
      ["/api/workspaces/my-company/projects/my-project/pipelines/1/actions/1", /No such endpoint/],
    ];
    for (const [p, re] of cases) {
      it(`GET ${p}`, async () => {
        const r = await api<J>(t(), "GET", p);
        assert.equal(r.status, 404);
        assert.match(r.body.errors[0].message, re);
      });
    }
  });
});

// The admin API under /__emulator: request log, counters, reset, state, out-of-band edits, in-process admin object.
import { strict as assert } from "assert";
import { encryptSecret, startEmulator } from "../../emulator/index";
import type { CountersView, RequestLogEntry } from "../../emulator/index";
import type { EmulatorOptions, SeedPipeline } from "../../emulator/types";
import {
  actionsPath,
  admin,
  adminClearRequests,
  adminCounters,
  adminRequests,
  adminReset,
  api,
  ksiBody,
  useEmulator,
} from "../helpers/emulator";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

const ACTION_ENDPOINT = "PATCH /workspaces/:workspace/projects/:project_name/pipelines/:pipeline_id/actions/:action_id";

describe("emulator: admin API", () => {
  const ctx = useEmulator({}, true);
  const t = () => ({ url: ctx.emu.url, token: ctx.emu.token });
  const path = () => actionsPath(ctx.emu.workspace, "my-project", 1);

  it("GET /requests logs Buddy-path requests in order with seq, method, path, query, status, body, fault, at", async () => {
    await api<J>(t(), "GET", `${path()}?page=1&per_page=5`);
    const created = await api<J>(t(), "POST", path(), ksiBody());
    await api<J>(t(), "PATCH", `${path()}/${created.body.id}`, { image_tag: "2" });
    await api<J>({ url: ctx.emu.url }, "GET", "/workspaces", undefined, { token: "wrong" });
    await fetch(`${ctx.emu.url}/__emulator/state`); // admin calls are not logged
    const log = await adminRequests(ctx.emu.url);
    assert.equal(log.length, 4);
    const [get, post, patch, unauth] = log;
    assert.deepEqual(
      log.map((e: RequestLogEntry) => [e.method, e.path, e.status, e.fault]),
      [
        ["GET", path(), 200, null],
        ["POST", path(), 201, null],
        ["PATCH", `${path()}/${created.body.id}`, 200, null],
        ["GET", "/workspaces", 401, null],
      ],
    );
    assert.deepEqual(get.query, { page: "1", per_page: "5" });
    assert.equal(get.body, null);
    assert.deepEqual(post.body, ksiBody());
    assert.deepEqual(patch.body, { image_tag: "2" });
    assert.ok(post.seq > get.seq && patch.seq > post.seq && unauth.seq > patch.seq);
    assert.ok(!Number.isNaN(Date.parse(post.at)));

    await adminClearRequests(ctx.emu.url);
    assert.deepEqual(await adminRequests(ctx.emu.url), []);
  });

  it("the request log holds no plaintext secret: action bodies are logged with secrets encrypted as stored", async () => {
    await adminClearRequests(ctx.emu.url);
    const secrets = [
      "kubeconfig-plain",
      "pw-plain",
      "token-plain",
      "key-plain",
      "var-plain",
      "src-pw-plain",
      "dest-pw-plain",
    ];
    const ksi = ksiBody({
      content: "kubeconfig-plain",
      password: "pw-plain",
      token: "token-plain",
      client_key: "key-plain",
      server: "https://k8s.example.com",
      variables: [
        { key: "SECRET", value: "var-plain", encrypted: true },
        { key: "PLAIN", value: "visible" },
      ],
    });
    const created = await api<J>(t(), "POST", path(), ksi);
    assert.equal(created.status, 201);
    // A PATCH naming no type: the stored action's type decides which fields are secret.
    await api<J>(t(), "PATCH", `${path()}/${created.body.id}`, { content: "kubeconfig-plain", image_tag: "2" });
    const promote = {
      name: "Promote",
      type: "PROMOTE_IMAGE",
      src: {
        docker_registry: "OTHER",
        registry: "r.example.com",
        image: "web",
        username: "ci",
        password: "src-pw-plain",
      },
      dest: { docker_registry: "OTHER", registry: "r.example.com", image: "web", password: "dest-pw-plain" },
    };
    assert.equal((await api<J>(t(), "POST", path(), promote)).status, 201);
    // Refused bodies too (a 400 still logs what was sent).
    assert.equal((await api<J>(t(), "POST", path(), { ...ksi, image_tag: null })).status, 400);
    // An unknown type's own fields are stored as sent, so they are logged as sent.
    await api<J>(t(), "POST", path(), {
      name: "Notify",
      type: "NOT_IN_CATALOG",
      content: "hello",
      variables: [{ key: "S", value: "var-plain", encrypted: true }],
    });

    const log = await adminRequests(ctx.emu.url);
    const [post, patch, promoted, refused, slack] = log.map((e) => e.body as J);
    assert.deepEqual(post, {
      ...ksi,
      content: encryptSecret("kubeconfig-plain"),
      password: encryptSecret("pw-plain"),
      token: encryptSecret("token-plain"),
      client_key: encryptSecret("key-plain"),
      variables: [
        { key: "SECRET", value: encryptSecret("var-plain"), encrypted: true },
        { key: "PLAIN", value: "visible" },
      ],
    });
    assert.deepEqual(patch, { content: encryptSecret("kubeconfig-plain"), image_tag: "2" });
    assert.deepEqual(promoted, {
      ...promote,
      src: { ...promote.src, password: encryptSecret("src-pw-plain") },
      dest: { ...promote.dest, password: encryptSecret("dest-pw-plain") },
    });
    assert.equal(refused.content, encryptSecret("kubeconfig-plain"));
    assert.deepEqual(slack, {
      name: "Notify",
      type: "NOT_IN_CATALOG",
      content: "hello",
      variables: [{ key: "S", value: encryptSecret("var-plain"), encrypted: true }],
    });
    // What the store holds is what the log shows.
    assert.equal(created.body.content, post.content);
    // Nowhere in the admin API's answer, in any form.
    const raw = await (await fetch(`${ctx.emu.url}/__emulator/requests`)).text();
    for (const secret of secrets) assert.ok(!raw.includes(secret), `the request log serves ${secret}`);
  });

  it("a PATCH of a missing action naming no type is logged with every known type's secret fields encrypted", async () => {
    await adminClearRequests(ctx.emu.url);
    const r = await api<J>(t(), "PATCH", `${path()}/999999`, { content: "c-plain", src: { password: "p-plain" } });
    assert.equal(r.status, 404);
    const [entry] = await adminRequests(ctx.emu.url);
    assert.deepEqual(entry.body, { content: encryptSecret("c-plain"), src: { password: encryptSecret("p-plain") } });
  });

  it("GET /counters counts per endpoint pattern and per status", async () => {
    const id = (await api<J>(t(), "POST", path(), ksiBody())).body.id;
    await api<J>(t(), "PATCH", `${path()}/${id}`, { name: "a" });
    await api<J>(t(), "PATCH", `${path()}/${id}`, { type: "OTHER" });
    await api<J>(t(), "GET", "/nope");
    const c: CountersView = await adminCounters(ctx.emu.url);
    assert.equal(c.total, 4);
    assert.deepEqual(c.endpoints[ACTION_ENDPOINT], { total: 2, by_status: { "200": 1, "400": 1 } });
    assert.deepEqual(c.endpoints["POST /workspaces/:workspace/projects/:project_name/pipelines/:pipeline_id/actions"], {
      total: 1,
      by_status: { "201": 1 },
    });
    assert.deepEqual(c.endpoints["GET (unmatched)"], { total: 1, by_status: { "404": 1 } });
    assert.deepEqual(c.by_status, { "200": 1, "201": 1, "400": 1, "404": 1 });
  });

  it("POST /reset returns to the start state and clears the log and counters; ids are not reused", async () => {
    const first = (await api<J>(t(), "POST", path(), ksiBody())).body.id;
    await api<J>(t(), "POST", "/workspaces/my-company/projects", { display_name: "Extra" });
    await adminReset(ctx.emu.url);
    assert.deepEqual(await adminRequests(ctx.emu.url), []);
    assert.equal((await adminCounters(ctx.emu.url)).total, 0);
    const list = await api<J>(t(), "GET", path());
    assert.deepEqual(list.body.actions, []);
    const projects = await api<J>(t(), "GET", "/workspaces/my-company/projects");
    assert.deepEqual(
      projects.body.projects.map((p: J) => p.name),
      ["my-project"],
    );
    const pipelines = await api<J>(t(), "GET", "/workspaces/my-company/projects/my-project/pipelines");
    assert.deepEqual(
      pipelines.body.pipelines.map((p: J) => [p.id, p.name]),
      [
        [1, "build-and-deploy"],
        [2, "release"],
      ],
    );
    const again = (await api<J>(t(), "POST", path(), ksiBody())).body.id;
    assert.ok(again > first, "a stale client id never names a new action");
  });

  it("GET /state returns the whole store", async () => {
    await api<J>(t(), "POST", path(), ksiBody({ name: "in-state" }));
    const state = await admin<J>(ctx.emu.url, "GET", "/state");
    assert.equal(state.version, 1);
    assert.ok(Array.isArray(state.tokens));
    const ws = state.workspaces.find((w: J) => w.name === "my-company");
    const pl = ws.projects[0].pipelines.find((p: J) => p.id === 1);
    assert.equal(pl.actions[0].fields.name, "in-state");
    assert.ok(Number.isInteger(state.next_ids.action));
  });

  it("out-of-band PATCH/DELETE/POST: no auth, no rate limit, no faults, not logged, but stored", async () => {
    const created = (await api<J>(t(), "POST", path(), ksiBody())).body;
    await adminClearRequests(ctx.emu.url);
    await admin(ctx.emu.url, "PUT", "/faults", { rate: 1, kinds: ["500"] });
    const edited = await admin<J>(ctx.emu.url, "PATCH", `${path()}/${created.id}`, {
      image_tag: "from-ui",
      disabled: true,
    });
    assert.equal(edited.image_tag, "from-ui");
    assert.equal(edited.disabled, true);
    assert.equal(edited.name, created.name, "only the fields sent change");
    const added = await admin<J>(ctx.emu.url, "POST", path(), ksiBody({ name: "made in the UI" }));
    assert.ok(Number.isInteger(added.id));
    assert.deepEqual(await adminRequests(ctx.emu.url), []);
    await admin(ctx.emu.url, "PUT", "/faults", { rate: 0 });

    const seen = await api<J>(t(), "GET", `${path()}/${created.id}`);
    assert.equal(seen.body.image_tag, "from-ui");
    await admin(ctx.emu.url, "DELETE", `${path()}/${created.id}`);
    assert.equal((await api<J>(t(), "GET", `${path()}/${created.id}`)).status, 404);

    // Same rules as the API: type change, validation, 404s.
    const typeChange = await fetch(`${ctx.emu.url}/__emulator${path()}/${added.id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ type: "PROMOTE_IMAGE" }),
    });
    assert.equal(typeChange.status, 400);
    const missing = await fetch(`${ctx.emu.url}/__emulator${path()}/999999`, { method: "DELETE" });
    assert.equal(missing.status, 404);
    assert.match(((await missing.json()) as J).errors[0].message, /Action 999999/);
    const badId = await fetch(`${ctx.emu.url}/__emulator${path()}/abc`, { method: "DELETE" });
    assert.equal(badId.status, 404);
  });

  it("unknown admin paths are 404 with an error body", async () => {
    const r = await fetch(`${ctx.emu.url}/__emulator/nothing`);
    assert.equal(r.status, 404);
    assert.ok(((await r.json()) as J).errors);
  });

  it("the in-process admin object does the same", async () => {
    const a = ctx.emu.admin.addAction("my-company", "my-project", 1, { ...ksiBody(), name: "oob" } as J);
    const e = ctx.emu.admin.editAction("my-company", "my-project", 1, a.id as number, { image_tag: "x" });
    assert.equal(e.image_tag, "x");
    assert.equal(ctx.emu.admin.requests().length, 0);
    ctx.emu.admin.deleteAction("my-company", "my-project", 1, a.id as number);
    assert.equal((await api<J>(t(), "GET", path())).body.actions.length, 0);
    assert.equal(ctx.emu.admin.counters().total, 1);
    assert.deepEqual(ctx.emu.admin.getFaults(), { rate: 0, kinds: [] });
  });
});

describe("emulator: seeds and options", () => {
  it("seeds workspaces, projects, pipelines, actions (fixed and assigned ids) and tokens", async () => {
    const emu = await startEmulator({
      seed: {
        tokens: [{ token: "seeded", scopes: ["EXECUTION_INFO", "WORKSPACE"] }],
        workspaces: [
          {
            name: "acme",
            projects: [
              {
                display_name: "Web Site",
                pipelines: [
                  {
                    id: 10,
                    name: "deploy",
                    actions: [
                      { id: 100, ...ksiBody({ name: "first" }) } as J,
                      { ...ksiBody({ name: "second", content: "secret" }) } as J,
                    ],
                  },
                  { name: "other" },
                  { id: 11, name: "fixed later" },
                ],
              },
            ],
          },
        ],
      },
    });
    try {
      assert.equal(emu.workspace, "acme");
      assert.equal(emu.token, "seeded");
      const t = { url: emu.url, token: "seeded" };
      const list = await api<J>(t, "GET", actionsPath("acme", "web-site", 10));
      assert.equal(list.status, 200);
      assert.deepEqual(
        list.body.actions.map((a: J) => [a.id, a.name]),
        [
          [100, "first"],
          [101, "second"],
        ],
      );
      assert.match(list.body.actions[1].content, /^secure!/);
      const pipelines = await api<J>(t, "GET", "/workspaces/acme/projects/web-site/pipelines");
      // Automatic ids skip fixed ones named anywhere in the seed.
      assert.deepEqual(
        pipelines.body.pipelines.map((p: J) => p.id),
        [10, 12, 11],
      );
      // No default project in a seeded workspace.
      assert.equal((await api<J>(t, "GET", "/workspaces/acme/projects")).body.projects.length, 1);
    } finally {
      await emu.close();
    }
  });

  it("an invalid seed fails to start with a message naming the problem", async () => {
    /** A seed of one workspace and project holding `pipelines`. */
    const seedOf = (pipelines: SeedPipeline[]): EmulatorOptions => ({
      seed: { workspaces: [{ name: "w", projects: [{ display_name: "P", pipelines }] }] },
    });
    await assert.rejects(
      startEmulator(seedOf([{ name: "x", actions: [{ name: "a", type: "KUBERNETES_SET_IMAGE" }] }])),
      /seed: action "a".*namespace/,
    );
    await assert.rejects(
      startEmulator(
        seedOf([
          { id: 1, name: "a" },
          { id: 1, name: "b" },
        ]),
      ),
      /reuses id 1/,
    );
  });

  it("defaults: random all-scopes token, workspace my-company with my-project and pipelines 1 and 2", async () => {
    const emu = await startEmulator();
    try {
      assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(emu.workspace, "my-company");
      assert.match(emu.token, /^[0-9a-f]{48}$/);
      const r = await api<J>(
        { url: emu.url, token: emu.token },
        "GET",
        "/workspaces/my-company/projects/my-project/pipelines",
      );
      assert.deepEqual(
        r.body.pipelines.map((p: J) => [p.id, p.name]),
        [
          [1, "build-and-deploy"],
          [2, "release"],
        ],
      );
      const p = await api<J>({ url: emu.url, token: emu.token }, "GET", "/workspaces/my-company/projects/my-project");
      assert.equal(p.body.display_name, "My Project");
      // Two emulators side by side get different ports and tokens.
      const other = await startEmulator({ workspace: "elsewhere" });
      try {
        assert.notEqual(other.port, emu.port);
        assert.notEqual(other.token, emu.token);
        assert.equal(other.workspace, "elsewhere");
        const o = await api<J>(
          { url: other.url, token: other.token },
          "GET",
          "/workspaces/elsewhere/projects/my-project",
        );
        assert.equal(o.status, 200);
      } finally {
        await other.close();
      }
    } finally {
      await emu.close();
      await emu.close(); // idempotent
    }
  });
});

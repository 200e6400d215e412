// Persistence: everything acknowledged survives a restart (id counters too), the file is replaced atomically, and a
// kill -9 in the middle of a stream of writes leaves a parseable file holding every acknowledged create.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator } from "../../emulator/index";
import { actionsPath, api, ksiBody, spawnEmulatorCli } from "../helpers/emulator";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

describe("emulator: persistence", function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "buddy-emulator-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("restores everything after a restart, including id counters and the token", async () => {
    const dataFile = path.join(dir, "state.json");
    const first = await startEmulator({ dataFile });
    const t = { url: first.url, token: first.token };
    const ids: number[] = [];
    let pipelineId: number;
    try {
      assert.ok(fs.existsSync(dataFile), "the file exists from the start");
      await api<J>(t, "POST", "/workspaces/my-company/projects", { display_name: "Second" });
      pipelineId = (await api<J>(t, "POST", "/workspaces/my-company/projects/second/pipelines", { name: "p" })).body.id;
      for (let i = 0; i < 3; i++) {
        const r = await api<J>(
          t,
          "POST",
          actionsPath("my-company", "second", pipelineId),
          ksiBody({ name: `a${i}`, password: "hunter2" }),
        );
        assert.equal(r.status, 201);
        ids.push(r.body.id);
      }
      await api<J>(t, "PATCH", `${actionsPath("my-company", "second", pipelineId)}/${ids[0]}`, {
        image_tag: "edited",
        after_action_id: ids[2],
      });
      await api<J>(t, "DELETE", `${actionsPath("my-company", "second", pipelineId)}/${ids[1]}`);
      first.admin.setWorkspaceFlags("my-company", { api_disabled: false });
    } finally {
      await first.close();
    }

    const text = fs.readFileSync(dataFile, "utf8");
    JSON.parse(text);
    assert.ok(!text.includes("hunter2"), "secrets are stored encrypted");
    assert.equal(fs.statSync(dataFile).mode & 0o777, 0o600);
    assert.deepEqual(fs.readdirSync(dir), ["state.json"], "no temporary files left");

    const second = await startEmulator({ dataFile });
    try {
      assert.equal(second.token, first.token, "tokens come back from the data file when none are given");
      const t2 = { url: second.url, token: second.token };
      const list = await api<J>(t2, "GET", actionsPath("my-company", "second", pipelineId));
      assert.deepEqual(
        list.body.actions.map((a: J) => [a.id, a.name, a.image_tag]),
        [
          [ids[2], "a2", "1.7.8"],
          [ids[0], "a0", "edited"],
        ],
      );
      const next = await api<J>(t2, "POST", actionsPath("my-company", "second", pipelineId), ksiBody());
      assert.ok(next.body.id > Math.max(...ids), "ids are never reused after a restart");
      const pl = await api<J>(t2, "POST", "/workspaces/my-company/projects/second/pipelines", { name: "q" });
      assert.ok(pl.body.id > pipelineId);
      // The default project is still there (it was in the file, not re-seeded).
      const projects = await api<J>(t2, "GET", "/workspaces/my-company/projects");
      assert.deepEqual(
        projects.body.projects.map((p: J) => p.name),
        ["my-project", "second"],
      );
    } finally {
      await second.close();
    }
  });

  it("explicit tokens replace the stored ones; workspace flags persist", async () => {
    const dataFile = path.join(dir, "state.json");
    const a = await startEmulator({ dataFile });
    a.admin.setWorkspaceFlags("my-company", { suspended: true });
    await a.close();
    const b = await startEmulator({ dataFile, tokens: [{ token: "new", scopes: ["WORKSPACE"] }] });
    try {
      assert.equal((await api<J>({ url: b.url, token: a.token }, "GET", "/workspaces")).status, 401);
      const r = await api<J>({ url: b.url, token: "new" }, "GET", "/workspaces/my-company");
      assert.equal(r.status, 403);
      assert.equal(r.body.errors[0].message, "Only active workspace have access to API");
    } finally {
      await b.close();
    }
  });

  it("a corrupt or foreign data file is a clear start-up error, never silently replaced", async () => {
    const dataFile = path.join(dir, "state.json");
    fs.writeFileSync(dataFile, "{ not json");
    await assert.rejects(startEmulator({ dataFile }), /not valid JSON/);
    fs.writeFileSync(dataFile, JSON.stringify({ hello: 1 }));
    await assert.rejects(startEmulator({ dataFile }), /not a buddy-emulator data file/);
    assert.equal(fs.readFileSync(dataFile, "utf8"), JSON.stringify({ hello: 1 }));
  });

  it("a stale temporary file from a killed run is removed on start", async () => {
    const dataFile = path.join(dir, "state.json");
    fs.writeFileSync(path.join(dir, ".state.json.12345.tmp"), "{ half wri");
    const emu = await startEmulator({ dataFile });
    await emu.close();
    assert.deepEqual(fs.readdirSync(dir), ["state.json"]);
  });

  it("kill -9 mid-stream: the file parses and holds every acknowledged create", async () => {
    const dataFile = path.join(dir, "state.json");
    const cli = await spawnEmulatorCli(["--data", dataFile, "--token", "T", "--quiet"]);
    const t = { url: cli.url, token: "T" };
    const p1 = actionsPath("my-company", "my-project", 1);
    const acked: number[] = [];
    let killed = false;
    let enoughAcked!: () => void;
    const eightyAcked = new Promise<void>((resolve) => (enoughAcked = resolve));
    const worker = async (w: number): Promise<void> => {
      for (let i = 0; !killed; i++) {
        try {
          const r = await api<J>(t, "POST", p1, ksiBody({ name: `w${w}-${i}`, content: "kubeconfig" }));
          if (r.status === 201 && acked.push(r.body.id) === 80) enoughAcked();
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = [0, 1, 2, 3, 4, 5].map(worker);
    await eightyAcked;
    killed = true;
    const exit = await cli.stop("SIGKILL");
    await Promise.all(workers);
    assert.equal(exit.signal, "SIGKILL");

    const text = fs.readFileSync(dataFile, "utf8");
    assert.doesNotThrow(() => JSON.parse(text), "the data file parses after kill -9");

    const emu = await startEmulator({ dataFile });
    try {
      assert.equal(emu.token, "T");
      const stored: number[] = [];
      for (let page = 1; ; page++) {
        const r = await api<J>({ url: emu.url, token: "T" }, "GET", `${p1}?page=${page}&per_page=100`);
        stored.push(...r.body.actions.map((a: J) => a.id));
        if (r.body.actions.length < 100) break;
      }
      const missing = acked.filter((id) => !stored.includes(id));
      assert.deepEqual(missing, [], `acknowledged but lost: ${missing.join(", ")}`);
      assert.ok(stored.length >= acked.length);
      assert.equal(new Set(stored).size, stored.length, "no duplicate ids");
    } finally {
      await emu.close();
    }
  });
});

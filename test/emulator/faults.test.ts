// Fault injection: each kind does what it says; faulted requests (except commit-then-drop) change nothing.
import { strict as assert } from "assert";
import { startEmulator } from "../../emulator/index";
import type { FaultConfig, FaultKind } from "../../emulator/index";
import { ManualClock } from "../helpers/clock";
import { actionsPath, admin, adminRequests, adminSetFaults, api, ksiBody, useEmulator } from "../helpers/emulator";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

describe("emulator: fault injection", () => {
  const ctx = useEmulator({}, true);
  const t = () => ({ url: ctx.emu.url, token: ctx.emu.token });
  const path = () => actionsPath(ctx.emu.workspace, "my-project", 1);
  const faults = (config: FaultConfig) => adminSetFaults(ctx.emu.url, config);
  /** The pipeline's actions as the server holds them, read with faults off. */
  const stored = async (): Promise<J[]> => {
    const saved = await admin<FaultConfig>(ctx.emu.url, "GET", "/faults");
    await faults({ rate: 0, kinds: [] });
    const r = await api<J>(t(), "GET", `${path()}?per_page=100`);
    await faults(saved);
    return r.body.actions;
  };

  it("GET/PUT /__emulator/faults read and replace the configuration; bad configs are 400", async () => {
    assert.deepEqual(await admin(ctx.emu.url, "GET", "/faults"), { rate: 0, kinds: [] });
    const set = await faults({ rate: 0.5, kinds: ["500", "drop"], latencyMs: 10, seed: 7, methods: ["post"] });
    assert.deepEqual(set, { rate: 0.5, kinds: ["500", "drop"], latencyMs: 10, seed: 7, methods: ["POST"] });
    for (const bad of [{ rate: 2, kinds: ["500"] }, { rate: 0.1, kinds: ["teapot"] }, { rate: 0.1, kinds: [] }, [1]]) {
      const r = await fetch(`${ctx.emu.url}/__emulator/faults`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(bad),
      });
      assert.equal(r.status, 400, JSON.stringify(bad));
      assert.ok(((await r.json()) as J).errors.length > 0);
    }
    assert.deepEqual(await faults({ rate: 0, kinds: [] }), { rate: 0, kinds: [] });
  });

  for (const [kind, status] of [
    ["500", 500],
    ["502", 502],
    ["503", 503],
    ["429", 429],
  ] as [FaultKind, number][]) {
    it(`${kind}: answers ${status} with an error body and does nothing`, async () => {
      await faults({ rate: 1, kinds: [kind] });
      const get = await api<J>(t(), "GET", path());
      assert.equal(get.status, status);
      assert.equal(typeof get.body.errors[0].message, "string");
      assert.ok(get.headers.get("x-rate-limit-limit"));
      if (kind === "429") {
        assert.equal(get.headers.get("retry-after"), "1");
        assert.equal(get.headers.get("x-rate-limit-remaining"), "0");
        assert.ok(Number(get.headers.get("x-rate-limit-reset")) <= Math.ceil(Date.now() / 1000) + 1);
      }
      const post = await api<J>(t(), "POST", path(), ksiBody());
      assert.equal(post.status, status);
      const log = await adminRequests(ctx.emu.url);
      assert.deepEqual(
        log.map((e) => [e.method, e.status, e.fault]),
        [
          ["GET", status, kind],
          ["POST", status, kind],
        ],
      );
      assert.deepEqual(log[1].body, ksiBody());
      assert.deepEqual(await stored(), [], "a faulted POST stores nothing");
    });
  }

  it("faulted PATCH and DELETE change nothing", async () => {
    const id = (await api<J>(t(), "POST", path(), ksiBody())).body.id;
    await faults({ rate: 1, kinds: ["500", "503", "drop", "429", "502"] });
    for (let i = 0; i < 6; i++) {
      await api<J>(t(), "PATCH", `${path()}/${id}`, { name: `changed ${i}` }).catch(() => undefined);
      await api<J>(t(), "DELETE", `${path()}/${id}`).catch(() => undefined);
    }
    const actions = await stored();
    assert.equal(actions.length, 1);
    assert.equal(actions[0].name, "Set image");
  });

  it("drop: the connection is destroyed without an answer, before anything is done", async () => {
    await faults({ rate: 1, kinds: ["drop"] });
    await assert.rejects(api<J>(t(), "POST", path(), ksiBody()));
    await assert.rejects(api<J>(t(), "GET", path()));
    const log = await adminRequests(ctx.emu.url);
    assert.deepEqual(
      log.map((e) => [e.method, e.status, e.fault]),
      [
        ["POST", null, "drop"],
        ["GET", null, "drop"],
      ],
    );
    assert.deepEqual(await stored(), []);
  });

  it("latency: waits latencyMs (of the emulator's clock) before handling the request, then answers normally", async () => {
    const clock = new ManualClock();
    const emu = await startEmulator({
      clock,
      faults: { rate: 1, kinds: ["latency"], latencyMs: 150, methods: ["POST"] },
    });
    try {
      const where = actionsPath(emu.workspace, "my-project", 1);
      let answered = false;
      const post = api<J>(emu, "POST", where, ksiBody()).finally(() => (answered = true));
      assert.equal(await clock.nextSleep(), 150);
      const during = await api<J>(emu, "GET", where);
      assert.deepEqual([answered, during.body.actions], [false, []], "not handled while the latency lasts");
      clock.advance(150);
      assert.equal((await post).status, 201);
      assert.equal((await api<J>(emu, "GET", where)).body.actions.length, 1);
    } finally {
      await emu.close();
    }
  });

  it("commit-then-drop: the POST is stored, the client gets a socket error; other methods unaffected", async () => {
    await faults({ rate: 1, kinds: ["commit-then-drop"] });
    await assert.rejects(api<J>(t(), "POST", path(), ksiBody({ name: "ghost" })), (err: Error) => {
      assert.match(
        String((err as J).cause?.code ?? err.message),
        /ECONNRESET|UND_ERR_SOCKET|socket|fetch failed|other side closed/i,
      );
      return true;
    });
    // GET is not a POST: commit-then-drop does not apply, so it is answered normally.
    const listed = await api<J>(t(), "GET", path());
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.actions.map((a: J) => a.name),
      ["ghost"],
    );
    const log = await adminRequests(ctx.emu.url);
    assert.deepEqual(
      log.map((e) => [e.method, e.status, e.fault]),
      [
        ["POST", 201, "commit-then-drop"],
        ["GET", 200, null],
      ],
    );
    // In-process state agrees.
    assert.equal(JSON.stringify(ctx.emu.admin.state()).includes("ghost"), true);
  });

  it("methods limits which requests can fault", async () => {
    await faults({ rate: 1, kinds: ["500"], methods: ["PATCH"] });
    const created = await api<J>(t(), "POST", path(), ksiBody());
    assert.equal(created.status, 201);
    assert.equal((await api<J>(t(), "GET", path())).status, 200);
    assert.equal((await api<J>(t(), "PATCH", `${path()}/${created.body.id}`, { name: "x" })).status, 500);
  });

  it("the admin API is never faulted", async () => {
    await faults({ rate: 1, kinds: ["drop", "500"] });
    assert.equal((await fetch(`${ctx.emu.url}/__emulator/state`)).status, 200);
    assert.equal((await fetch(`${ctx.emu.url}/__emulator/counters`)).status, 200);
  });

  it("a share of requests, chosen by a seeded PRNG: same seed, same sequence", async () => {
    const run = async (): Promise<(number | string)[]> => {
      await faults({ rate: 0.3, kinds: ["500", "503", "drop"], seed: 42 });
      const out: (number | string)[] = [];
      for (let i = 0; i < 100; i++) {
        const r = await api<J>(t(), "GET", "/workspaces").then(
          (x) => x.status,
          () => "dropped",
        );
        out.push(r);
      }
      return out;
    };
    const a = await run();
    const b = await run();
    assert.deepEqual(a, b);
    const faulted = a.filter((s) => s !== 200).length;
    assert.ok(faulted >= 15 && faulted <= 45, `faulted ${faulted} of 100`);
    assert.ok(a.includes(500) && a.includes(503) && a.includes("dropped"));
  });

  it("faults configured at start (options), and reset goes back to them", async () => {
    const emu = await startEmulator({ faults: { rate: 1, kinds: ["503"] } });
    try {
      const r = await api<J>({ url: emu.url, token: emu.token }, "GET", "/workspaces");
      assert.equal(r.status, 503);
      emu.admin.setFaults({ rate: 0, kinds: [] });
      assert.equal((await api<J>({ url: emu.url, token: emu.token }, "GET", "/workspaces")).status, 200);
      emu.admin.reset();
      assert.equal((await api<J>({ url: emu.url, token: emu.token }, "GET", "/workspaces")).status, 503);
    } finally {
      await emu.close();
    }
  });
});

// Holding requests until released (admin API /__emulator/hold): a held request has done nothing until it is
// released; waiting for N held requests is an event, not a sleep; released requests commit (or are dropped).
import { strict as assert } from "assert";
import { actionsPath, admin, api, ksiBody, useEmulator } from "../helpers/emulator";
import type { HeldRequest, HoldRule } from "../../emulator/index";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

describe("emulator: holding requests until released", () => {
  const ctx = useEmulator({}, true);
  const t = () => ({ url: ctx.emu.url, token: ctx.emu.token });
  const path = () => actionsPath(ctx.emu.workspace, "my-project", 1);
  const listed = async (): Promise<string[]> =>
    (await api<J>(t(), "GET", path())).body.actions.map((a: J) => a.name as string);

  it("holds the next N matching POSTs; nothing is created until release, then each commits", async () => {
    await admin(ctx.emu.url, "PUT", "/hold", { method: "POST", pathPattern: "/actions$", count: 2 });
    const first = api<J>(t(), "POST", path(), ksiBody({ name: "A" }));
    const second = api<J>(t(), "POST", path(), ksiBody({ name: "B" }));
    const { held } = await admin<{ held: HeldRequest[] }>(ctx.emu.url, "POST", "/hold/wait", { count: 2 });
    assert.deepEqual(
      held.map((h) => [h.method, h.path]),
      [
        ["POST", path()],
        ["POST", path()],
      ],
    );
    // Held: not in the pipeline yet, and other requests (GET, a third POST past the count) are not held.
    assert.deepEqual(await listed(), []);
    const third = await api<J>(t(), "POST", path(), ksiBody({ name: "C" }));
    assert.equal(third.status, 201);
    assert.deepEqual(await listed(), ["C"]);
    const view = await admin<{ rules: HoldRule[]; held: HeldRequest[] }>(ctx.emu.url, "GET", "/hold");
    assert.deepEqual(view.rules, [], "the rule is used up after 2");
    assert.equal(view.held.length, 2);

    const { released } = await admin<{ released: number[] }>(ctx.emu.url, "POST", "/hold/release", {});
    assert.deepEqual(
      released,
      held.map((h) => h.id),
    );
    assert.equal((await first).status, 201);
    assert.equal((await second).status, 201);
    assert.deepEqual((await listed()).sort(), ["A", "B", "C"]);
  });

  it("a held request whose client went away still commits when released (as a server does)", async () => {
    ctx.emu.admin.hold({ method: "PATCH", count: 1 });
    const created = await api<J>(t(), "POST", path(), ksiBody({ name: "A" }));
    const aborter = new AbortController();
    const patch = fetch(`${ctx.emu.url}${path()}/${created.body.id}`, {
      method: "PATCH",
      headers: { Authorization: `Bearer ${ctx.emu.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ image_tag: "9.9.9" }),
      signal: aborter.signal,
    }).catch((err: Error) => err);
    await ctx.emu.admin.waitForHeld(1);
    aborter.abort();
    assert.ok((await patch) instanceof Error, "the client gave up");
    const [{ id }] = ctx.emu.admin.holds().held;
    // Released requests are handled in order; a GET after the release sees the PATCH applied once the held one
    // has gone through, which the request log records.
    ctx.emu.admin.release({ ids: [id] });
    for (;;) {
      const log = ctx.emu.admin.requests().filter((r) => r.method === "PATCH");
      if (log.length === 1) break;
      await new Promise((r) => setImmediate(r));
    }
    const read = await api<J>(t(), "GET", `${path()}/${created.body.id}`);
    assert.equal(read.body.image_tag, "9.9.9");
  });

  it('release with how: "drop" closes the connection and does nothing', async () => {
    ctx.emu.admin.hold({ method: "POST" });
    const post = api<J>(t(), "POST", path(), ksiBody({ name: "Dropped" })).catch((err: Error) => err);
    await ctx.emu.admin.waitForHeld(1);
    ctx.emu.admin.release({ how: "drop" });
    assert.ok((await post) instanceof Error, "no answer");
    ctx.emu.admin.clearHolds();
    assert.deepEqual(await listed(), []);
    assert.equal(ctx.emu.admin.requests().find((r) => r.method === "POST")?.status, null);
  });

  it("skip: the first matching requests go through, the next ones are held", async () => {
    await admin(ctx.emu.url, "PUT", "/hold", { method: "POST", pathPattern: "/actions$", count: 1, skip: 1 });
    const view = await admin<{ rules: HoldRule[] }>(ctx.emu.url, "GET", "/hold");
    assert.deepEqual(view.rules, [{ method: "POST", pathPattern: "/actions$", count: 1, skip: 1 }]);
    assert.equal((await api<J>(t(), "POST", path(), ksiBody({ name: "A" }))).status, 201);
    const second = api<J>(t(), "POST", path(), ksiBody({ name: "B" }));
    const { held } = await admin<{ held: HeldRequest[] }>(ctx.emu.url, "POST", "/hold/wait", { count: 1 });
    assert.equal(held.length, 1);
    assert.deepEqual(await listed(), ["A"]);
    await admin(ctx.emu.url, "POST", "/hold/release", {});
    assert.equal((await second).status, 201);
    assert.deepEqual(await listed(), ["A", "B"]);
  });

  it("wait answers 408 when fewer requests are held by its timeout; bad rules are 400", async () => {
    const res = await fetch(`${ctx.emu.url}/__emulator/hold/wait`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ count: 1, timeoutMs: 0 }),
    });
    assert.equal(res.status, 408);
    for (const bad of [
      {},
      { method: "POST", count: 0 },
      { method: "POST", pathPattern: "(" },
      { method: "POST", skip: -1 },
    ]) {
      const r = await fetch(`${ctx.emu.url}/__emulator/hold`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(bad),
      });
      assert.equal(r.status, 400, JSON.stringify(bad));
    }
  });

  it("reset releases held requests and removes the rules", async () => {
    ctx.emu.admin.hold({ method: "GET" });
    const get = api<J>(t(), "GET", path());
    await ctx.emu.admin.waitForHeld(1);
    ctx.emu.admin.reset();
    assert.equal((await get).status, 200);
    assert.deepEqual(ctx.emu.admin.holds(), { rules: [], held: [] });
  });
});

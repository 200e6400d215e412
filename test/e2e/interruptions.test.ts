// Runs that die half-way, through the real CLI against the emulator (issue 17): the emulator holds requests until
// released, so each interruption lands while creates, updates or deletes are in flight, without sleeps. After each
// interruption and the documented recovery (README Troubleshooting, "the runner died during `pulumi up`"), Buddy
// must hold exactly one action per declared resource, none orphaned, and the state must equal Buddy.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { HoldRule } from "../../emulator/index";
import type { EmulatorAdmin } from "./emulator-admin";
import { buddyResources, useEmulatorStack, type LocalStack } from "./harness";
import { isAlive, repoRoot } from "../../scripts/pulumi-stack";

/** The bin `npx pulumi-buddy-actions` runs, from the staged package the program uses. */
const RECOVER_BIN = path.join(
  repoRoot,
  "node_modules",
  "pulumi-buddy-actions",
  "dist",
  "provider",
  "recovery",
  "cli.js",
);
const BULK = 5;
/** set-image, tag-image, generic and the bulk actions: 8 resources, all in pipeline 1. */
const declared = (bulk: number, suffix = ""): string[] => [
  "Set image",
  "Tag image",
  "Generic",
  ...Array.from({ length: bulk }, (_, i) => `Bulk ${i}${suffix}`),
];

interface Counts {
  buddy: number;
  state: number;
  duplicated: number;
  orphaned: number;
  pending: number;
}

describe("e2e: interrupted runs and the documented recovery", function () {
  this.timeout(600_000);
  const ctx = useEmulatorStack({ bulk: BULK });
  let admin: EmulatorAdmin;
  let stack: LocalStack;
  const table: string[] = [];
  before(() => {
    ({ admin, stack } = ctx);
  });
  afterEach(() => ctx.emulator.admin.clearHolds());
  after(() => {
    console.log(`\n      case | buddy | state | duplicated | orphaned | pending\n${table.join("\n")}`);
  });

  async function counts(expected: string[]): Promise<Counts> {
    const server = await admin.actions(1);
    const { deployment } = await stack.exportState();
    const state = buddyResources(deployment);
    const stateIds = new Set(state.map((r) => Number(String(r.id).split("/")[3])));
    const names = server.map((a) => a.name).sort();
    const pending = (deployment.deployment as { pending_operations?: unknown[] }).pending_operations?.length ?? 0;
    const c: Counts = {
      buddy: server.length,
      state: state.length,
      duplicated: names.filter((n, i) => names[i - 1] === n).length,
      orphaned: server.filter((a) => !stateIds.has(a.id)).length,
      pending,
    };
    assert.deepStrictEqual(names, [...expected].sort(), "Buddy holds exactly the declared actions");
    // State equals Buddy: same ids, and each resource's recorded name is Buddy's.
    assert.deepStrictEqual(
      [...stateIds].sort((a, b) => a - b),
      server.map((a) => a.id).sort((a, b) => a - b),
    );
    for (const r of state) {
      const action = server.find((a) => a.id === Number(String(r.id).split("/")[3]));
      assert.strictEqual((r.outputs as Record<string, unknown>).name, action?.name, r.urn);
    }
    return c;
  }

  function report(what: string, c: Counts): void {
    table.push(`      ${what} | ${c.buddy} | ${c.state} | ${c.duplicated} | ${c.orphaned} | ${c.pending}`);
  }

  /**
   * The CLI writes its checkpoint (the pending operations) around each step, and a SIGKILL that lands while it writes
   * leaves a truncated file no later command can load ("failed to load checkpoint: EOF"; a hazard of the CLI's file
   * backend, not of this package). A runner dying is what this suite recreates, not a disk write cut in half, so the
   * kill waits until the checkpoint on disk is whole, records at least `pending` interrupted operations, and reads the
   * same twice in a row: the CLI is then waiting on the held requests.
   */
  async function checkpointWritten(pending: number): Promise<void> {
    const file = findFile(path.join(stack.backendDir, ".pulumi", "stacks"), `${stack.stackName}.json`);
    const deadline = Date.now() + 60_000;
    let previous = "";
    while (Date.now() < deadline) {
      const text = file !== undefined && fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
      try {
        const ops = (JSON.parse(text) as { checkpoint?: { latest?: { pending_operations?: unknown[] } } }).checkpoint
          ?.latest?.pending_operations;
        if ((ops?.length ?? 0) >= pending && text === previous) return;
      } catch {
        // being written
      }
      previous = text;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the checkpoint never recorded ${pending} pending operations`);
  }

  /**
   * Starts `pulumi up` (with `extra` flags), waits until `held` requests matching `rule` are held in Buddy, then
   * sends `sig`.
   */
  async function interruptUp(rule: HoldRule, held: number, sig: NodeJS.Signals, extra: string[] = []): Promise<string> {
    ctx.emulator.admin.hold(rule);
    const run = stack.start(["up", "--yes", "--skip-preview", ...extra]);
    const requests = await Promise.race([
      ctx.emulator.admin.waitForHeld(held, 300_000),
      run.done.then((r): never => {
        throw new Error(`pulumi up ended before ${held} requests were held:\n${r.output}`);
      }),
    ]);
    if (rule.method !== "POST") {
      // That many operations in flight, not one request and the client's retries of it.
      assert.strictEqual(new Set(requests.map((r) => r.path)).size, held, JSON.stringify(requests));
    }
    if (sig === "SIGKILL") await checkpointWritten(held);
    const alsoSignalled = run.signal(sig);
    if (sig === "SIGKILL") {
      // Buddy still commits what it had already read, its client gone or not. Each released request's handler
      // commits as soon as it resumes, before any later request of this test reaches the emulator.
      await run.done;
      // A dead runner leaves no process behind: the providers the CLI started (groups of their own) went with it.
      assert.ok(alsoSignalled.length > 0, "the CLI had started its plugins");
      // SIGKILL takes effect when the kernel next runs each process; there is no event to wait on, so look again
      // until a deadline (a look, not a pause the assertion depends on).
      const deadline = Date.now() + 10_000;
      while (alsoSignalled.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.deepStrictEqual(alsoSignalled.filter(isAlive), [], "every process the killed CLI started is gone");
      ctx.emulator.admin.release();
    } else {
      ctx.emulator.admin.release();
      await run.done;
    }
    ctx.emulator.admin.clearHolds();
    return run.output();
  }

  /** The documented recovery, as README's Troubleshooting writes it. */
  async function recover(): Promise<string> {
    const cancel = await stack.run(["cancel", "--yes"]);
    assert.strictEqual(cancel.code, 0, cancel.output);
    const r = await stack.shell(`node ${JSON.stringify(RECOVER_BIN)} recover --stack "$PULUMI_STACK"`);
    assert.strictEqual(r.code, 0, r.output);
    return r.output;
  }

  it("SIGINT mid-create: the CLI lets the creates in flight finish; state equals Buddy; `up` makes the rest", async () => {
    await interruptUp({ method: "POST", pathPattern: "/actions$", count: 3 }, 3, "SIGINT");
    const { deployment } = await stack.exportState();
    const after = buddyResources(deployment).length;
    const server = await admin.actions(1);
    assert.strictEqual(after, server.length, "nothing unrecorded after Ctrl-C");
    assert.ok(after >= 3 && after < 8, `some created, not all (${after})`);
    const noop = await stack.shell(`node ${JSON.stringify(RECOVER_BIN)} recover --stack "$PULUMI_STACK"`);
    assert.strictEqual(noop.code, 0, noop.output);
    assert.match(noop.output, /no interrupted operations, nothing to recover/);
    await stack.up();
    const c = await counts(declared(BULK));
    report("SIGINT mid-create, then `pulumi up`", c);
    assert.deepStrictEqual(c, { buddy: 8, state: 8, duplicated: 0, orphaned: 0, pending: 0 });
    await stack.destroy();
  });

  it("SIGKILL mid-create while someone adds an identical action: recover records the killed creates' actions by their claim names and leaves the person's copy alone", async () => {
    await interruptUp({ method: "POST", pathPattern: "/actions$", count: 3 }, 3, "SIGKILL");
    // The killed run's actions still carry their creates' claim names (create.ts); a person adds an identical copy
    // of one of them, under the resource's own name.
    const { deployment } = await stack.exportState();
    const pendingInputs = (
      (deployment.deployment as { pending_operations?: Array<{ resource: { inputs: Record<string, unknown> } }> })
        .pending_operations ?? []
    ).map((op) => op.resource.inputs);
    const server = await admin.actions(1);
    const claimed = server.filter((a) => /^pulumi-create-[0-9a-f]{16}$/.test(a.name));
    assert.ok(
      claimed.length >= 3,
      `the held creates' actions carry claim names: ${server.map((a) => a.name).join(", ")}`,
    );
    const ofBulk = pendingInputs.find(
      (i) => /^Bulk /.test(String(i.name)) && claimed.some((a) => a.name === i.__createClaim),
    );
    assert.ok(ofBulk, "a bulk action was among the held creates");
    const copied = claimed.find((a) => a.name === ofBulk.__createClaim)!;
    const stranger = await admin.addAction(1, {
      name: String(ofBulk.name),
      type: copied.type,
      sleep_in_sec: copied.sleep_in_sec as number,
    });
    const out = await recover();
    assert.match(out, /recorded .* \(made by the interrupted create, found by its claim name/);
    assert.doesNotMatch(out, new RegExp(`/${stranger.id}\\b`), "the person's copy is not taken");
    await stack.up();
    const after = await stack.exportState();
    const ids = buddyResources(after.deployment).map((r) => Number(String(r.id).split("/")[3]));
    assert.ok(!ids.includes(stranger.id), "no resource holds the person's copy");
    await admin.deleteAction(1, stranger.id);
    const c = await counts(declared(BULK));
    report("SIGKILL mid-create + someone's identical action: recover (by claim names) + up; the copy left alone", c);
    assert.deepStrictEqual(c, { buddy: 8, state: 8, duplicated: 0, orphaned: 0, pending: 0 });
    await stack.destroy();
  });

  it("SIGKILL mid-create: a plain retry refuses to duplicate and names the recovery; recover + up end with one action each", async () => {
    await interruptUp({ method: "POST", pathPattern: "/actions$", count: 3 }, 3, "SIGKILL");
    const killed = (await admin.actions(1)).length;
    const { deployment } = await stack.exportState();
    const pending = (deployment.deployment as { pending_operations?: unknown[] }).pending_operations?.length ?? 0;
    assert.ok(pending >= 3, `the kill left pending creates (${pending})`);
    assert.ok(killed > buddyResources(deployment).length, "Buddy holds actions the state does not");

    const dry = await stack.shell(`node ${JSON.stringify(RECOVER_BIN)} recover --dry-run --stack "$PULUMI_STACK"`);
    assert.strictEqual(dry.code, 0, dry.output);
    assert.match(dry.output, /Dry run: the stack was not changed/);
    const unchanged = (await stack.exportState()).deployment.deployment as { pending_operations?: unknown[] };
    assert.strictEqual(unchanged.pending_operations?.length, pending);

    // What a user or a CI retry does first: unlock, up. It must not duplicate, and must say what to run.
    assert.strictEqual((await stack.run(["cancel", "--yes"])).code, 0);
    const retry = await stack.run(["up", "--yes", "--skip-preview"]);
    assert.notStrictEqual(retry.code, 0);
    assert.match(retry.output, /identical action \(id \d+\).*npx pulumi-buddy-actions recover/);
    const names = (await admin.actions(1)).map((a) => a.name).sort();
    assert.deepStrictEqual(
      names.filter((n, i) => names[i - 1] === n),
      [],
      "no duplicate after the plain retry",
    );

    const out = await recover();
    assert.match(out, /recorded .* \(made by the interrupted create/);
    await stack.up();
    const c = await counts(declared(BULK));
    report("SIGKILL mid-create, `up` (refused), then cancel + recover + up", c);
    assert.deepStrictEqual(c, { buddy: 8, state: 8, duplicated: 0, orphaned: 0, pending: 0 });
  });

  it("SIGKILL mid-update: recover + up end with every action updated once, state equal to Buddy", async () => {
    await stack.setConfig({ bulkSuffix: " v2" });
    await interruptUp({ method: "PATCH", pathPattern: "/actions/[0-9]+$", count: 3 }, 3, "SIGKILL");
    await recover();
    await stack.up();
    const c = await counts(declared(BULK, " v2"));
    report("SIGKILL mid-update, then cancel + recover + up", c);
    assert.deepStrictEqual(c, { buddy: 8, state: 8, duplicated: 0, orphaned: 0, pending: 0 });
    const r = await stack.preview(["--expect-no-changes", "--refresh"]);
    assert.strictEqual(r.code, 0, r.output);
  });

  it("SIGKILL mid-delete: recover + up end with the deleted actions gone from Buddy and state", async () => {
    await stack.setConfig({ bulk: 2 });
    await interruptUp({ method: "DELETE", pathPattern: "/actions/[0-9]+$", count: 2 }, 2, "SIGKILL");
    const out = await recover();
    assert.match(out, /deleted in Buddy .*: removed from the stack/);
    await stack.up();
    const c = await counts(declared(2, " v2"));
    report("SIGKILL mid-delete, then cancel + recover + up", c);
    assert.deepStrictEqual(c, { buddy: 5, state: 5, duplicated: 0, orphaned: 0, pending: 0 });
  });

  it("a PATCH answered after the client's 30 s timeout: one retry, no duplicate write effect, state equal to Buddy", async () => {
    await stack.setConfig({ bulkSuffix: " v3" });
    ctx.emulator.admin.hold({ method: "PATCH", pathPattern: "/actions/[0-9]+$", count: 1 });
    const run = stack.start(["up", "--yes", "--skip-preview"]);
    const held = await ctx.emulator.admin.waitForHeld(1, 300_000);
    // The client gives up on the held PATCH after its 30 s timeout and sends it again (not held: the rule is used
    // up); the up completes; then the held one is answered, late, with the same values.
    const result = await run.done;
    assert.strictEqual(result.code, 0, result.output);
    assert.match(result.output, /retr(y|ies) of Buddy API requests \(timeout/);
    ctx.emulator.admin.release({ ids: held.map((h) => h.id) });
    const c = await counts(declared(2, " v3"));
    report("PATCH answered after the 30 s client timeout", c);
    assert.deepStrictEqual(c, { buddy: 5, state: 5, duplicated: 0, orphaned: 0, pending: 0 });
    await stack.destroy();
    assert.deepStrictEqual(await admin.actions(1), []);
  });
});

/** The first file named `name` under `dir`, at any depth. */
function findFile(dir: string, name: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isFile() && entry.name === name) return p;
    if (entry.isDirectory()) {
      const found = findFile(p, name);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

// Two stacks of one program deploying the same action names into one pipeline, `up` at the same time while a third
// of the emulator's requests fail (dropped before anything is done, dropped after a POST committed, or slowed): a
// create whose POST was lost must never take the other stack's identical action for its own, so the two states never
// hold the same action id. (Before the claim names of create.ts they did, in about 3 rounds of 5: `destroy` of one
// stack then deleted what the other managed.) A run may fail with an error naming the actions; it must never succeed
// sharing one.
import * as assert from "assert";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import { EmulatorAdmin } from "./emulator-admin";
import type { CliResult } from "../../scripts/pulumi-stack";
import { buddyResources, e2eStack, type LocalStack } from "./harness";

/** Fault seeds, one round each (SS_SEEDS=1,2,3 runs others; SS_DEBUG=1 prints the CLI output of a failing round). */
const ROUNDS = process.env.SS_SEEDS ? process.env.SS_SEEDS.split(",").map(Number) : [11, 12];
const BULK = 6;
/**
 * The one failure a run may end with, naming the actions involved: (before any POST) an identical action its run
 * did not make, which is what the second of two stacks declaring identical actions in one pipeline meets when the
 * first one's actions are already there (README "Two stacks, one pipeline").
 */
const REFUSALS = /already holds an identical action/;

describe("e2e: two stacks, same-named actions, one pipeline, `up` at the same time with faults", function () {
  this.timeout(600_000);
  let emulator: RunningEmulator;
  let admin: EmulatorAdmin;
  const stacks: LocalStack[] = [];

  before(async () => {
    emulator = await startEmulator({ quiet: true });
    admin = new EmulatorAdmin(emulator);
  });
  afterEach(async () => {
    for (const s of stacks.splice(0)) await s.dispose();
  });
  after(async () => {
    await emulator?.close();
  });

  async function stateIds(stack: LocalStack): Promise<string[]> {
    return buddyResources((await stack.exportState()).deployment)
      .map((r) => r.id)
      .filter((id): id is string => id !== undefined);
  }

  for (const seed of ROUNDS)
    it(`fault seed ${seed}: no action id is in both states`, async () => {
      emulator.admin.reset();
      const pair = [e2eStack(emulator.url, emulator.token), e2eStack(emulator.url, emulator.token)];
      stacks.push(...pair);
      for (const s of pair) await s.init({ workspace: emulator.workspace, bulk: BULK });
      emulator.admin.setFaults({ rate: 1 / 3, kinds: ["drop", "commit-then-drop", "latency"], seed });
      let runs: CliResult[];
      try {
        runs = await Promise.all(pair.map((s) => s.run(["up", "--yes", "--skip-preview"])));
      } finally {
        emulator.admin.setFaults({ rate: 0, kinds: [] });
      }
      const [a, b] = await Promise.all(pair.map(stateIds));
      const shared = a.filter((id) => b.includes(id));
      const inBuddy = (await admin.actions(1)).map((x) => `${emulator.workspace}/my-project/1/${x.id}`);
      const orphans = inBuddy.filter((id) => !a.includes(id) && !b.includes(id));
      // The numbers for the closing note: exit codes, actions in Buddy and in each state, shared, orphaned.
      console.log(
        `    seed ${seed}: exit ${runs.map((r) => r.code).join("/")}, Buddy ${inBuddy.length}, states ${a.length}/${b.length}, ` +
          `shared ${shared.length}, orphaned ${orphans.length}`,
      );
      for (const r of runs.filter((x) => x.code !== 0)) {
        // A failed run says why; the only failure this test allows is the refusal to take a possibly shared action.
        assert.match(r.output, REFUSALS);
      }
      if (shared.length > 0 && process.env.SS_DEBUG) for (const r of runs) console.log(r.output);
      assert.deepStrictEqual(shared, [], "two stacks' states hold the same Buddy action");

      // What the errors tell the user: run again once the other run is over. A stack whose actions are identical to
      // the other stack's is then refused before any POST (an identical action it did not make), never handed the
      // other's action. Whatever each re-run ends with: still nothing shared, and every action no state holds was
      // named by id in a refusal the user saw.
      const outputs = runs.map((r) => r.output);
      for (const [i, s] of pair.entries()) {
        if (runs[i].code === 0) continue;
        const again = await s.run(["up", "--yes", "--skip-preview"]);
        outputs.push(again.output);
        if (again.code !== 0) assert.match(again.output, REFUSALS);
      }
      const [a2, b2] = await Promise.all(pair.map(stateIds));
      const buddy2 = (await admin.actions(1)).map((x) => `${emulator.workspace}/my-project/1/${x.id}`);
      const unmanaged = buddy2.filter((id) => !a2.includes(id) && !b2.includes(id));
      console.log(
        `      after re-running the failed ones: Buddy ${buddy2.length}, states ${a2.length}/${b2.length}, ` +
          `held by no state ${unmanaged.length}`,
      );
      assert.deepStrictEqual(
        a2.filter((id) => b2.includes(id)),
        [],
      );
      for (const id of [...a2, ...b2]) assert.ok(buddy2.includes(id), `state holds ${id}, which Buddy does not`);
      for (const id of unmanaged) {
        const n = id.split("/").pop();
        assert.ok(
          outputs.some((o) => new RegExp(`\\b(id|ids) [0-9, ]*\\b${n}\\b`).test(o)),
          `action ${id} is held by no state and no refusal named it`,
        );
      }
    });
});

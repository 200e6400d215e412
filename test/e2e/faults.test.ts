// The smaller fault run of issue 5, through the real CLI: a program of 23 actions created, renamed and
// destroyed while a fifth of Buddy's answers are errors, dropped connections or commits the client never hears
// about. Afterwards Buddy must hold exactly what the state says: nothing lost, nothing duplicated.
import * as assert from "assert";
import type { FaultKind } from "../../emulator/index";
import type { EmulatorAdmin } from "./emulator-admin";
import { buddyResources, useEmulatorStack, type LocalStack } from "./harness";

const BULK = 20;
const FAULTS = { rate: 0.2, kinds: ["429", "500", "502", "503", "drop", "commit-then-drop"] as FaultKind[], seed: 7 };

describe("e2e: up / update / destroy under 20% injected faults", function () {
  this.timeout(600_000);
  const ctx = useEmulatorStack({ bulk: BULK });
  let admin: EmulatorAdmin;
  let stack: LocalStack;
  before(() => {
    ({ admin, stack } = ctx);
  });
  afterEach(() => admin.setFaults({ rate: 0 }));

  async function assertStateMatchesServer(expectedNames: string[]): Promise<void> {
    const server = await admin.actions(1);
    const { deployment } = await stack.exportState();
    const stateIds = buddyResources(deployment)
      .map((r) => Number(String(r.id).split("/")[3]))
      .sort((a, b) => a - b);
    const serverIds = server.map((a) => a.id).sort((a, b) => a - b);
    const names = server.map((a) => a.name).sort();
    const duplicated = names.filter((n, i) => names[i - 1] === n);
    const lost = expectedNames.filter((n) => !names.includes(n));
    console.log(
      `      server ${server.length}, state ${stateIds.length}, lost ${lost.length}, duplicated ${duplicated.length}`,
    );
    assert.deepStrictEqual(lost, []);
    assert.deepStrictEqual(duplicated, []);
    assert.deepStrictEqual(names, [...expectedNames].sort());
    assert.deepStrictEqual(stateIds, serverIds);
  }

  const declared = (suffix: string) => [
    "Set image",
    "Tag image",
    "Generic",
    ...Array.from({ length: BULK }, (_, i) => `Bulk ${i}${suffix}`),
  ];

  it("up creates every action exactly once", async () => {
    await admin.setFaults(FAULTS);
    const up = await stack.up();
    await admin.setFaults({ rate: 0 });
    await assertStateMatchesServer(declared(""));
    // Retries and waits are not silent: the provider's log lines reach the CLI's output.
    assert.match(up.output, /retr(y|ies) of Buddy API requests|trying again|was interrupted|rate limit/i);
    const faulted = (await admin.requests()).filter((r) => r.fault !== null).length;
    console.log(`      faults injected during up: ${faulted}`);
    assert.ok(faulted > 0, "the run really met faults");
  });

  it("an update of every bulk action lands exactly once each", async () => {
    await stack.setConfig({ bulkSuffix: " v2" });
    await admin.setFaults(FAULTS);
    await stack.up();
    await admin.setFaults({ rate: 0 });
    await assertStateMatchesServer(declared(" v2"));
    const r = await stack.preview(["--expect-no-changes", "--refresh"]);
    assert.strictEqual(r.code, 0, r.output);
  });

  it("destroy removes everything", async () => {
    await admin.setFaults(FAULTS);
    await stack.destroy();
    await admin.setFaults({ rate: 0 });
    assert.deepStrictEqual(await admin.actions(1), []);
    const { deployment } = await stack.exportState();
    assert.deepStrictEqual(buddyResources(deployment), []);
  });
});

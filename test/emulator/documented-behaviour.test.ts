// Statements emulator/README.md makes about ids and the default workspace, each checked against the emulator.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type SeedData } from "../../emulator/index";
import { actionsPath, api, ksiBody } from "../helpers/emulator";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

async function createAction(
  emu: { url: string; token: string; workspace: string },
  project = "my-project",
  pipeline = 1,
): Promise<number> {
  const r = await api<J>(emu, "POST", actionsPath(emu.workspace, project, pipeline), ksiBody());
  assert.equal(r.status, 201, r.text);
  return r.body.id;
}

describe("emulator: ids and the default workspace, as documented", function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "buddy-emulator-doc-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("ids are not reused after reset; across a restart only with --data, in memory the numbering starts again", async () => {
    const dataFile = path.join(dir, "state.json");
    const persisted = await startEmulator({ dataFile, tokens: [{ token: "T", scopes: ["EXECUTION_MANAGE"] }] });
    const first = await createAction(persisted);
    await persisted.admin.reset();
    const afterReset = await createAction(persisted);
    await persisted.close();
    const restarted = await startEmulator({ dataFile });
    const afterRestart = await createAction({ ...restarted, token: "T" });
    await restarted.close();
    assert.ok(first < afterReset && afterReset < afterRestart, `${first}, ${afterReset}, ${afterRestart}`);

    const memory = await startEmulator();
    const m1 = await createAction(memory);
    await memory.close();
    const memoryAgain = await startEmulator();
    assert.equal(await createAction(memoryAgain), m1, "a new in-memory emulator numbers from its seed again");
    await memoryAgain.close();
  });

  it("seed ids: fixed ones reserved; the others count up from 1, moving past each fixed id as the seed is read", async () => {
    const seed: SeedData = {
      workspaces: [
        {
          name: "acme",
          projects: [
            {
              name: "web",
              display_name: "Web",
              pipelines: [
                {
                  id: 5,
                  name: "deploy",
                  actions: [
                    { name: "before", type: "SLEEP", sleep_in_sec: 1 },
                    { id: 7, name: "fixed", type: "SLEEP", sleep_in_sec: 1 },
                    { name: "after", type: "SLEEP", sleep_in_sec: 1 },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const emu = await startEmulator({ seed });
    try {
      const r = await api<J>(emu, "GET", actionsPath("acme", "web", 5));
      assert.deepEqual(
        r.body.actions.map((a: J) => [a.id, a.name]),
        [
          [1, "before"],
          [7, "fixed"],
          [8, "after"],
        ],
      );
    } finally {
      await emu.close();
    }
  });

  it("--workspace default: the seed's first workspace, else the data file's first, else my-company", async () => {
    const dataFile = path.join(dir, "state.json");
    const seeded = await startEmulator({ dataFile, seed: { workspaces: [{ name: "acme" }, { name: "other" }] } });
    assert.equal(seeded.workspace, "acme");
    await seeded.close();
    const fromData = await startEmulator({ dataFile });
    assert.equal(fromData.workspace, "acme");
    await fromData.close();
    const plain = await startEmulator();
    assert.equal(plain.workspace, "my-company");
    await plain.close();
  });
});

// One small `pulumi up` / `preview --refresh` / `destroy` through the real CLI under each server behaviour of the
// matrix (test/helpers/server-modes.ts): the provider process, as Pulumi runs it, must create each action once, see
// no drift, and remove everything, whatever the server does with listings and answers.
import * as assert from "assert";
import { SERVER_MODES } from "../helpers/server-modes";
import { buddyResources, useEmulatorStack } from "./harness";

const BULK = 2;

for (const mode of SERVER_MODES)
  describe(`e2e: up / preview / destroy${mode.suffix || " [server: default]"}`, function () {
    this.timeout(180_000);
    const ctx = useEmulatorStack({ bulk: BULK }, { modes: mode.modes });

    /** The pipeline's actions as the emulator holds them (its store: API listings are what the modes change). */
    function serverActions(): Array<{ id: number; name: string }> {
      const state = ctx.emulator.admin.state() as unknown as {
        workspaces: Array<{
          name: string;
          projects: Array<{
            name: string;
            pipelines: Array<{ id: number; actions: Array<{ id: number; fields: { name: string } }> }>;
          }>;
        }>;
      };
      const pipeline = state.workspaces
        .find((w) => w.name === ctx.emulator.workspace)!
        .projects.find((p) => p.name === "my-project")!
        .pipelines.find((p) => p.id === 1)!;
      return pipeline.actions.map((a) => ({ id: a.id, name: a.fields.name }));
    }

    it("up creates each declared action once; preview --refresh shows no change; destroy removes them all", async () => {
      const { stack, emulator } = ctx;
      await stack.up();
      const requests = emulator.admin.requests();
      const server = serverActions();
      const expected = ["Set image", "Tag image", "Generic", ...Array.from({ length: BULK }, (_, i) => `Bulk ${i}`)];
      assert.deepStrictEqual(server.map((a) => a.name).sort(), [...expected].sort());
      const { deployment } = await stack.exportState();
      const stateIds = buddyResources(deployment)
        .map((r) => Number(String(r.id).split("/")[3]))
        .sort((a, b) => a - b);
      assert.deepStrictEqual(
        stateIds,
        server.map((a) => a.id).sort((a, b) => a - b),
      );
      const posts = requests.filter((r) => r.method === "POST").length;
      console.log(
        `      [${mode.name}] up: ${requests.length} requests for ${expected.length} creates (${posts} POST)`,
      );
      assert.strictEqual(posts, expected.length);

      const preview = await stack.preview(["--expect-no-changes", "--refresh"]);
      assert.strictEqual(preview.code, 0, preview.output);

      await stack.destroy();
      assert.deepStrictEqual(serverActions(), []);
    });
  });

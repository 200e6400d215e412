// One small `pulumi up` / `preview --refresh` / `destroy` through the real CLI under each server behaviour of the
// matrix (test/helpers/server-modes.ts) that changes what this run's answers hold or when they come: the provider
// process, as Pulumi runs it, must create each action once, see no drift, and remove everything, whatever the server
// does with listings and answers.
//
// Not run here, and why:
// - the default server: the same program's up / preview / refresh / destroy under it is e2e/lifecycle.test.ts, and
//   e2e/interruptions.test.ts creates 8 of its actions at once, each exactly once with state equal to Buddy;
// - the two paging modes ("paging ignored", "per_page capped at 20"): they change only which page of a list holds
//   which items, and every list this run reads fits in one page (asserted below), so with a cap of 20 the answers are
//   the default's, and with paging ignored only the listing's closing page differs (a repeat of the first instead of
//   an empty one). Both are handled inside the provider's HTTP client (provider/http/listing.ts), whose listings
//   across pages are proved under every mode by the integration suites (test/integration/provider/*: provider,
//   create-safety, create-cost, the 200-action fault run).
import * as assert from "assert";
import { SERVER_MODES } from "../helpers/server-modes";
import { buddyResources, useEmulatorStack } from "./harness";

const BULK = 2;
/** The smallest page size any mode serves (perPageCap 20): a list longer than this would make paging matter. */
const SMALLEST_PAGE = 20;
/** Modes with no run here (see the header). */
const NOT_RUN = ["default", "paging ignored", "per_page capped at 20"];

for (const mode of SERVER_MODES.filter((m) => !NOT_RUN.includes(m.name)))
  describe(`e2e: up / preview / destroy${mode.suffix}`, function () {
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

    /** How many items each list the Buddy API serves holds now: projects, pipelines per project, actions per pipeline. */
    function listSizes(): number[] {
      const state = ctx.emulator.admin.state() as unknown as {
        workspaces: Array<{ projects: Array<{ pipelines: Array<{ actions: unknown[] }> }> }>;
      };
      return [
        state.workspaces.length,
        ...state.workspaces.flatMap((w) => [
          w.projects.length,
          ...w.projects.flatMap((p) => [p.pipelines.length, ...p.pipelines.map((pl) => pl.actions.length)]),
        ]),
      ];
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
      // Why the paging modes need no run of their own: every list the run reads fits in one page of the smallest
      // size any mode serves, so paging cannot change an answer's items.
      const lists = listSizes();
      assert.ok(
        lists.every((n) => n <= SMALLEST_PAGE),
        `every list fits one page of ${SMALLEST_PAGE}: ${lists.join(", ")}`,
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

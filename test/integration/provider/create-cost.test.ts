// What creates cost in API calls, under every server behaviour of the matrix: 200 creates into one pipeline, run
// concurrently through the providers in one process (as the engine runs a `pulumi up`), must make at most 410
// requests in all (one listing of the pipeline, then one POST under the create's claim name and one PATCH of its
// name each: create.ts), and one listing of the 200-action pipeline at
// most (actions / page size + 2) GETs. Prints the figures per mode.
import * as assert from "assert";
import { useEmulator } from "../../helpers/emulator";
import { Server, freshProvider } from "../../helpers/provider";
import { serverModes } from "../../helpers/server-modes";
import * as fx from "../../unit/provider/fixtures";

const COUNT = 200;
let k8sProvider: ReturnType<typeof fx.providerFor>;
let genericProvider: ReturnType<typeof fx.providerFor>;

/** A new provider process's providers. */
function newProcess(server: Server): void {
  const provider = freshProvider(server);
  k8sProvider = fx.providerFor("kubernetes-set-image", provider);
  genericProvider = fx.providerFor("pipeline-action", provider);
}
const LIST_PATH = "/workspaces/my-company/projects/my-project/pipelines/1/actions";

function create(i: number): Promise<{ id: string }> {
  return i % 2 === 0
    ? k8sProvider.create({ ...fx.seed000Inputs, name: `Cost ${i}`, imageTag: `v${i}`, __provider: "p" })
    : genericProvider.create({
        ...fx.location,
        type: "SLEEP",
        name: `Cost ${i}`,
        fields: { sleep_in_sec: i },
        __provider: "p",
      });
}

for (const mode of serverModes())
  describe(`create cost: ${COUNT} creates into one pipeline${mode.suffix}`, function () {
    this.timeout(300_000);
    const ctx = useEmulator({ modes: mode.modes });
    before(() => newProcess(ctx.emu));

    it(`at most ${2 * COUNT + 10} requests in all (a POST and a PATCH each), and one listing of ${COUNT} actions within actions / page size + 2 GETs`, async () => {
      const made = await Promise.all(Array.from({ length: COUNT }, (_, i) => create(i)));
      const requests = ctx.emu.admin.requests();
      const byMethod = new Map<string, number>();
      for (const r of requests) byMethod.set(r.method, (byMethod.get(r.method) ?? 0) + 1);
      assert.strictEqual(new Set(made.map((m) => m.id)).size, COUNT);

      // One listing of the full pipeline: what the next provider process's first create reads.
      newProcess(ctx.emu);
      ctx.emu.admin.clearRequests();
      await create(COUNT);
      const listingGets = ctx.emu.admin.requests().filter((r) => r.method === "GET" && r.path === LIST_PATH).length;
      const pageSize = mode.modes.listPagingIgnored ? COUNT : Math.min(100, mode.modes.perPageCap ?? 100);
      const bound = COUNT / pageSize + 2;

      console.log(
        `      [${mode.name}] ${COUNT} creates: ${requests.length} requests (${[...byMethod].map(([m, n]) => `${m} ${n}`).join(", ")}), ` +
          `${(requests.length / COUNT).toFixed(3)} per create; one listing of ${COUNT} actions: ${listingGets} GETs (bound ${bound})`,
      );
      assert.ok(requests.length <= 2 * COUNT + 10, `${requests.length} requests`);
      assert.strictEqual(byMethod.get("POST"), COUNT);
      assert.strictEqual(byMethod.get("PATCH"), COUNT);
      assert.ok(listingGets <= bound, `${listingGets} GETs for one listing`);
    });
  });

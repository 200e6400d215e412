// Issue 5's fault run, at the provider level: 200 actions of all three resource types created, updated and
// half of them deleted through the providers' methods, all concurrently in one process (as the engine runs them),
// while 20% of Buddy's answers are 429/500/502/503, dropped connections, or POSTs committed and then dropped.
// Afterwards the server must hold exactly what the recorded outputs (the would-be state) say.
import * as assert from "assert";
import { useEmulator } from "../../helpers/emulator";
import { serverModes } from "../../helpers/server-modes";
import { providerFor } from "../../unit/provider/fixtures";
import { actionProvider } from "../../../provider/engine/provider";
import { BuddyClient } from "../../../provider/http";
import { noteRetry } from "../../../provider/http/retry-report";
import { LogSink, logTo } from "../../../provider/log";
import { SkippingClock } from "../../helpers/clock";

type Inputs = Record<string, unknown>;

/**
 * The providers as the engine runs them: one client shared by every operation, retries reported per operation.
 * The client, the emulator and the provider share a SkippingClock: backoff, rate-limit resets, the throttle's holds,
 * and the create's settle and repost backoff after a lost POST skip ahead instead of waiting (real waits made 30 s of
 * the run's wall time for 6 s of CPU), in the same order as in real time.
 */
function providers(client: () => BuddyClient, clock?: SkippingClock, log?: LogSink) {
  const engine = actionProvider(client, { clock, log });
  return {
    k8s: providerFor("kubernetes-set-image", engine),
    tag: providerFor("tag-docker-image", engine),
    generic: providerFor("pipeline-action", engine),
  };
}
let provider = providers(() => {
  throw new Error("no client yet");
});
interface Provider {
  create(inputs: Inputs): Promise<{ id: string; outs?: Inputs }>;
  update(id: string, olds: Inputs, news: Inputs): Promise<{ outs?: Inputs }>;
  delete(id: string, props: Inputs): Promise<void>;
  read(id: string, props?: Inputs): Promise<{ id?: string; props?: Inputs }>;
}

const COUNT = 200;
const FAULTS = { rate: 0.2, kinds: ["429", "500", "502", "503", "drop", "commit-then-drop"] as const, seed: 20261123 };
const location = { workspace: "my-company", projectName: "my-project", pipelineId: 1 };

/** The i-th declared action: a third of each resource type. */
function declared(i: number, version: string): { provider: Provider; inputs: Inputs } {
  const name = `Fault run ${i}`;
  const { k8s: k8sProvider, tag: tagProvider, generic: genericProvider } = provider;
  switch (i % 3) {
    case 0:
      return {
        provider: k8sProvider as Provider,
        inputs: {
          ...location,
          name,
          namespace: "default",
          deployment: `web-${i}`,
          container: "web",
          imageName: "registry.example.com/web",
          imageTag: version,
          content: `kubeconfig-${i}`,
        },
      };
    case 1:
      return {
        provider: tagProvider as Provider,
        inputs: {
          ...location,
          name,
          sameLocation: true,
          src: { dockerRegistry: "DOCKER_HUB", image: `web-${i}` },
          dest: { dockerRegistry: "DOCKER_HUB", image: `web-${i}`, tag: version },
        },
      };
    default:
      return {
        provider: genericProvider as Provider,
        inputs: { ...location, type: "SLEEP", name, fields: { sleep_in_sec: i, note: version } },
      };
  }
}

// Every server behaviour of the matrix (test/helpers/server-modes.ts).
for (const mode of serverModes())
  describe(`fault run: 200 actions through the providers under 20% injected faults${mode.suffix}`, function () {
    this.timeout(600_000);
    const clock = new SkippingClock();
    const ctx = useEmulator({ modes: mode.modes, clock });
    const logs: string[] = [];
    let client: BuddyClient | undefined;
    before(() => {
      // One sink for the client's lines and the provider's, as the provider process has one log.
      const sink: LogSink = (level, message) => logs.push(`${level}: ${message}`);
      const log = logTo(sink);
      client = new BuddyClient({
        baseUrl: ctx.emu.url,
        token: ctx.emu.token,
        log: (level, message) => (level === "warn" ? log.warn(message) : log.info(message)),
        reportRetry: noteRetry,
        now: clock.now,
        sleep: clock.sleep,
      });
      provider = providers(() => client!, clock, sink);
    });
    after(() => {
      client?.close();
    });

    it("leaves the server holding exactly the declared actions: 0 lost, 0 duplicated, state equals server", async () => {
      const started = Date.now();
      ctx.emu.admin.setFaults({ ...FAULTS, kinds: [...FAULTS.kinds] });

      // Create all 200 at once; the per-process throttle caps how many are in flight.
      const state = new Map<number, { id: string; outs: Inputs; provider: Provider }>();
      await Promise.all(
        Array.from({ length: COUNT }, async (_, i) => {
          const { provider, inputs } = declared(i, "v1");
          const r = await provider.create({ ...inputs, __provider: "p" });
          state.set(i, { id: r.id, outs: r.outs ?? {}, provider });
        }),
      );

      // Update every one of them in place.
      await Promise.all(
        [...state.entries()].map(async ([i, s]) => {
          const { inputs } = declared(i, "v2");
          const r = await s.provider.update(s.id, s.outs, { ...inputs, __provider: "p" });
          s.outs = r.outs ?? {};
        }),
      );

      // Delete every other one.
      await Promise.all(
        [...state.entries()]
          .filter(([i]) => i % 2 === 1)
          .map(async ([i, s]) => {
            await s.provider.delete(s.id, s.outs);
            state.delete(i);
          }),
      );
      const elapsed = (Date.now() - started) / 1000;
      const requests = ctx.emu.admin.requests();
      ctx.emu.admin.setFaults({ rate: 0, kinds: [] });

      // Compare with the server, faults off.
      const server = await listActions();
      const serverByName = new Map<string, number[]>();
      for (const a of server) serverByName.set(a.name, [...(serverByName.get(a.name) ?? []), a.id]);
      const expectedNames = [...state.keys()].map((i) => `Fault run ${i}`);
      const lost = expectedNames.filter((n) => !serverByName.has(n));
      const duplicated = [...serverByName.values()].filter((ids) => ids.length > 1).length;
      const extra = server.filter((a) => !expectedNames.includes(a.name)).length;
      let mismatched = 0;
      for (const [i, s] of state) {
        const read = await s.provider.read(s.id, s.outs);
        const { inputs } = declared(i, "v2");
        const outs = read.props ?? {};
        const same = Object.keys(inputs).every((k) => JSON.stringify(outs[k]) === JSON.stringify(inputs[k]));
        if (read.id !== s.id || !same || Number(s.id.split("/")[3]) !== serverByName.get(`Fault run ${i}`)?.[0])
          mismatched++;
      }
      const faults = requests.filter((r) => r.fault).length;
      const byKind = new Map<string, number>();
      for (const r of requests) if (r.fault) byKind.set(r.fault, (byKind.get(r.fault) ?? 0) + 1);
      console.log(
        `      ${COUNT} created, ${COUNT} updated, ${COUNT / 2} deleted in ${elapsed.toFixed(1)} s; ` +
          `${requests.length} requests, ${faults} faulted (${[...byKind].map(([k, n]) => `${k}: ${n}`).join(", ")}); ` +
          `${logs.length} retry/wait log lines; the clock skipped ${(clock.skippedMs / 1000).toFixed(1)} s`,
      );
      console.log(
        `      [${mode.name}] server holds ${server.length}, state ${state.size}: lost ${lost.length}, duplicated ${duplicated}, ` +
          `extra ${extra}, state≠server ${mismatched}`,
      );

      assert.ok(faults > COUNT / 5, "the run really met faults");
      assert.deepStrictEqual(lost, []);
      assert.strictEqual(duplicated, 0);
      assert.strictEqual(extra, 0);
      assert.strictEqual(mismatched, 0);
      assert.strictEqual(server.length, COUNT / 2);
      assert.ok(!logs.some((l) => l.includes(ctx.emu.token)), "no token in any log line");
    });

    /** The pipeline's actions as the emulator holds them (its store, not an API listing, which the modes change). */
    async function listActions(): Promise<Array<{ id: number; name: string }>> {
      const state = ctx.emu.admin.state() as unknown as {
        workspaces: Array<{
          name: string;
          projects: Array<{
            name: string;
            pipelines: Array<{ id: number; actions: Array<{ id: number; fields: { name: string } }> }>;
          }>;
        }>;
      };
      const pipeline = state.workspaces
        .find((w) => w.name === "my-company")!
        .projects.find((p) => p.name === "my-project")!
        .pipelines.find((p) => p.id === 1)!;
      return pipeline.actions.map((a) => ({ id: a.id, name: a.fields.name }));
    }
  });

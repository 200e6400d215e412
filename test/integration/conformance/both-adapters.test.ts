// Issue 18 item 5: one conformance table, every catalog type, run through both doors to the engine (adapters.ts):
// the dynamic provider object and the provider plugin over gRPC, against one emulator over real HTTP. Each case
// asserts what must hold (one POST, one PATCH of exactly what changed, no credential in plain text, ...), and the
// two doors' transcripts of the whole table must be equal: any difference is a bug of an adapter.
import * as assert from "assert";
import { ProviderConfig } from "../../../provider/config";
import { BuddyClient } from "../../../provider/http/client";
import { processClient } from "../../../provider/process-client";
import { specKeyOf } from "../../../tools/catalog/generate";
import { catalog, fieldAt, getAt, Inputs, minimalInputs, sample, secretPaths, setAlone } from "../../helpers/catalog";
import { useEmulator } from "../../helpers/emulator";
import { UNKNOWN } from "../../../provider/wire/values";
import type { ActionsApi } from "../../../provider/engine/api";
import { Adapter, Diff, dynamicAdapter, Held, PartialCreate, pluginAdapter, Props } from "./adapters";

/** One row: a spec key and the program of one resource (with the credentials that must never show in plain text). */
interface Row {
  label: string;
  spec: string;
  program: Inputs;
  credentials: string[];
  /** A change that must replace the action, and the key the diff must name. */
  replaceBy: Array<{ change: Inputs; replaces: string }>;
}

function rowOf(t: (typeof catalog.types)[number]): Row {
  const program: Inputs = { ...minimalInputs(t), name: `${t.type} conformance` };
  const credentials: string[] = [];
  for (const { path, top } of secretPaths(t)) {
    if (getAt(program, top) === undefined) program[top] = sample(fieldAt(t, top)!, top);
    const value = `plain-${t.type}-${path}`;
    setAlone(t, program, path, value);
    credentials.push(value);
  }
  return {
    label: `${t.className} (${t.type})`,
    spec: specKeyOf(t),
    program,
    credentials,
    replaceBy: [{ change: { pipelineId: 2 }, replaces: "pipelineId" }],
  };
}

/** The generic class: the same cases, plus a change of `type`, which must replace. */
const generic = (type: string, fields: Inputs, credentials: string[]): Row => ({
  label: `PipelineAction (type ${type})`,
  spec: "pipeline-action",
  program: {
    workspace: "my-company",
    projectName: "my-project",
    pipelineId: 1,
    name: `generic ${type} conformance`,
    type,
    fields,
  },
  credentials,
  replaceBy: [
    { change: { pipelineId: 2 }, replaces: "pipelineId" },
    { change: { type: "SLEEP", fields: { sleep_in_sec: 5 } }, replaces: "type" },
  ],
});

const genericRows: Row[] = [
  generic("SLACK", { channel: "C0123", content: "hi", integration: { identifier: "slack" } }, []),
  // A credential inside `fields`: secret by the typed spec of `type`, given here in plain text.
  generic("DISCORD", { notification_url: "plain-generic-DISCORD-url", content: "hi" }, ["plain-generic-DISCORD-url"]),
];

const rows: Row[] = [...catalog.types.map(rowOf), ...genericRows];

/** Every place a credential shows outside a secret: `where.key` for each top-level key that holds one in plain. */
function plainCredentials(where: string, held: Held | undefined, credentials: string[]): string[] {
  const out: string[] = [];
  for (const [key, v] of Object.entries(held?.value ?? {})) {
    if (held!.secret.has(key)) continue;
    const text = JSON.stringify(v) ?? "";
    if (credentials.some((c) => text.includes(c))) out.push(`${where}.${key}`);
  }
  return out;
}

type Emulator = ReturnType<typeof useEmulator>["emu"];

/** What a door did for a row, with ids and server-made values made comparable between the two doors. */
type Transcript = Record<string, unknown>;

function comparable(value: unknown, id: string, actionId: unknown): unknown {
  const text = JSON.stringify(value ?? null)
    .split(id)
    .join("<id>")
    .replace(new RegExp(`/(actions?)/${String(actionId)}\\b`, "g"), "/$1/<actionId>")
    .replace(new RegExp(`"actionId":${String(actionId)}\\b`, "g"), '"actionId":"<actionId>"')
    .replace(new RegExp(`\\b(Action|id) ${String(actionId)}\\b`, "g"), "$1 <actionId>");
  return JSON.parse(text);
}

const sorted = (s: Set<string>): string[] => [...s].sort();

/** A diff as both doors must report it; the plugin's `diffs` (the keys the CLI shows) must be `shown`. */
function diffOf(d: Diff, shown: string[]): Omit<Diff, "diffs"> {
  const { diffs, ...common } = d;
  if (diffs !== undefined) assert.deepStrictEqual([...diffs].sort(), [...shown].sort(), "the keys the CLI shows");
  return common;
}

/** The whole table for one row through one door; returns its transcript. */
async function runRow(door: Adapter, row: Row, emu: Emulator): Promise<Transcript> {
  const t: Transcript = {};
  const leaks: string[] = [];
  const requests = (method: string): Array<{ method: string; body?: unknown }> =>
    emu.admin.requests().filter((r) => r.method === method);

  // Check: the same failures, naming the property and the rule, before any request.
  emu.admin.clearRequests();
  const { name: _name, ...nameless } = row.program;
  const bad = await door.check(row.spec, { ...nameless, pipelineId: 0 });
  assert.ok(bad.failures.length > 0, "a program without name and with pipelineId 0 fails check");
  assert.strictEqual(emu.admin.requests().length, 0, "a failing check makes no request");
  t.badCheck = bad.failures;
  const misspelt = await door.check(row.spec, { ...row.program, nmae: "x" });
  assert.ok(misspelt.failures.length > 0, "an unknown key fails check");
  t.misspelt = misspelt.failures;

  // Preview: values not known yet (another resource's outputs) pass check; the sentinel is Pulumi's.
  const previewed = await door.check(row.spec, { ...row.program, name: UNKNOWN });
  assert.deepStrictEqual(previewed.failures, [], "an unknown name passes check at preview");
  t.previewed = { inputs: previewed.inputs.value, secret: sorted(previewed.inputs.secret) };

  // Check and create: one POST of the type.
  const checked = await door.check(row.spec, row.program);
  assert.deepStrictEqual(checked.failures, []);
  leaks.push(...plainCredentials("check.inputs", checked.inputs, row.credentials));
  t.checked = { inputs: checked.inputs.value, secret: sorted(checked.inputs.secret) };
  emu.admin.clearRequests();
  const created = await door.create(row.spec, checked.inputs);
  const posts = requests("POST");
  assert.strictEqual(posts.length, 1, "one POST");
  const actionId = created.outs.value.actionId;
  const same = (v: unknown): unknown => comparable(v, created.id, actionId);
  leaks.push(...plainCredentials("create.outs", created.outs, row.credentials));
  t.created = { body: posts[0].body, outs: same(created.outs.value), secret: sorted(created.outs.secret) };

  // Read right after create: the same id, and no change against the program.
  const read = await door.read(row.spec, created.id, created.outs.value);
  assert.strictEqual(read.id, created.id);
  leaks.push(...plainCredentials("read.props", read.props, row.credentials));
  const fresh = diffOf(await door.diff(row.spec, created.id, read.props!.value, checked.inputs.value), []);
  assert.deepStrictEqual(fresh, { changes: false, replaces: [], deleteBeforeReplace: false }, "no change after create");
  t.read = { props: same(read.props!.value), inputs: same(read.inputs?.value), secret: sorted(read.props!.secret) };

  // A preview of the existing resource: check with the state's inputs as `olds` is not a create, so it looks at no
  // pipeline (no request) and warns of nothing (its own action is not "another" same-named one). A preview is a
  // new provider process: nothing of this one's pipeline listings carries over.
  const warnings: string[] = [];
  door.newProcess((level, message) => warnings.push(`${level}: ${message}`));
  emu.admin.clearRequests();
  const rechecked = await door.check(row.spec, row.program, checked.inputs.value);
  assert.deepStrictEqual(rechecked.failures, []);
  assert.deepStrictEqual(warnings, [], "a preview of an existing resource warns of nothing");
  assert.deepStrictEqual(
    emu.admin.requests().map((q) => `${q.method} ${q.path}`),
    [],
    "a preview of an existing resource makes no request",
  );
  t.rechecked = { inputs: same(rechecked.inputs.value), secret: sorted(rechecked.inputs.secret) };

  // Replaces: a change of pipeline (and of type, for the generic class) replaces the action.
  t.replaces = [];
  for (const r of row.replaceBy) {
    const d = diffOf(
      await door.diff(row.spec, created.id, read.props!.value, { ...checked.inputs.value, ...r.change }),
      Object.keys(r.change),
    );
    assert.ok(
      d.changes && d.replaces.includes(r.replaces),
      `${JSON.stringify(r.change)} replaces: ${JSON.stringify(d)}`,
    );
    (t.replaces as unknown[]).push(d);
  }
  // At preview: an unknown name is an in-place change, an unknown pipeline a replace.
  t.unknownName = diffOf(
    await door.diff(row.spec, created.id, read.props!.value, { ...checked.inputs.value, name: UNKNOWN }),
    ["name"],
  );
  t.unknownPipeline = diffOf(
    await door.diff(row.spec, created.id, read.props!.value, { ...checked.inputs.value, pipelineId: UNKNOWN }),
    ["pipelineId"],
  );

  // In-place update: one PATCH of exactly what changed.
  const renamed: Held = {
    value: { ...checked.inputs.value, name: `${row.program.name as string} renamed` },
    secret: checked.inputs.secret,
  };
  const planned = diffOf(await door.diff(row.spec, created.id, read.props!.value, renamed.value), ["name"]);
  assert.deepStrictEqual(planned, { changes: true, replaces: [], deleteBeforeReplace: false }, "a rename: in place");
  emu.admin.clearRequests();
  const updated = await door.update(row.spec, created.id, read.props!.value, renamed);
  const patches = requests("PATCH");
  assert.strictEqual(patches.length, 1, "one PATCH");
  const type = (posts[0].body as Props).type;
  assert.deepStrictEqual(patches[0].body, { type, name: renamed.value.name }, "the PATCH holds exactly the change");
  leaks.push(...plainCredentials("update.outs", updated, row.credentials));
  t.updated = { outs: same(updated.value), secret: sorted(updated.secret) };

  // Drift: an edit in Buddy shows in the refreshed inputs, and the diff against the program is a change.
  emu.admin.editAction("my-company", "my-project", Number(row.program.pipelineId), Number(actionId), {
    name: "edited in Buddy",
  });
  const drifted = await door.read(row.spec, created.id, updated.value);
  assert.strictEqual(drifted.inputs?.value.name, "edited in Buddy", "the refreshed inputs hold Buddy's value");
  leaks.push(...plainCredentials("refresh.props", drifted.props, row.credentials));
  const back = diffOf(await door.diff(row.spec, created.id, drifted.props!.value, renamed.value), ["name"]);
  assert.deepStrictEqual(back, { changes: true, replaces: [], deleteBeforeReplace: false }, "drift: changed back");
  t.drifted = { inputs: same(drifted.inputs?.value), diff: back };

  // Buddy stores no credential in plain text.
  const stored = JSON.stringify(emu.admin.state());
  for (const c of row.credentials) assert.ok(!stored.includes(c), `${c} is stored in Buddy in plain text`);

  // Delete: one DELETE; then the action reads as gone, and deleting it again succeeds.
  emu.admin.clearRequests();
  await door.delete(row.spec, created.id, drifted.props!.value);
  assert.strictEqual(requests("DELETE").length, 1, "one DELETE");
  assert.deepStrictEqual(await door.read(row.spec, created.id, drifted.props!.value), {}, "gone after delete");
  await door.delete(row.spec, created.id, drifted.props!.value);
  // An update of an action that is gone fails with the same message through either door.
  const stale = await door.update(row.spec, created.id, drifted.props!.value, renamed).then(
    () => undefined,
    (err: Error) => err.message,
  );
  assert.ok(stale, "an update of a deleted action fails");
  t.updateGone = same(stale);

  assert.deepStrictEqual(leaks, [], "credentials outside a secret");
  return t;
}

/**
 * A transcript with each create's claim name (engine/claims.ts: random per create, so never equal between the two
 * doors) replaced by its shape; every other value is compared as it is.
 */
function withoutClaimNames<T>(transcript: T): T {
  return JSON.parse(JSON.stringify(transcript).replace(/pulumi-create-[0-9a-f]{16}/g, "pulumi-create-<claim>")) as T;
}

/**
 * Runs `run` for every row through both doors against one emulator, one test a row: the dynamic provider's
 * transcript, then the plugin's, which must be equal (claim names aside). `client` makes the HTTP client both doors
 * share; without it each uses the process's one client.
 */
function throughBothDoors(
  title: string,
  timeout: number,
  run: (door: Adapter, row: Row, emu: Emulator) => Promise<unknown>,
  client?: (emu: Emulator) => () => ActionsApi,
): void {
  describe(title, function () {
    this.timeout(timeout);
    const ctx = useEmulator({}, false);
    const doors: Adapter[] = [];

    before(async () => {
      const settings = { baseUrl: ctx.emu.url, token: ctx.emu.token };
      // Without `client`: the process's client for the emulator, as the dynamic provider's configure would set it
      // (the plugin's configure, over gRPC, sets the same).
      const config = ProviderConfig.withValues(settings);
      const api = client?.(ctx.emu) ?? ((): BuddyClient => processClient(config.current()));
      doors.push(dynamicAdapter(api), await pluginAdapter(settings, api));
    });
    after(() => {
      for (const d of doors) d.close();
    });

    for (const row of rows) {
      it(row.label, async () => {
        const dynamic = withoutClaimNames(await run(doors[0], row, ctx.emu));
        const plugin = withoutClaimNames(await run(doors[1], row, ctx.emu));
        assert.deepStrictEqual(plugin, dynamic, "the plugin and the dynamic provider differ");
      });
    }
  });
}

throughBothDoors(
  "conformance: every catalog type through the dynamic provider and the provider plugin",
  300_000,
  runRow,
);

/**
 * A partial create: `adopt` takes the existing same-named action, and the PATCH that brings it to the program fails
 * (Buddy answers 500, and the client here does not retry). Pulumi records the action with the properties the error
 * carries, stored as they are: the same through both doors, and without a credential in plain text.
 */
async function partialCreate(door: Adapter, row: Row, emu: Emulator): Promise<unknown> {
  const checked = await door.check(row.spec, row.program);
  const made = await door.create(row.spec, checked.inputs);
  // A new run: what one run knows of a pipeline (its listing, the actions it made) starts afresh.
  door.newProcess();
  const adopting = await door.check(row.spec, { ...row.program, adopt: true, disabled: true });
  assert.deepStrictEqual(adopting.failures, []);
  emu.admin.setFaults({ rate: 1, kinds: ["500"], methods: ["PATCH"] });
  let failed: PartialCreate | undefined;
  try {
    await door.create(row.spec, adopting.inputs);
  } catch (err) {
    failed = err as PartialCreate;
  } finally {
    emu.admin.setFaults({ rate: 0, kinds: [] });
  }
  assert.ok(failed, "the create fails");
  assert.strictEqual(failed.id, made.id, "the adopted action is recorded");
  const leaks = plainCredentials("partial.properties", failed.properties, row.credentials);
  assert.deepStrictEqual(leaks, [], "credentials in a partial failure's properties");
  await door.delete(row.spec, made.id, made.outs.value);
  return comparable({ ...failed, message: failed.message }, made.id, made.outs.value.actionId);
}

// One attempt per request: the 500 ends the PATCH at once instead of after the retries' backoff.
// A still clock: the error's "failed after 1 attempt over 0.0s" is the same through both doors, whatever the load.
throughBothDoors("conformance: a partial create through both doors", 120_000, partialCreate, (emu) => {
  const client = new BuddyClient({ baseUrl: emu.url, token: emu.token, maxAttempts: 1, now: () => 0 });
  return () => client;
});

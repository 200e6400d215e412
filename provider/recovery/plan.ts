/**
 * The recovery after a killed `pulumi up` (SIGKILL of the CLI, a runner that died): from the stack's state, Buddy
 * and the project's other stacks, the state the stack should have. Pure decisions plus Buddy reads; cli.ts does
 * the Pulumi side (export, import).
 *
 * What a killed run leaves: the engine writes each operation as pending, with the resource's checked inputs, before
 * it calls the provider, and clears it when the provider answers. A kill in between leaves the operation pending:
 * - creating: the POST may have made an action that no state records. An action under the create's own claim name
 *   (`__createClaim` in its inputs, claims.ts: the name a create POSTs with, until it renames the action) is that
 *   create's, and is recorded with Buddy's values (so the next `up` renames it). Otherwise (the create had renamed
 *   it, or its inputs carry no claim name) it is found and recorded as the resource's only when ALL of these hold (otherwise the resource is left pending, with the candidates named, for `--take`):
 *   1. same pipeline, name and type, and every non-secret value sent equal, read by id (create.ts `madeFromBody`);
 *   2. not one of the same-named actions the pipeline held when the run checked the resource (its check record,
 *      check-record.ts): those existed before the create. No record (an older version made the create, or Buddy
 *      could not be listed at check): no decision;
 *   3. managed by no resource of this stack nor of any other stack of the project in this backend, and no other
 *      stack has a pending create of the same name and type in the pipeline (theirs could be the maker);
 *   4. no more such new, unmanaged actions of that name and type than this stack has pending creates of that name
 *      and type in that pipeline: more means someone else made some, and none is provably ours (cli.ts then writes
 *      nothing: `pulumi stack import` drops every pending operation, the undecided ones with them);
 *   each create takes the lowest-id one made from its own values. A pending create that finds none made nothing
 *   (or its POST has not been committed yet): it is dropped, and the next `pulumi up` creates the resource.
 * - updating: the resource is in state with its previous outputs; the next `up` PATCHes again (a PATCH of the same
 *   values is harmless). The pending operation is dropped.
 * - deleting: the resource is in state; when Buddy answers 404 for the action and its pipeline exists, the
 *   resource is removed from state (the DELETE went through); else it stays for the next `up`/`destroy`.
 * Pending operations of other resource types are reported ("not-ours"); the import would drop them (cli.ts).
 */
import { ActionSpec, SPEC_KEY } from "../specs/spec";
import { loadSpec } from "../specs/registry";
import { ActionsApi, WireAction, isNotFound } from "../engine/api";
import { checkRecordOf, pipelineKeyOf } from "../engine/check-record";
import { CLAIM_KEY, isClaimName } from "../engine/claims";
import { madeFromBody } from "../engine/create";
import { ActionLocation, actionsPath, formatId, locationOf, parseId } from "../engine/id";
import { outputsFromServer, readAction } from "../engine/operations";
import { actionOutputs } from "../engine/outputs";
import { createBody } from "../engine/wire";
import {
  Json,
  PendingOperation,
  StateResource,
  UntypedDeployment,
  isBuddyResource,
  isSecretValue,
  managedIds,
  pendingOf,
  withoutSecretValues,
} from "./state";

export interface OtherStack {
  name: string;
  deployment: UntypedDeployment;
}

export type Decision =
  | { kind: "recorded"; urn: string; id: string; how: "claimed" | "matched" | "taken" }
  | { kind: "made-nothing"; urn: string }
  | { kind: "already-managed"; urn: string }
  | { kind: "refused"; urn: string; reason: string; candidates: number[] }
  | { kind: "update-cleared"; urn: string }
  | { kind: "delete-done"; urn: string; id: string }
  | { kind: "delete-left"; urn: string; id: string }
  | { kind: "not-ours"; urn: string; operation: string };

interface RecoveryPlan {
  decisions: Decision[];
  /** The stack's new state (a copy); equal to the input when nothing changes. */
  deployment: UntypedDeployment;
  changed: boolean;
}

interface PendingCreate {
  op: PendingOperation;
  urn: string;
  spec: ActionSpec;
  loc: ActionLocation;
  inputs: Json;
  /** The inputs without secret values: what is compared with Buddy. */
  plain: Json;
  body: Json;
  group: string;
}

function groupKey(loc: ActionLocation, name: unknown, type: unknown): string {
  return JSON.stringify([pipelineKeyOf(loc), name, type]);
}

function describePending(op: PendingOperation): PendingCreate | string {
  const inputs = op.resource.inputs ?? {};
  try {
    const spec = loadSpec(inputs[SPEC_KEY]);
    const plain = withoutSecretValues(inputs);
    const loc = locationOf(plain);
    const body = createBody(spec, plain);
    if (typeof body.name !== "string") return "its name is secret, so it cannot be compared";
    return { op, urn: op.resource.urn, spec, loc, inputs, plain, body, group: groupKey(loc, body.name, body.type) };
  } catch (err) {
    return (err as Error).message;
  }
}

/** Pending creates of this package's resources in another stack, by group: theirs could have made an action. */
function othersPendingGroups(others: OtherStack[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const other of others) {
    for (const op of pendingOf(other.deployment)) {
      if (op.type !== "creating" || !isBuddyResource(op.resource)) continue;
      const p = describePending(op);
      if (typeof p === "string") continue;
      groups.set(p.group, [...(groups.get(p.group) ?? []), other.name]);
    }
  }
  return groups;
}

/** The outputs the provider's create would have returned for `action` (provider.ts: outs + `__spec`; the host adds `__provider`). */
function createdOutputs(p: PendingCreate, action: WireAction, how: "claimed" | "matched" | "taken"): Json {
  let outs: Json;
  if (how === "matched") {
    // Every non-secret value is equal: the outputs are the inputs as recorded (secrets still encrypted) + Buddy's fields.
    outs = actionOutputs(p.inputs, action);
  } else {
    // Claimed (its name is still the claim name) or taken by hand: Buddy's values where they may differ (the next preview shows them as changes), and every input
    // the program marked secret kept as recorded, so nothing secret lands in plain text.
    outs = outputsFromServer(p.spec, p.loc, action, p.plain);
    for (const [k, v] of Object.entries(p.inputs)) if (isSecretValue(v)) outs[k] = v;
  }
  return { ...outs, [SPEC_KEY]: p.spec.file, __provider: p.inputs.__provider };
}

function recordedResource(p: PendingCreate, action: WireAction, how: "claimed" | "matched" | "taken"): StateResource {
  const now = new Date().toISOString();
  return {
    ...p.op.resource,
    id: formatId({ ...p.loc, actionId: Number(action.id) }),
    outputs: createdOutputs(p, action, how),
    created: now,
    modified: now,
  };
}

async function readById(api: ActionsApi, loc: ActionLocation, id: number): Promise<WireAction | undefined> {
  try {
    return await api.get<WireAction>(actionsPath(loc, id));
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function planRecovery(
  api: ActionsApi,
  own: UntypedDeployment,
  others: OtherStack[],
  takes: Map<string, number> = new Map(),
): Promise<RecoveryPlan> {
  const deployment = JSON.parse(JSON.stringify(own)) as UntypedDeployment;
  const resources = deployment.deployment.resources ?? [];
  const pending = pendingOf(deployment);
  const decisions: Decision[] = [];
  const keep: PendingOperation[] = [];
  const added: StateResource[] = [];
  const removed = new Set<string>();

  const managedUrns = new Set(resources.map((r) => r.urn));
  const managedHere = managedIds(deployment);
  const managedElsewhere = new Set<string>();
  for (const o of others) for (const id of managedIds(o.deployment)) managedElsewhere.add(id);
  const isManaged = (id: string): boolean => managedHere.has(id) || managedElsewhere.has(id);
  const theirPending = othersPendingGroups(others);

  const creates: PendingCreate[] = [];
  for (const op of pending) {
    const urn = op.resource.urn;
    if (!isBuddyResource(op.resource)) {
      decisions.push({ kind: "not-ours", urn, operation: op.type });
      keep.push(op);
      continue;
    }
    if (op.type === "creating") {
      if (managedUrns.has(urn)) {
        // A later run created the resource: this pending create is stale.
        decisions.push({ kind: "already-managed", urn });
        continue;
      }
      const p = describePending(op);
      if (typeof p === "string") {
        decisions.push({ kind: "refused", urn, reason: `its inputs cannot be read: ${p}`, candidates: [] });
        keep.push(op);
        continue;
      }
      creates.push(p);
    } else if (op.type === "updating") {
      decisions.push({ kind: "update-cleared", urn });
    } else if (op.type === "deleting") {
      const r = resources.find((x) => x.urn === urn && x.id === op.resource.id) ?? op.resource;
      const id = String(r.id ?? "");
      const dependents = resources.some((x) => x.urn !== urn && (x.dependencies ?? []).includes(urn));
      const read = await readAction(api, loadSpec(r.outputs?.[SPEC_KEY] ?? r.inputs?.[SPEC_KEY]), id, r.outputs);
      if (read.id === undefined && !dependents) {
        removed.add(urn);
        decisions.push({ kind: "delete-done", urn, id });
      } else decisions.push({ kind: "delete-left", urn, id });
    } else {
      decisions.push({ kind: "not-ours", urn, operation: op.type });
      keep.push(op);
    }
  }

  /** Records `action` as the one pending create `p` made, found by its claim name or matched by its body. */
  const record = (p: PendingCreate, action: WireAction, how: "claimed" | "matched"): void => {
    added.push(recordedResource(p, action, how));
    decisions.push({ kind: "recorded", urn: p.urn, id: formatId({ ...p.loc, actionId: Number(action.id) }), how });
  };

  // Taken by hand: checked (same pipeline and type, managed by no stack), never matched.
  const taken = new Set<string>();
  for (const p of creates.filter((c) => takes.has(c.urn))) {
    const actionId = takes.get(p.urn)!;
    const id = formatId({ ...p.loc, actionId });
    const action = await readById(api, p.loc, actionId);
    let reason: string | undefined;
    if (action === undefined) reason = `action ${id} does not exist`;
    else if (action.type !== p.body.type)
      reason = `action ${id} is of type ${String(action.type)}, not ${String(p.body.type)}`;
    else if (isManaged(id) || taken.has(id)) reason = `action ${id} is managed by a stack of this project`;
    if (reason !== undefined || action === undefined) {
      decisions.push({ kind: "refused", urn: p.urn, reason: `--take: ${reason}`, candidates: [] });
      keep.push(p.op);
      continue;
    }
    taken.add(id);
    added.push(recordedResource(p, action, "taken"));
    decisions.push({ kind: "recorded", urn: p.urn, id, how: "taken" });
  }

  const listings = new Map<string, Promise<WireAction[]>>();
  const listing = (loc: ActionLocation): Promise<WireAction[]> => {
    const key = pipelineKeyOf(loc);
    if (!listings.has(key)) listings.set(key, api.listAll<WireAction>(actionsPath(loc), "actions"));
    return listings.get(key)!;
  };

  // Found by its claim name: exactly this create's action (claims.ts), whatever else the pipeline holds.
  const claimed = new Set<string>();
  for (const p of creates.filter((c) => !takes.has(c.urn) && isClaimName(c.inputs[CLAIM_KEY]))) {
    const listed = (await listing(p.loc)).find((a) => a.name === p.inputs[CLAIM_KEY] && a.type === p.body.type);
    const action = listed && (await readById(api, p.loc, Number(listed.id)));
    if (action === undefined) continue;
    claimed.add(p.urn);
    record(p, action, "claimed");
  }

  const groups = new Map<string, PendingCreate[]>();
  for (const p of creates.filter((c) => !takes.has(c.urn) && !claimed.has(c.urn)))
    groups.set(p.group, [...(groups.get(p.group) ?? []), p]);

  for (const members of groups.values()) {
    const first = members[0];
    const refuse = (reason: string, candidates: number[]): void => {
      for (const p of members) {
        decisions.push({ kind: "refused", urn: p.urn, reason, candidates });
        keep.push(p.op);
      }
    };
    const before = new Set<number>();
    const unrecorded = members.filter((p) => {
      const record = checkRecordOf(p.inputs, p.loc, p.body.name, p.body.type);
      record?.ids.forEach((id) => before.add(id));
      return record === undefined;
    });
    const listed = (await listing(first.loc)).filter((a) => a.name === first.body.name && a.type === first.body.type);
    const fresh = listed.filter((a) => {
      const id = formatId({ ...first.loc, actionId: Number(a.id) });
      return !before.has(Number(a.id)) && !isManaged(id) && !taken.has(id);
    });
    const freshIds = fresh.map((a) => Number(a.id)).sort((x, y) => x - y);
    const stacks = theirPending.get(first.group);
    if (stacks !== undefined && freshIds.length > 0) {
      refuse(
        `stack(s) ${stacks.join(", ")} also have a pending create of this name and type in this pipeline`,
        freshIds,
      );
      continue;
    }
    if (unrecorded.length > 0 && freshIds.length > 0) {
      refuse(
        "its inputs do not record which same-named actions existed before it (made by an older version?)",
        freshIds,
      );
      continue;
    }
    if (freshIds.length > members.length) {
      refuse(
        `${freshIds.length} actions of this name and type are new and unmanaged, but this stack has only ` +
          `${members.length} pending create(s) of them: someone else made some`,
        freshIds,
      );
      continue;
    }
    const full = (await Promise.all(fresh.map((a) => readById(api, first.loc, Number(a.id))))).filter(
      (a): a is WireAction => a !== undefined,
    );
    const used = new Set<number>();
    for (const p of [...members].sort((x, y) => x.urn.localeCompare(y.urn))) {
      const action = full
        .filter((a) => !used.has(Number(a.id)) && madeFromBody(p.spec, p.plain, p.body, a))
        .sort((x, y) => Number(x.id) - Number(y.id))[0];
      if (action === undefined) {
        decisions.push({ kind: "made-nothing", urn: p.urn });
        continue;
      }
      used.add(Number(action.id));
      record(p, action, "matched");
    }
  }

  deployment.deployment.resources = [...resources.filter((r) => !removed.has(r.urn)), ...added];
  if (keep.length > 0) deployment.deployment.pending_operations = keep;
  else delete deployment.deployment.pending_operations;
  const changed = keep.length !== pending.length || added.length > 0 || removed.size > 0;
  return { decisions, deployment, changed };
}

/** The id of an action from a `--take URN=ID` value: a bare action id or a full resource id. */
export function parseTake(value: string): [string, number] {
  const at = value.lastIndexOf("=");
  if (at <= 0) throw new Error(`--take expects URN=ACTION_ID, got ${JSON.stringify(value)}`);
  const urn = value.slice(0, at);
  const raw = value.slice(at + 1);
  const id = /^[0-9]+$/.test(raw) ? Number(raw) : parseId(raw).actionId;
  return [urn, id];
}

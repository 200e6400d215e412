/**
 * Before a create's first POST: is there already, in the pipeline, an action identical to the one about to be made
 * that no resource of this run made or took? Same name and type, every non-secret value sent equal (read by id: a
 * list item may be a summary). Such an action is almost always the one an earlier run of this stack created and
 * could not record: the run was killed (SIGKILL, a lost CI runner) between its POST and the engine's checkpoint.
 * Creating another would leave two, one of them an orphan no stack manages; so the create stops with an error that
 * names the action and the way out (`pulumi-buddy-actions recover`, recovery/), and makes nothing.
 *
 * An action under a claim name (claims.ts) counts as identical when everything but its name is: a killed run's create
 * that had not renamed it yet (or another stack's create under way).
 *
 * The same error meets an identical action made by hand, or one a renamed resource (a new URN without `aliases`)
 * still manages: the remedies are in the message. `adopt: true` takes such an action over instead, and a create
 * whose values differ in anything is not concerned.
 */
import { ActionSpec } from "../specs/spec";
import { ActionsApi, WireAction, isNotFound } from "./api";
import { CreateClaims, Snapshot, isClaimName } from "./claims";
import { ActionLocation, actionsPath } from "./id";
import { Json } from "./wire";

/** The command a user runs after a killed run (the package's bin, recovery/cli.ts). */
const RECOVER_COMMAND = "npx pulumi-buddy-actions recover";

export async function refuseUnmanagedTwin(
  api: ActionsApi,
  spec: ActionSpec,
  loc: ActionLocation,
  before: Snapshot<WireAction>,
  claims: CreateClaims,
  inputs: Json,
  body: Json,
  madeFromBody: (spec: ActionSpec, inputs: Json, body: Json, action: WireAction) => boolean,
): Promise<void> {
  const mayBeTwin = (a: WireAction): boolean => a.name === body.name || isClaimName(a.name);
  const sameNamed = before.items.filter((a) => mayBeTwin(a) && a.type === body.type && !claims.isClaimed(a.id));
  if (sameNamed.length === 0) return;
  const read = await Promise.all(
    sameNamed.map(async (a) => {
      try {
        return await api.get<WireAction>(actionsPath(loc, Number(a.id)));
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    }),
  );
  const twins = read.filter(
    (a): a is WireAction =>
      a !== undefined &&
      !claims.isClaimed(a.id) &&
      mayBeTwin(a) &&
      madeFromBody(spec, { ...inputs, name: a.name }, { ...body, name: a.name }, a),
  );
  if (twins.length === 0) return;
  const ids = twins.map((a) => String(a.id)).join(", ");
  throw new Error(
    `Not creating action ${JSON.stringify(body.name)} (${String(body.type)}) in ${loc.workspace}/${loc.projectName} ` +
      `pipeline ${loc.pipelineId}: the pipeline already holds an identical action (id ${ids}) that this run did not ` +
      `make, and creating another would leave a duplicate. If an earlier \`pulumi up\` of this stack was killed or ` +
      `its runner died, run \`${RECOVER_COMMAND}\` (with --stack if needed): it records the action that run made in ` +
      `the stack, then \`pulumi up\` again. If the action was made by hand or is someone else's, take it over with ` +
      `adopt: true, or delete or rename it in Buddy; if it belongs to a resource you renamed, give that resource ` +
      `\`aliases\`. Nothing was created.`,
  );
}

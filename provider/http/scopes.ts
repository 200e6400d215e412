/**
 * Which token scopes each use of this package needs: what the README's scopes table states and what a 403 names.
 *
 * Facts (Buddy's API pages and its Terraform provider's docs): reading a project needs WORKSPACE; reading pipelines
 * and actions needs EXECUTION_INFO; adding, editing and deleting actions needs EXECUTION_MANAGE (which includes
 * EXECUTION_INFO). The newest pages name one scope per endpoint and call the pipeline pair PIPELINE_READ /
 * PIPELINE_WRITE; older pages, and the Terraform provider for every resource and data source, list WORKSPACE beside
 * the endpoint's own scope. A token with the sets below works under every one of those readings, and each scope in
 * them is needed under one of them (test/integration/provider/scopes.test.ts runs both against the emulator).
 */

/** What the token needs, per use, as the README states it (the newest accounts' names in `newer`). */
interface ScopeNeed {
  /** Scopes that suffice on every documented generation. */
  scopes: readonly string[];
  /** The same need in the newest pages' names. */
  newer: readonly string[];
}

export const SCOPES_NEEDED = {
  /** Every action resource (create, refresh, update, delete; a deleted pipeline is told apart by reading its project). */
  resources: { scopes: ["WORKSPACE", "EXECUTION_MANAGE"], newer: ["WORKSPACE", "PIPELINE_WRITE"] },
  /** `<Resource>.get(name, id)`: reads one action. */
  get: { scopes: ["WORKSPACE", "EXECUTION_INFO"], newer: ["WORKSPACE", "PIPELINE_READ"] },
  /** `getPipeline`: lists a project's pipelines. */
  getPipeline: { scopes: ["WORKSPACE", "EXECUTION_INFO"], newer: ["WORKSPACE", "PIPELINE_READ"] },
  /** `getProject`: reads one project. */
  getProject: { scopes: ["WORKSPACE"], newer: ["WORKSPACE"] },
} as const satisfies Record<string, ScopeNeed>;

const PIPELINE_PATH = /^\/workspaces\/[^/]+\/projects\/[^/]+\/pipelines(\/|$)/;
const PROJECT_PATH = /^\/workspaces\/[^/]+\/projects\/[^/]+$/;

/** The scopes one request needs, in words for an error message; undefined for a path this package never calls. */
export function scopesForRequest(method: string, path: string): string | undefined {
  const bare = path.split("?")[0];
  if (PIPELINE_PATH.test(bare)) {
    return method === "GET"
      ? "WORKSPACE and EXECUTION_INFO or EXECUTION_MANAGE (newer accounts: PIPELINE_READ or PIPELINE_WRITE)"
      : "WORKSPACE and EXECUTION_MANAGE (newer accounts: PIPELINE_WRITE)";
  }
  if (PROJECT_PATH.test(bare) || /^\/workspaces(\/[^/]+)?$/.test(bare)) return "WORKSPACE";
  return undefined;
}

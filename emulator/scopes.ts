/**
 * Token scopes and what each kind of endpoint needs. Buddy's docs name two generations of scopes
 * (EXECUTION_INFO/EXECUTION_MANAGE and the newer PIPELINE_READ/PIPELINE_WRITE); both are accepted.
 * The newest pages name one scope per endpoint (the table); older pages, and Buddy's Terraform provider for every
 * resource and data source, list WORKSPACE beside it. The server mode `workspaceScopeRequired` (modes.ts) is that
 * reading: every endpoint then needs WORKSPACE as well as one scope of its row.
 *
 * | access            | endpoints                                                | any one of                                                            |
 * | ----------------- | -------------------------------------------------------- | --------------------------------------------------------------------- |
 * | workspace-read    | GET /workspaces, GET /workspaces/:ws                     | WORKSPACE                                                             |
 * | project-read      | GET projects                                             | WORKSPACE, PROJECT_INFO                                               |
 * | project-write     | POST projects                                            | WORKSPACE                                                             |
 * | pipeline-read     | GET pipelines, GET actions                               | EXECUTION_INFO, EXECUTION_RUN, EXECUTION_MANAGE, PIPELINE_READ, PIPELINE_WRITE |
 * | pipeline-write    | POST/DELETE pipelines, POST/PATCH/DELETE actions         | EXECUTION_MANAGE, PIPELINE_WRITE                                      |
 */
export type Access = "workspace-read" | "project-read" | "project-write" | "pipeline-read" | "pipeline-write";

export const ALL_SCOPES: readonly string[] = [
  "WORKSPACE",
  "PROJECT_INFO",
  "EXECUTION_INFO",
  "EXECUTION_RUN",
  "EXECUTION_MANAGE",
  "PIPELINE_READ",
  "PIPELINE_WRITE",
];

export const SCOPES_FOR: Readonly<Record<Access, readonly string[]>> = {
  "workspace-read": ["WORKSPACE"],
  "project-read": ["WORKSPACE", "PROJECT_INFO"],
  "project-write": ["WORKSPACE"],
  "pipeline-read": ["EXECUTION_INFO", "EXECUTION_RUN", "EXECUTION_MANAGE", "PIPELINE_READ", "PIPELINE_WRITE"],
  "pipeline-write": ["EXECUTION_MANAGE", "PIPELINE_WRITE"],
};

/** What the token lacks for `access` ("WORKSPACE", "one of EXECUTION_MANAGE, PIPELINE_WRITE"); undefined: nothing. */
export function missingScope(scopes: readonly string[], access: Access, workspaceRequired = false): string | undefined {
  const anyOf = SCOPES_FOR[access];
  if (!anyOf.some((s) => scopes.includes(s))) return anyOf.length === 1 ? anyOf[0] : `one of ${anyOf.join(", ")}`;
  if (workspaceRequired && !scopes.includes("WORKSPACE")) return "WORKSPACE";
  return undefined;
}

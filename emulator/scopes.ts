/**
 * Token scopes and what each kind of endpoint needs. Buddy's docs name two generations of scopes
 * (EXECUTION_INFO/EXECUTION_MANAGE and the newer PIPELINE_READ/PIPELINE_WRITE); both are accepted.
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

export function hasAccess(scopes: readonly string[], access: Access): boolean {
  return SCOPES_FOR[access].some((s) => scopes.includes(s));
}

// A leaf module (it imports nothing): the public lookups' declarations name this type, and a program's compiler
// then loads only this file, not the engine's internal declarations (test/integration/package/declarations.test.ts).

/** The pipeline fields that say where its definition lives (Buddy's snake_case). */
export interface WirePipelineDefinition {
  id?: unknown;
  name?: unknown;
  definition_source?: unknown;
  remote_project_name?: unknown;
  remote_ref?: unknown;
  remote_branch?: unknown;
  remote_path?: unknown;
  git_config_ref?: unknown;
  git_config?: unknown;
}

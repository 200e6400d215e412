/**
 * A Pipeline whose definition lives in a repository's YAML (definitionSource REMOTE, or gitConfigRef FIXED or
 * DYNAMIC; README "Pipelines defined in YAML"): Buddy takes its settings from that file, so a setting the program
 * also declares would be written by `up` and undone by the next sync from the repository, a fight no preview shows.
 * Such a program declares only where the definition lives (and the pipeline's name and identifier); every other
 * setting is refused at check. Buddy's docs do not list which settings a repository definition leaves to the API,
 * so the rule keeps to those that say where the definition is: an error is better than a write the YAML undoes.
 */
import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import { shown } from "../../catalog/rules";

/** Settings a repository-defined pipeline's program may declare, by how the definition is kept. */
const KEPT_BY_PROGRAM = {
  remote: [
    "name",
    "identifier",
    "definitionSource",
    "remoteProjectName",
    "remoteRef",
    "remoteBranch",
    "remotePath",
    "remoteParameters",
  ],
  git: [
    "name",
    "identifier",
    "definitionSource",
    "gitConfigRef",
    "gitConfig",
    "manageVariablesByYaml",
    "managePermissionsByYaml",
  ],
} as const;

/** Where the inputs say the definition lives, for the message; undefined for a pipeline kept in Buddy. */
function repositoryDefinition(
  settings: Record<string, unknown>,
): { kind: keyof typeof KEPT_BY_PROGRAM; where: string } | undefined {
  if (settings.definitionSource === "REMOTE") {
    const parts = [settings.remoteProjectName, settings.remoteRef ?? settings.remoteBranch, settings.remotePath];
    const where = parts.every((p) => typeof p === "string") ? ` (${parts.join(" @ ")})` : "";
    return { kind: "remote", where: `definitionSource REMOTE${where}` };
  }
  if (settings.gitConfigRef === "FIXED" || settings.gitConfigRef === "DYNAMIC")
    return { kind: "git", where: `gitConfigRef ${settings.gitConfigRef}` };
  return undefined;
}

/** One failure per declared setting that the pipeline's repository YAML owns. */
export function yamlOwnedSettings(settings: Record<string, unknown>): CheckFailure[] {
  const definition = repositoryDefinition(settings);
  if (definition === undefined) return [];
  const kept: readonly string[] = KEPT_BY_PROGRAM[definition.kind];
  return Object.entries(settings)
    .filter(([key, value]) => value !== undefined && !kept.includes(key))
    .map(([key, value]) => ({
      property: key,
      reason:
        `is defined by the pipeline's YAML in a repository (${definition.where}), which Buddy syncs over what the ` +
        `API writes; set it in that file and leave it out of the program (a program may declare only ` +
        `${kept.join(", ")}); got ${shown(value, false)}`,
    }));
}

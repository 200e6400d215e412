/**
 * Two resources of one program that declare an action of the same name and type in the same pipeline: Buddy allows
 * it, but adoption and create safety tell actions apart by name and type, so the program is warned at preview (with
 * both resources' names). Decided in the program process, which sees every resource; the values are compared once
 * known (a pipeline id from a lookup is known at preview, one from a resource created in the same run only at `up`).
 */
import * as pulumi from "@pulumi/pulumi";

/**
 * (workspace, project, pipeline, name, type) → the first resource that declared it. Per program process, which is
 * one program: nothing resets it (a test that needs a new program declares other names).
 */
const declared = new Map<string, string>();

export function warnIfSameNamed(resourceName: string, actionType: unknown, args: Record<string, unknown>): void {
  const parts = [args.workspace, args.projectName, args.pipelineId, args.name, actionType] as pulumi.Input<unknown>[];
  pulumi.all(parts).apply(([workspace, projectName, pipelineId, name, type]) => {
    if (name === undefined || type === undefined) return;
    const key = JSON.stringify([workspace, projectName, pipelineId, name, type]);
    const first = declared.get(key);
    if (first === undefined) {
      declared.set(key, resourceName);
      return;
    }
    if (first === resourceName) return;
    void pulumi.log.warn(
      `Resources ${JSON.stringify(first)} and ${JSON.stringify(resourceName)} both declare action ${JSON.stringify(name)} ` +
        `(${String(type)}) in ${String(workspace)}/${String(projectName)} pipeline ${String(pipelineId)}. Buddy allows ` +
        `it, but adoption and create safety tell actions apart by name and type: give them distinct names.`,
    );
  });
}

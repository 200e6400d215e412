import * as pulumi from "@pulumi/pulumi";
import provider = require("../providers/pipeline-action");
import { pipelineActionFields, pipelineActionSpec } from "../specs/pipeline-action";
import { TYPE_MODULE } from "../specs/spec";
import { actionIdFollowsId, resourceOptions, resourceProps } from "./props";
import { ActionArgs, ActionOutputs } from "./types";

/** The arguments of a PipelineAction. */
export interface PipelineActionArgs extends ActionArgs<typeof pipelineActionFields> {}

/** Every input of a PipelineAction (undefined when not set) plus actionId, url, htmlUrl, lastExecutionStatus. */
export interface PipelineAction extends ActionOutputs<typeof pipelineActionFields> {}

/**
 * A Buddy pipeline action: any Buddy action: `type` is an input, the common fields are typed, the type's own fields go in `fields` with Buddy's names.
 * The Pulumi id is `workspace/projectName/pipelineId/actionId`.
 */
export class PipelineAction extends pulumi.dynamic.Resource {
  /** Reads an existing action by its id (`workspace/projectName/pipelineId/actionId`) without managing it. */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): PipelineAction {
    // With an id the args are not used: everything comes from read.
    return new PipelineAction(name, {} as PipelineActionArgs, { ...opts, id });
  }

  constructor(name: string, args: PipelineActionArgs, opts?: pulumi.CustomResourceOptions) {
    const spec = pipelineActionSpec;
    super(provider, name, resourceProps(spec, opts?.id === undefined ? args : undefined), resourceOptions(spec, opts), TYPE_MODULE, spec.resourceType);
    actionIdFollowsId(this);
  }
}

import * as pulumi from "@pulumi/pulumi";
import provider = require("../providers/tag-docker-image");
import { tagDockerImageFields, tagDockerImageSpec } from "../specs/tag-docker-image";
import { TYPE_MODULE } from "../specs/spec";
import { actionIdFollowsId, resourceOptions, resourceProps } from "./props";
import { ActionArgs, ActionOutputs } from "./types";

/** The arguments of a TagDockerImageAction. */
export interface TagDockerImageActionArgs extends ActionArgs<typeof tagDockerImageFields> {}

/** Every input of a TagDockerImageAction (undefined when not set) plus actionId, url, htmlUrl, lastExecutionStatus. */
export interface TagDockerImageAction extends ActionOutputs<typeof tagDockerImageFields> {}

/**
 * A Buddy pipeline action: a Tag Docker Image action (PROMOTE_IMAGE): tags an image, in one registry or copied to another.
 * The Pulumi id is `workspace/projectName/pipelineId/actionId`.
 */
export class TagDockerImageAction extends pulumi.dynamic.Resource {
  /** Reads an existing action by its id (`workspace/projectName/pipelineId/actionId`) without managing it. */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): TagDockerImageAction {
    // With an id the args are not used: everything comes from read.
    return new TagDockerImageAction(name, {} as TagDockerImageActionArgs, { ...opts, id });
  }

  constructor(name: string, args: TagDockerImageActionArgs, opts?: pulumi.CustomResourceOptions) {
    const spec = tagDockerImageSpec;
    super(provider, name, resourceProps(spec, opts?.id === undefined ? args : undefined), resourceOptions(spec, opts), TYPE_MODULE, spec.resourceType);
    actionIdFollowsId(this);
  }
}

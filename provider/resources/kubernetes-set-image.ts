import * as pulumi from "@pulumi/pulumi";
import provider = require("../providers/kubernetes-set-image");
import { kubernetesSetImageFields, kubernetesSetImageSpec } from "../specs/kubernetes-set-image";
import { TYPE_MODULE } from "../specs/spec";
import { actionIdFollowsId, resourceOptions, resourceProps } from "./props";
import { ActionArgs, ActionOutputs } from "./types";

/** The arguments of a KubernetesSetImageAction. */
export interface KubernetesSetImageActionArgs extends ActionArgs<typeof kubernetesSetImageFields> {}

/** Every input of a KubernetesSetImageAction (undefined when not set) plus actionId, url, htmlUrl, lastExecutionStatus. */
export interface KubernetesSetImageAction extends ActionOutputs<typeof kubernetesSetImageFields> {}

/**
 * A Buddy pipeline action: a Kubernetes Set Image action (KUBERNETES_SET_IMAGE): points a deployment's container at an image tag.
 * The Pulumi id is `workspace/projectName/pipelineId/actionId`.
 */
export class KubernetesSetImageAction extends pulumi.dynamic.Resource {
  /** Reads an existing action by its id (`workspace/projectName/pipelineId/actionId`) without managing it. */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): KubernetesSetImageAction {
    // With an id the args are not used: everything comes from read.
    return new KubernetesSetImageAction(name, {} as KubernetesSetImageActionArgs, { ...opts, id });
  }

  constructor(name: string, args: KubernetesSetImageActionArgs, opts?: pulumi.CustomResourceOptions) {
    const spec = kubernetesSetImageSpec;
    super(provider, name, resourceProps(spec, opts?.id === undefined ? args : undefined), resourceOptions(spec, opts), TYPE_MODULE, spec.resourceType);
    actionIdFollowsId(this);
  }
}

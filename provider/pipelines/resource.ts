/**
 * The Pipeline resource class (its public type is generated in ../pipeline.ts from catalog/pipeline.json). Type
 * token `pulumi-nodejs:dynamic/buddy:Pipeline`, provider providers/pipeline.ts. `pipelineId` follows the Pulumi id
 * (`workspace/projectName/pipelineId`) rather than the recorded outputs: the id stays known through an in-place
 * update, so an action given `pipelineId: pipeline.pipelineId` shows no change (and no replace) in the preview of a
 * pipeline setting change, and is unknown exactly when the pipeline is created or replaced.
 */
import * as pulumi from "@pulumi/pulumi";
import provider = require("../providers/pipeline");
import { TYPE_MODULE } from "../specs/spec";
import { checkProgramConfig } from "../resources/program-config";
import { LOCATION_KEYS, serverFields, settings } from "./facts";

/** The class's constructor and `get`, as the generated module types them. */
interface PipelineClass<Args, Instance> {
  new (name: string, args: Args, opts?: pulumi.CustomResourceOptions): Instance;
  get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Instance;
}

const REGISTERED = [
  ...LOCATION_KEYS,
  ...Object.keys(settings),
  ...Object.keys(serverFields).filter((k) => k !== "pipelineId"),
];

export function pipelineResourceClass<Args, Instance>(): PipelineClass<Args, Instance> {
  class Pipeline extends pulumi.dynamic.Resource {
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Pipeline {
      return new Pipeline(name, undefined, { ...opts, id });
    }

    constructor(name: string, args: object | undefined, opts?: pulumi.CustomResourceOptions) {
      checkProgramConfig();
      const props: pulumi.Inputs = {};
      for (const key of REGISTERED) props[key] = undefined;
      if (opts?.id === undefined) for (const [k, v] of Object.entries(args ?? {})) if (v !== undefined) props[k] = v;
      super(provider, name, props, opts, TYPE_MODULE, "Pipeline");
    }
  }
  Object.defineProperty(Pipeline.prototype, "pipelineId", {
    configurable: true,
    get(this: pulumi.CustomResource) {
      const value = this.id.apply((id) => Number(id.slice(id.lastIndexOf("/") + 1)));
      Object.defineProperty(this, "pipelineId", { value, enumerable: true, configurable: true });
      return value;
    },
  });
  return Pipeline as unknown as PipelineClass<Args, Instance>;
}

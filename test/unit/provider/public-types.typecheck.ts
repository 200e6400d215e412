// The published Args and resource interfaces are plain interfaces written out by the generator (and, for
// PipelineAction and the location fields, by hand); the runtime checks inputs against the specs. These cases hold
// the two equal, type for type: an interface that accepts what the spec refuses, or refuses what it accepts, does
// not compile. Compiled by `npm run typecheck` (tsconfig.json includes test/): it imports the sources, which the
// template options of test/unit/types.test.ts do not compile.
import type * as pulumi from "@pulumi/pulumi";
import type {
  EmailAction,
  EmailActionArgs,
  KubernetesApplyDeploymentAction,
  KubernetesApplyDeploymentActionArgs,
  KubernetesSetImageAction,
  KubernetesSetImageActionArgs,
  PipelineAction,
  PipelineActionArgs,
  SshAction,
  SshActionArgs,
  TagDockerImageAction,
  TagDockerImageActionArgs,
} from "../../../provider";
import type { ActionArgs, ActionOutputs } from "../../../provider/resources/types";
import type { emailSpec } from "../../../provider/specs/actions/email";
import type { kubernetesApplyDeploymentSpec } from "../../../provider/specs/actions/kubernetes-apply-deployment";
import type { kubernetesSetImageSpec } from "../../../provider/specs/actions/kubernetes-set-image";
import type { sshSpec } from "../../../provider/specs/actions/ssh";
import type { tagDockerImageSpec } from "../../../provider/specs/actions/tag-docker-image";
import type { pipelineActionSpec } from "../../../provider/specs/pipeline-action";

/** Each assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The outputs a resource interface adds to pulumi.dynamic.Resource. */
type Outputs<R> = Omit<R, keyof pulumi.dynamic.Resource>;

export const checks: true[] = [
  true as Same<SshActionArgs, ActionArgs<typeof sshSpec.fields>>,
  true as Same<Outputs<SshAction>, ActionOutputs<typeof sshSpec.fields>>,
  true as Same<EmailActionArgs, ActionArgs<typeof emailSpec.fields>>,
  true as Same<Outputs<EmailAction>, ActionOutputs<typeof emailSpec.fields>>,
  true as Same<KubernetesSetImageActionArgs, ActionArgs<typeof kubernetesSetImageSpec.fields>>,
  true as Same<Outputs<KubernetesSetImageAction>, ActionOutputs<typeof kubernetesSetImageSpec.fields>>,
  true as Same<KubernetesApplyDeploymentActionArgs, ActionArgs<typeof kubernetesApplyDeploymentSpec.fields>>,
  true as Same<Outputs<KubernetesApplyDeploymentAction>, ActionOutputs<typeof kubernetesApplyDeploymentSpec.fields>>,
  true as Same<TagDockerImageActionArgs, ActionArgs<typeof tagDockerImageSpec.fields>>,
  true as Same<Outputs<TagDockerImageAction>, ActionOutputs<typeof tagDockerImageSpec.fields>>,
  true as Same<PipelineActionArgs, ActionArgs<typeof pipelineActionSpec.fields>>,
  true as Same<Outputs<PipelineAction>, ActionOutputs<typeof pipelineActionSpec.fields>>,
];

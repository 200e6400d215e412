// The program `npm run bench` times: `count` KubernetesSetImageActions (config `kind: buddy`), or as many no-op
// dynamic resources taking identical arguments (`kind: noop`): the floor the Pulumi engine and SDK set for a
// dynamic resource, against which our own cost is measured.
import * as pulumi from "@pulumi/pulumi";
import { KubernetesSetImageAction } from "pulumi-buddy-actions";

const config = new pulumi.Config();
const kind = config.require("kind");
const count = config.requireNumber("count");
const workspace = config.require("workspace");
const imageTag = config.get("imageTag") ?? "1.0.0";

type Args = Record<string, string | number>;

/**
 * Does nothing: create returns its inputs, diff says no change, read returns what it was given. A module under
 * node_modules (scripts/bench.ts writes it there), so that Pulumi stores it in state as one `require(...)` line,
 * as it stores ours: the two programs then differ only in what their providers and resource classes do.
 */
function noop(): pulumi.dynamic.ResourceProvider<Args, Args> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("bench-noop-provider") as pulumi.dynamic.ResourceProvider<Args, Args>;
}

class NoOp extends pulumi.dynamic.Resource {
  constructor(name: string, args: Args) {
    super(noop(), name, args, undefined, "bench", "NoOp");
  }
}

for (let i = 0; i < count; i++) {
  const args = {
    workspace,
    projectName: "my-project",
    pipelineId: 1,
    name: `Set image ${i}`,
    namespace: "default",
    deployment: `web-${i}`,
    container: "web",
    imageName: "registry.example.com/web",
    imageTag,
  };
  if (kind === "noop") new NoOp(`action-${i}`, args);
  else new KubernetesSetImageAction(`action-${i}`, args);
}

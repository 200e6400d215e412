// A Buddy step that points a Kubernetes deployment's container at an image tag (KUBERNETES_SET_IMAGE).
//
//   pulumi config set workspace my-company          # where the pipeline lives
//   pulumi config set projectName my-project
//   pulumi config set pipelineId 1
//   pulumi config set --secret kubeconfig "$(cat ~/.kube/config)"
//   pulumi config set --secret buddy:token <token>  # never a resource input, never in state
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import { KubernetesSetImageAction } from "pulumi-buddy-actions";

const config = new pulumi.Config();

const setImage = new KubernetesSetImageAction("set-image", {
  workspace: config.get("workspace") ?? "my-company",
  projectName: config.get("projectName") ?? "my-project",
  pipelineId: config.getNumber("pipelineId") ?? 1,
  name: "Set web image",
  namespace: "production",
  deployment: "web",
  container: "web",
  imageName: "registry.example.com/shop/web",
  imageTag: config.get("imageTag") ?? "2.4.0",
  recordArg: "NOT_SET",
  // The kubeconfig is a credential: the resource keeps it secret in state whatever is passed here.
  content: config.getSecret("kubeconfig") ?? "apiVersion: v1\nkind: Config\nclusters: []\n",
});

export const actionId = setImage.actionId;
export const actionUrl = setImage.htmlUrl;

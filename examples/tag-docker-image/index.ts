// A Buddy step that tags a Docker image (PROMOTE_IMAGE, "Tag Docker Image"): here the build's tag gets the
// release tag in the same registry. With `sameLocation: false` and a full `dest` it copies the image to another
// registry instead.
//
//   pulumi config set workspace my-company
//   pulumi config set projectName my-project
//   pulumi config set pipelineId 1
//   pulumi config set --secret registryPassword <password>
//   pulumi config set --secret buddy:token <token>
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import { TagDockerImageAction } from "pulumi-buddy-actions";

const config = new pulumi.Config();

const promote = new TagDockerImageAction("promote", {
  workspace: config.get("workspace") ?? "my-company",
  projectName: config.get("projectName") ?? "my-project",
  pipelineId: config.getNumber("pipelineId") ?? 1,
  name: "Tag image as stable",
  sameLocation: true,
  src: {
    dockerRegistry: "OTHER",
    registry: "registry.example.com",
    image: "shop/web",
    tag: config.get("buildTag") ?? "2.4.0",
    username: "ci",
    // A location with a password is secret in state as a whole.
    password: config.getSecret("registryPassword") ?? "not-a-real-password",
  },
  dest: { tag: "stable" },
});

export const actionId = promote.actionId;
export const actionUrl = promote.htmlUrl;

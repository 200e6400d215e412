// The end-to-end tests' program. Every knob is stack config, so a test changes the program the way a user
// would (edit, then `pulumi preview` / `up`) without rewriting code.
import * as pulumi from "@pulumi/pulumi";
import {
  GitPushAction,
  KubernetesSetImageAction,
  PipelineAction,
  SlackAction,
  TagDockerImageAction,
  getPipeline,
  getProject,
} from "pulumi-buddy-actions";

const config = new pulumi.Config();
const workspace = config.require("workspace");
const projectName = config.get("projectName") ?? "my-project";
const pipelineId = config.getNumber("pipelineId") ?? 1;
/** Moving the tag action to another pipeline must replace it. */
const tagPipelineId = config.getNumber("tagPipelineId") ?? pipelineId;
// A type the catalog does not type: PipelineAction sends its `fields` as they are and the emulator keeps them.
const genericType = config.get("genericType") ?? "NOT_IN_CATALOG";
const kubeconfig = config.getSecret("kubeconfig");
const registryPassword = config.getSecret("registryPassword");
/** Extra generic actions, for the fault run. */
const bulk = config.getNumber("bulk") ?? 0;
const bulkSuffix = config.get("bulkSuffix") ?? "";

const setImage = new KubernetesSetImageAction("set-image", {
  workspace,
  projectName,
  pipelineId,
  name: "Set image",
  namespace: "default",
  deployment: "nginx-deployment",
  container: "nginx",
  imageName: "nginx",
  imageTag: config.get("imageTag") ?? "1.0.0",
  // A number from config, so a test can feed it a bad value (check must refuse it before any API call).
  timeout: config.getNumber("timeout"),
  content: kubeconfig,
});

const tagImage = new TagDockerImageAction("tag-image", {
  workspace,
  projectName,
  pipelineId: tagPipelineId,
  name: "Tag image",
  afterActionId: tagPipelineId === pipelineId ? setImage.actionId : undefined,
  sameLocation: registryPassword === undefined,
  src:
    registryPassword === undefined
      ? { dockerRegistry: "DOCKER_HUB", image: "nginx" }
      : {
          dockerRegistry: "OTHER",
          registry: "registry.example.com",
          image: "nginx",
          username: "ci",
          password: registryPassword,
        },
  dest: { dockerRegistry: "DOCKER_HUB", image: "nginx", tag: "stable" },
});

/** A secret a user puts inside a PipelineAction's `fields`: the whole `fields` must be secret in state. */
const webhookSecret = config.getSecret("webhookSecret");
const generic = new PipelineAction("generic", {
  workspace,
  projectName,
  pipelineId,
  type: genericType,
  name: "Generic",
  afterActionId: tagPipelineId === pipelineId ? tagImage.actionId : setImage.actionId,
  fields: {
    content: "hello",
    channel_name: "#deployments",
    // EMAIL needs at least one of recipients and send_to_groups (the lifecycle test changes the type to it).
    ...(genericType === "EMAIL" ? { recipients: "ops@example.com" } : {}),
    ...(webhookSecret === undefined ? {} : { webhook_secret: webhookSecret }),
  },
});

/**
 * Credentials given as plain strings (no `pulumi.secret`) where only the provider can know they are secret: a
 * secret of a typed type inside PipelineAction's `fields`, and credential-named members of open values (a
 * GitPushAction target's `auth.password`, a member of `fields` of a type the catalog does not have). Each value is
 * `plain-<what>-<plainCredentials>`, so it is never in a command line the tests record.
 */
const plainCredentials = config.get("plainCredentials");
if (plainCredentials !== undefined) {
  const plain = (what: string) => `plain-${what}-${plainCredentials}`;
  const at = { workspace, projectName, pipelineId: 2 };
  new PipelineAction("generic-set-image", {
    ...at,
    type: "KUBERNETES_SET_IMAGE",
    name: "Generic set image",
    fields: {
      namespace: "default",
      deployment: "web",
      container: "web",
      image_name: "nginx",
      image_tag: "1.0",
      content: plain("kubeconfig"),
    },
  });
  new GitPushAction("git-push", {
    ...at,
    name: "Push to the mirror",
    targets: [
      {
        identifier: "mirror",
        name: "Mirror",
        type: "GIT",
        repository: "https://git.example.com/mirror.git",
        auth: { method: "HTTP", username: "ci", password: plain("push-password") },
      },
    ],
  });
  new PipelineAction("untyped-credentials", {
    ...at,
    type: genericType,
    name: "Untyped credentials",
    fields: {
      api_token: plain("api-token"),
      token_type: "bearer",
      hooks: [{ url: "https://x", secret: plain("hook") }],
    },
  });
}

/** Adoption: take over an action someone created in Buddy's UI, by name and type. */
const adoptName = config.get("adoptName");
if (adoptName !== undefined) {
  new KubernetesSetImageAction("adopted", {
    workspace,
    projectName,
    pipelineId: 2,
    adopt: true,
    // Several actions share the name: adopt the one with this id.
    adoptActionId: config.getNumber("adoptActionId"),
    name: adoptName,
    namespace: "prod",
    deployment: "api",
    container: "api",
    imageName: "registry.example.com/api",
    imageTag: config.get("adoptedTag") ?? "2.0.0",
  });
}

/** A second resource declaring the generic action's name and type in the same pipeline: preview must warn. */
if (config.getBoolean("twinResource") === true) {
  new PipelineAction("generic-twin", {
    workspace,
    projectName,
    pipelineId,
    type: genericType,
    name: "Generic",
    fields: { content: "twin" },
  });
}

for (let i = 0; i < bulk; i++) {
  new PipelineAction(`bulk-${i}`, {
    workspace,
    projectName,
    pipelineId,
    type: "SLEEP",
    name: `Bulk ${i}${bulkSuffix}`,
    fields: { sleep_in_sec: i },
  });
}

/**
 * `get` of an existing action by id (a test gives an id that does not exist: up must fail naming it), with the class
 * `getWith` names (a test reads a Kubernetes action with SlackAction: the error must name the right class).
 */
const getId = config.get("getId");
if (getId !== undefined)
  (config.get("getWith") === "SlackAction" ? SlackAction : KubernetesSetImageAction).get("looked-up", getId);

/** The lookups: "project", "pipeline" or "both" (a test runs them with a token that lacks their scope). */
const lookups = config.get("lookups");
export const project =
  lookups === "project" || lookups === "both" ? getProject({ workspace, name: projectName }).id : undefined;
export const pipeline =
  lookups === "pipeline" || lookups === "both"
    ? getPipeline({ workspace, projectName, name: "release" }).id
    : undefined;
export const ids = { setImage: setImage.id, tagImage: tagImage.id, generic: generic.id };

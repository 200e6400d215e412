// Inputs that set every field of each spec, with the wire bodies Buddy's docs give for them (written out by
// hand, not computed, so the mapping is checked against the docs' spelling).
export const location = { workspace: "my-company", projectName: "my-project", pipelineId: 1 };

/** A KubernetesSetImageAction's required inputs, and nothing else. */
export const k8sMinInputs: Readonly<Record<string, unknown>> = {
  ...location,
  name: "Set image",
  namespace: "default",
  deployment: "web",
  container: "web",
  imageName: "nginx",
  imageTag: "1.0",
};

export const commonInputs = {
  name: "Set image",
  triggerTime: "ON_FAILURE",
  runOnlyOnFirstFailure: true,
  triggerCondition: "ALWAYS",
  triggerConditions: [
    {
      triggerCondition: "VAR_IS",
      triggerConditionPaths: ["src/"],
      triggerVariableKey: "ENV",
      triggerVariableValue: "prod",
      triggerHours: [0, 23],
      triggerDays: [1, 7],
      timezone: "UTC",
      triggerProjectName: "other-project",
      triggerPipelineName: "other-pipeline",
      triggerUser: "dev@example.com",
      triggerGroup: "devs",
    },
  ],
  runNext: "IN_SOFT_PARALLEL",
  variables: [
    {
      key: "DEPLOY_KEY",
      value: "k3y",
      type: "SSH_KEY",
      encrypted: true,
      settable: false,
      description: "deploy key",
      filePlace: "CONTAINER",
      fileName: "id_rsa",
      filePath: "~/.ssh",
      fileChmod: "600",
    },
  ],
  disabled: false,
  timeout: 60,
  ignoreErrors: true,
  retryCount: 2,
  retryInterval: 10,
  loop: ["a", "b"],
  afterActionId: 5,
  permissions: {
    others: "READ_ONLY",
    users: [{ id: 1, accessLevel: "READ_WRITE" }],
    groups: [{ id: 2, accessLevel: "DENIED" }],
  },
};

export const commonWire = {
  name: "Set image",
  trigger_time: "ON_FAILURE",
  run_only_on_first_failure: true,
  trigger_condition: "ALWAYS",
  trigger_conditions: [
    {
      trigger_condition: "VAR_IS",
      trigger_condition_paths: ["src/"],
      trigger_variable_key: "ENV",
      trigger_variable_value: "prod",
      trigger_hours: [0, 23],
      trigger_days: [1, 7],
      timezone: "UTC",
      trigger_project_name: "other-project",
      trigger_pipeline_name: "other-pipeline",
      trigger_user: "dev@example.com",
      trigger_group: "devs",
    },
  ],
  run_next: "IN_SOFT_PARALLEL",
  variables: [
    {
      key: "DEPLOY_KEY",
      value: "k3y",
      type: "SSH_KEY",
      encrypted: true,
      settable: false,
      description: "deploy key",
      file_place: "CONTAINER",
      file_name: "id_rsa",
      file_path: "~/.ssh",
      file_chmod: "600",
    },
  ],
  disabled: false,
  timeout: 60,
  ignore_errors: true,
  retry_count: 2,
  retry_interval: 10,
  loop: ["a", "b"],
  after_action_id: 5,
  permissions: {
    others: "READ_ONLY",
    users: [{ id: 1, access_level: "READ_WRITE" }],
    groups: [{ id: 2, access_level: "DENIED" }],
  },
};

export const k8sInputs = {
  ...location,
  adopt: false,
  ...commonInputs,
  configPath: "~/.kube/config",
  kubectlVersion: "1.29",
  setupCommands: ["apk add curl"],
  targets: [{ zone: "europe-west1-c", projectId: "tokyo-house-138923", type: "GKE", tags: ["olive"] }],
  namespace: "default",
  content: "apiVersion: v1",
  executeEveryCommand: true,
  deployment: "nginx-deployment",
  container: "nginx",
  imageName: "nginx",
  imageTag: "1.7.8",
  recordArg: "NOT_SET",
  authType: "CERTS",
  server: "https://k8s.example.com",
  login: "admin",
  password: "pa55",
  token: "t0ken",
  clientCa: "CA",
  clientCert: "CERT",
  clientKey: "KEY",
};

export const k8sWire = {
  type: "KUBERNETES_SET_IMAGE",
  ...commonWire,
  config_path: "~/.kube/config",
  kubectl_version: "1.29",
  setup_commands: ["apk add curl"],
  targets: [{ zone: "europe-west1-c", project_id: "tokyo-house-138923", type: "GKE", tags: ["olive"] }],
  namespace: "default",
  content: "apiVersion: v1",
  execute_every_command: true,
  deployment: "nginx-deployment",
  container: "nginx",
  image_name: "nginx",
  image_tag: "1.7.8",
  record_arg: "NOT_SET",
  auth_type: "CERTS",
  server: "https://k8s.example.com",
  login: "admin",
  password: "pa55",
  token: "t0ken",
  client_ca: "CA",
  client_cert: "CERT",
  client_key: "KEY",
};

export const tagInputs = {
  ...location,
  adopt: true,
  ...commonInputs,
  sameLocation: false,
  src: {
    dockerRegistry: "OTHER",
    image: "web",
    registry: "registry.example.com",
    integration: "int-1",
    username: "ci",
    password: "s3cret",
    tag: "1.0",
  },
  dest: { dockerRegistry: "AMAZON_ECR", image: "web", region: "eu-west-1", tag: "live" },
  insecureRegistry: true,
};

export const tagWire = {
  type: "PROMOTE_IMAGE",
  ...commonWire,
  same_location: false,
  src: {
    docker_registry: "OTHER",
    image: "web",
    registry: "registry.example.com",
    integration: "int-1",
    username: "ci",
    password: "s3cret",
    tag: "1.0",
  },
  dest: { docker_registry: "AMAZON_ECR", image: "web", region: "eu-west-1", tag: "live" },
  insecure_registry: true,
};

export const genericInputs = {
  ...location,
  type: "NOT_IN_CATALOG",
  ...commonInputs,
  fields: { channel_name: "#deployments", content: "Deployed", send_to: ["a", "b"], notify_on: { x: 1 } },
};

export const genericWire = {
  type: "NOT_IN_CATALOG",
  ...commonWire,
  channel_name: "#deployments",
  content: "Deployed",
  send_to: ["a", "b"],
  notify_on: { x: 1 },
};

export { seed000Body } from "../../helpers/seed000";

/** The program equivalent of seed 000's example (camelCase inputs). */
export const seed000Inputs = {
  ...location,
  name: "Set image",
  triggerTime: "ON_EVERY_EXECUTION",
  targets: [
    {
      zone: "europe-west1-c",
      projectId: "tokyo-house-138923",
      identifier: "my_target_id",
      name: "my-target",
      integration: "5ddb7c180fb38be67bd78a88a",
      type: "GKE",
      scope: "ACTION",
      tags: ["olive", "orange", "rabsperry"],
      cluster: "cluster-1",
    },
  ],
  deployment: "nginx-deployment",
  namespace: "default",
  imageName: "nginx",
  imageTag: "1.7.8",
  recordArg: "NOT_SET",
  container: "nginx",
};

// The one provider (provider/providers/action.ts), driven as the engine drives it for one resource class: the
// class puts `__spec` (the spec's file name) into the program's inputs, so check/diff/create/update get it in
// `news`. Recorded state (diff's and update's `olds`, read's and delete's props) is passed exactly as given: it
// carries `__spec` only because the provider's own outputs do, which these tests therefore check too.
import type { ActionProvider } from "../../../provider/engine/provider";
import actionProvider = require("../../../provider/providers/action");

type Json = Record<string, unknown>;

export function providerFor(
  spec: "kubernetes-set-image" | "tag-docker-image" | "pipeline-action",
  provider: ActionProvider = actionProvider,
): ActionProvider {
  const program = (news: Json): Json => ({ ...news, __spec: spec });
  return {
    configure: (req) => provider.configure(req),
    check: (olds, news) => provider.check(olds, program(news)),
    diff: (id, olds, news) => provider.diff(id, olds, program(news)),
    create: (inputs) => provider.create(program(inputs)),
    read: (id, props) => provider.read(id, props),
    update: (id, olds, news) => provider.update(id, olds, program(news)),
    delete: (id, props) => provider.delete(id, props),
  };
}

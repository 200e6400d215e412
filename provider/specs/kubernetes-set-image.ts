/**
 * KUBERNETES_SET_IMAGE, "Kubernetes Set Image" (Buddy's API reference), plus the direct-credential fields of
 * Buddy's older request models.
 */
import { enumOf, flag, list, openObject, text } from "./field";
import { commonFields, locationFields, onFailureRule } from "./common";
import { defineSpec } from "./spec";
import { KUBERNETES_AUTH_TYPES, RECORD_ARGS } from "./enums";

/**
 * A Kubernetes cluster target. Its members vary by cluster type and are not all documented, so any member is
 * accepted (camelCase here, snake_case on the wire); the documented ones are typed.
 */
export interface KubernetesTarget {
  /** The cluster type, e.g. GKE, EKS, AKS, DOKS, K8S_CLUSTER. */
  type?: string;
  /** The target's identifier. */
  identifier?: string;
  /** The target's name. */
  name?: string;
  /** The ID of the integration holding the cluster's credentials. */
  integration?: string;
  /** The cluster's name. */
  cluster?: string;
  /** The cluster's zone (GKE), e.g. "europe-west1-c". */
  zone?: string;
  /** The cloud project's ID (GKE). */
  projectId?: string;
  /** Where the target is defined, e.g. ACTION. */
  scope?: string;
  /** The target's tags. */
  tags?: string[];
  /** Members not documented above, with camelCase names. */
  [member: string]: unknown;
}

export const kubernetesSetImageFields = {
  ...locationFields,
  ...commonFields,
  /** The path to the Kubernetes configuration file. */
  configPath: text(),
  /** The version of kubectl to use. Buddy's default: latest. */
  kubectlVersion: text({ default: "latest" }),
  /** The commands that will be executed only on the first run. */
  setupCommands: list(text()),
  /** The list of Kubernetes cluster targets. */
  targets: list(openObject<KubernetesTarget>()),
  /** The Kubernetes namespace. */
  namespace: text({ required: true }),
  /** The content of the Kubernetes configuration (a kubeconfig: a credential, always secret in state). */
  content: text({ secret: true }),
  /**
   * If set to true all commands will be executed regardless of the result of the previous command. Buddy's
   * default: false.
   */
  executeEveryCommand: flag({ default: false }),
  /** The name of the deployment from the namespace. */
  deployment: text({ required: true }),
  /** The name of the container. */
  container: text({ required: true }),
  /** The name of the image to set. */
  imageName: text({ required: true }),
  /** The tag of the chosen image. */
  imageTag: text({ required: true }),
  /**
   * Record current kubectl command in the resource annotation. If set to FALSE, do not record the command. If set
   * to TRUE, record the command. If NOT_SET, update the existing annotation value only if one already exists.
   * Buddy's default: NOT_SET.
   */
  recordArg: enumOf(RECORD_ARGS, { default: "NOT_SET" }),
  /** Older request model: how the provider authenticates to the cluster (BASIC, TOKEN or CERTS). */
  authType: enumOf(KUBERNETES_AUTH_TYPES),
  /** Older request model: the cluster's API server URL. */
  server: text(),
  /** Older request model: the user name (BASIC). */
  login: text(),
  /** Older request model: the password (BASIC). Always secret in state. */
  password: text({ secret: true }),
  /** Older request model: the bearer token (TOKEN). Always secret in state. */
  token: text({ secret: true }),
  /** Older request model: the cluster's CA certificate (CERTS). Buddy stores it encrypted; secret in state. */
  clientCa: text({ secret: true }),
  /** Older request model: the client certificate (CERTS). Always secret in state. */
  clientCert: text({ secret: true }),
  /** Older request model: the client key (CERTS). Always secret in state. */
  clientKey: text({ secret: true }),
};

export const kubernetesSetImageSpec = defineSpec({
  file: "kubernetes-set-image",
  resourceType: "KubernetesSetImageAction",
  actionType: "KUBERNETES_SET_IMAGE",
  fields: kubernetesSetImageFields,
  rules: [onFailureRule],
  unknownInputHint: "typed resources accept only their documented fields; use PipelineAction for others",
});

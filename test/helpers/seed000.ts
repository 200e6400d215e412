// Buddy's documented example of a KUBERNETES_SET_IMAGE action (seed 000), used by the provider's and the emulator's
// tests alike.

/** Seed 000's curl example, verbatim JSON. */
export const seed000Body = {
  name: "Set image",
  type: "KUBERNETES_SET_IMAGE",
  trigger_time: "ON_EVERY_EXECUTION",
  targets: [
    {
      zone: "europe-west1-c",
      project_id: "tokyo-house-138923",
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
  image_name: "nginx",
  image_tag: "1.7.8",
  record_arg: "NOT_SET",
  container: "nginx",
};

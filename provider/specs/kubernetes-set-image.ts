/** The first release's module path of the KUBERNETES_SET_IMAGE spec, kept for imports; the spec is generated. */
export * from "./actions/kubernetes-set-image";

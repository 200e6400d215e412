/** The first release's module path of the PROMOTE_IMAGE spec, kept for imports; the spec is generated. */
export * from "./actions/tag-docker-image";

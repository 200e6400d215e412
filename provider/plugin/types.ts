/**
 * The boundary between the gRPC server (rpc.ts) and the Buddy provider (provider.ts): plain values, secrets
 * already unwrapped. `type` is the resource or function token (`buddy:index:SlackAction`).
 */
export type Props = Record<string, unknown>;

interface PluginCheckResult {
  inputs: Props;
  failures: Array<{ property: string; reason: string }>;
}

interface PluginDiffResult {
  changes: boolean;
  replaces: string[];
  /** The top-level properties that differ (what the CLI shows). */
  diffs: string[];
  deleteBeforeReplace: boolean;
}

/** No id: the resource no longer exists (refresh drops it). */
export type PluginReadResult = { id?: undefined } | { id: string; props: Props; inputs?: Props };

export interface PluginProvider {
  readonly version: string;
  /** The package schema, as JSON text. */
  readonly schema: string;
  /** `args`: the provider's config by name (`token`); `variables`: the same keyed `buddy:token` (older engines). */
  configure(args: Props, variables: Props): Promise<void>;
  /** `olds`: the state's inputs of an existing resource, empty for a resource being created. */
  check(type: string, olds: Props, news: Props): Promise<PluginCheckResult>;
  diff(type: string, id: string, olds: Props, news: Props): Promise<PluginDiffResult>;
  create(type: string, inputs: Props): Promise<{ id: string; outs: Props }>;
  /** `props` undefined: an import or `get`, from the id alone. */
  read(type: string, id: string, props: Props | undefined): Promise<PluginReadResult>;
  update(type: string, id: string, olds: Props, news: Props): Promise<Props>;
  delete(type: string, id: string, props: Props): Promise<void>;
  invoke(token: string, args: Props): Promise<Props>;
  /** The top-level properties of `props` to store as secrets. */
  secretKeys(type: string, props: Props): string[];
}

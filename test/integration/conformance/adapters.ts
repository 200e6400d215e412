// The two doors to the one engine, behind one interface, for the conformance table (both-adapters.test.ts):
// - the dynamic provider object (engine/provider.ts `actionProvider()`), with the hidden inputs a resource class
//   adds (`__spec`, `__provider`), and the secrecy the resource class and the engine give its values;
// - the provider plugin over its real gRPC interface (provider/plugin/rpc.ts), called with Pulumi's own generated
//   client and messages, the way the engine calls it.
// Each adapter returns plain values plus the top-level keys the state would hold as secrets, so the table can
// compare the two and check that no credential is ever stored in plain text.
import * as pulumi from "@pulumi/pulumi";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";
import type { ActionsApi } from "../../../provider/engine/api";
import { actionProvider } from "../../../provider/engine/provider";
import { LogSink, processSink } from "../../../provider/log";
import { processClient } from "../../../provider/process-client";
import { buddyPlugin } from "../../../provider/plugin/provider";
import { RESOURCE_SPECS } from "../../../provider/plugin/resource-specs";
// The SDK's generated protocol modules and grpc-js, as the plugin resolves them (through @pulumi/pulumi).
import {
  grpc,
  listen,
  provproto,
  provrpc,
  SECRET_SIG,
  SIG_KEY,
  statusproto,
  structproto,
} from "../../../provider/plugin/rpc";
import { resourceOptions, resourceProps } from "../../../provider/resources/props";
import { loadSpec } from "../../../provider/specs/registry";
import { SPEC_KEY } from "../../../provider/specs/spec";

export type Props = Record<string, unknown>;

/** A value as the state would hold it: plain `value`, and which of its top-level keys are stored as secrets. */
export interface Held {
  value: Props;
  secret: Set<string>;
}

export interface Failure {
  property: string;
  reason: string;
}

export interface Diff {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
  /** The keys the CLI shows as changed: only the plugin names them (the engine works them out for dynamic ones). */
  diffs?: string[];
}

/**
 * A create that failed after making (or adopting) the action: Pulumi records `id` with `properties` (stored as
 * they are, so they must hold no credential in plain text).
 */
export interface PartialCreate {
  message: string;
  id?: string;
  properties?: Held;
}

/** One door. `spec` is the spec key of the resource (specKeyOf of its catalog type, or "pipeline-action"). */
export interface Adapter {
  readonly name: string;
  /** `olds`: the state's inputs of an existing resource (a preview of it); none for a resource being created. */
  check(spec: string, news: Props, olds?: Props): Promise<{ inputs: Held; failures: Failure[] }>;
  diff(spec: string, id: string, olds: Props, news: Props): Promise<Diff>;
  /** `inputs`: what check returned (as the engine passes it on). */
  /** A failure rejects with a PartialCreate. */
  create(spec: string, inputs: Held): Promise<{ id: string; outs: Held }>;
  /** `id` undefined: the action is gone. */
  read(spec: string, id: string, props: Props): Promise<{ id?: string; props?: Held; inputs?: Held }>;
  update(spec: string, id: string, olds: Props, news: Held): Promise<Held>;
  delete(spec: string, id: string, props: Props): Promise<void>;
  /**
   * From here on, a new provider process (a new run): what the last one knew of each pipeline is gone. Its lines go
   * to `log` (default: the process's sink).
   */
  newProcess(log?: LogSink): void;
  close(): void;
}

/** Keys only one door carries: the resource class's hidden inputs. Everything else must be the same. */
const HIDDEN = [SPEC_KEY, "__provider"];
const visible = (props: Props): Props => {
  const out = { ...props };
  for (const key of HIDDEN) delete out[key];
  return out;
};

/**
 * The dynamic provider, called as Pulumi's dynamic-provider host calls it. Secrecy: what the resource class marks
 * (its inputs wrapped by `pulumi.secret`, and `additionalSecretOutputs`), plus the engine's own rule that an output
 * whose same-named input is secret is stored secret (pkg/resource/deploy/step_executor.go, "If an input secret is
 * potentially leaked as an output").
 */
export function dynamicAdapter(api: () => ActionsApi = processClient): Adapter {
  let provider = actionProvider(api);
  const withHidden = (spec: string, props: Props): Props => ({ ...props, [SPEC_KEY]: spec, __provider: "p" });
  /** What the resource class would mark secret for a program of these inputs. */
  async function classSecrets(spec: string, program: Props): Promise<Set<string>> {
    const s = loadSpec(spec);
    const registered = resourceProps(s, visible(program));
    const out = new Set<string>(resourceOptions(s, undefined, visible(program)).additionalSecretOutputs ?? []);
    for (const [key, v] of Object.entries(registered))
      if (pulumi.Output.isInstance(v) && (await pulumi.isSecret(v))) out.add(key);
    return out;
  }
  const held = (value: Props, secret: Set<string>): Held => ({ value: visible(value), secret });
  return {
    name: "dynamic",
    async check(spec, news, olds) {
      const r = await provider.check(olds ? withHidden(spec, olds) : {}, withHidden(spec, news));
      const inputs = (r.inputs ?? news) as Props;
      return { inputs: held(inputs, await classSecrets(spec, news)), failures: r.failures ?? [] };
    },
    async diff(spec, id, olds, news) {
      const r = await provider.diff(id, withHidden(spec, olds), withHidden(spec, news));
      return {
        changes: r.changes === true,
        replaces: r.replaces ?? [],
        deleteBeforeReplace: r.deleteBeforeReplace === true,
      };
    },
    async create(spec, inputs) {
      try {
        const r = await provider.create(withHidden(spec, inputs.value));
        return { id: r.id, outs: held(r.outs as Props, inputs.secret) };
      } catch (err) {
        // The dynamic host sends a partial failure's properties as they are: nothing in them is secret.
        const e = err as Error & { id?: string; properties?: Props };
        const partial: PartialCreate = { message: e.message };
        if (e.id !== undefined) Object.assign(partial, { id: e.id, properties: held(e.properties ?? {}, new Set()) });
        throw Object.assign(new Error(e.message), partial);
      }
    },
    async read(spec, id, props) {
      const r = await provider.read(id, withHidden(spec, props));
      if (r.id === undefined || r.id === "" || r.props === undefined) return {};
      const secret = await classSecrets(spec, props);
      return {
        id: r.id,
        props: held(r.props as Props, secret),
        ...(r.inputs ? { inputs: held(r.inputs as Props, secret) } : {}),
      };
    },
    async update(spec, id, olds, news) {
      const r = await provider.update(id, withHidden(spec, olds), withHidden(spec, news.value));
      return held(r.outs as Props, news.secret);
    },
    async delete(spec, id, props) {
      await provider.delete(id, withHidden(spec, props));
    },
    newProcess(log: LogSink = processSink) {
      provider = actionProvider(api, { log });
    },
    close() {},
  };
}

/** A struct as the state holds it: wrapped top-level values become plain, and their keys secret. */
function fromStruct(struct: structTypes.Struct | undefined): Held {
  const value: Props = {};
  const secret = new Set<string>();
  for (const [k, v] of Object.entries(struct?.toJavaScript() ?? {})) {
    if (typeof v === "object" && v !== null && (v as Props)[SIG_KEY] === SECRET_SIG) {
      value[k] = (v as Props).value;
      secret.add(k);
    } else value[k] = v;
  }
  return { value, secret };
}

/** A value as the engine sends it: its secret keys wrapped. */
function toStruct(held: Held): structTypes.Struct {
  const out: Props = { ...held.value };
  for (const k of held.secret) if (out[k] !== undefined) out[k] = { [SIG_KEY]: SECRET_SIG, value: out[k] };
  return structproto.Struct.fromJavaScript(out as Record<string, structTypes.JavaScriptValue>);
}

const plainStruct = (props: Props): structTypes.Struct => toStruct({ value: props, secret: new Set() });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Client = any;

type GrpcError = Error & { details?: string; metadata?: grpcTypes.Metadata };

/**
 * A failed call as the engine reads it: the message is the call's `details` (grpc-js prefixes its own message with
 * the status, "2 UNKNOWN: "), and an ErrorResourceInitFailed in the status details is a partial create.
 */
function failure(err: GrpcError): PartialCreate {
  const out: PartialCreate = { message: err.details ?? err.message };
  const [bin] = err.metadata?.get("grpc-status-details-bin") ?? [];
  if (bin === undefined) return out;
  for (const any of statusproto.Status.deserializeBinary(bin as Buffer).getDetailsList()) {
    if (any.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
    const detail = provproto.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
    Object.assign(out, { id: detail.getId(), properties: fromStruct(detail.getProperties()) });
  }
  return out;
}

function call<T>(client: Client, method: string, req: unknown): Promise<T> {
  return new Promise((resolve, reject) =>
    client[method](req, (err: GrpcError | null, resp: T) =>
      err ? reject(Object.assign(new Error(), failure(err))) : resolve(resp),
    ),
  );
}

interface StructResp {
  getProperties(): structTypes.Struct | undefined;
}

/**
 * The provider plugin, served in this process on a local port and called over gRPC. The engine keeps the secrecy
 * of what it sends (a check's wrapped inputs go to create and update wrapped), and stores an output secret when
 * the plugin wrapped it or its same-named input was secret; `held` follows the same rules.
 */
export async function pluginAdapter(
  config: { token: string; baseUrl: string },
  api: () => ActionsApi = processClient,
): Promise<Adapter> {
  // The served plugin forwards to `plugin`, which newProcess replaces (the configure below is the process's).
  let plugin = buddyPlugin(api);
  const served = new Proxy(plugin, { get: (_target, key: keyof typeof plugin) => plugin[key] });
  const { port, server } = await listen(served);
  const client: Client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const configure = new provproto.ConfigureRequest();
  configure.setArgs(
    structproto.Struct.fromJavaScript({
      token: { [SIG_KEY]: SECRET_SIG, value: config.token },
      baseUrl: config.baseUrl,
    }),
  );
  configure.setAcceptsecrets(true);
  await call(client, "configure", configure);

  const tokenOf = new Map(Object.entries(RESOURCE_SPECS).map(([token, spec]) => [spec, token]));
  const typeOf = (spec: string): string => {
    const token = tokenOf.get(spec);
    if (!token) throw new Error(`no plugin resource for spec ${spec}`);
    return token;
  };
  const urnOf = (spec: string): string => `urn:pulumi:dev::conformance::${typeOf(spec)}::r`;
  const located = <T extends { setUrn(u: string): void; setType?(t: string): void }>(req: T, spec: string): T => {
    req.setUrn(urnOf(spec));
    req.setType?.(typeOf(spec));
    return req;
  };
  const alsoSecret = (out: Held, inputs: Held): Held => ({
    value: out.value,
    secret: new Set([...out.secret, ...[...inputs.secret].filter((k) => out.value[k] !== undefined)]),
  });

  return {
    name: "plugin",
    async check(spec, news, olds) {
      const req = located(new provproto.CheckRequest(), spec);
      req.setOlds(plainStruct(olds ?? {}));
      req.setNews(plainStruct(news));
      const resp = await call<{
        getInputs(): structTypes.Struct;
        getFailuresList(): Array<{ getProperty(): string; getReason(): string }>;
      }>(client, "check", req);
      return {
        inputs: fromStruct(resp.getInputs()),
        failures: resp.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
      };
    },
    async diff(spec, id, olds, news) {
      const req = located(new provproto.DiffRequest(), spec);
      req.setId(id);
      req.setOlds(plainStruct(olds));
      req.setNews(plainStruct(news));
      const resp = await call<{
        getChanges(): number;
        getReplacesList(): string[];
        getDeletebeforereplace(): boolean;
        getDiffsList(): string[];
      }>(client, "diff", req);
      return {
        changes: resp.getChanges() === provproto.DiffResponse.DiffChanges.DIFF_SOME,
        replaces: resp.getReplacesList(),
        deleteBeforeReplace: resp.getDeletebeforereplace(),
        diffs: resp.getDiffsList(),
      };
    },
    async create(spec, inputs) {
      const req = located(new provproto.CreateRequest(), spec);
      req.setProperties(toStruct(inputs));
      const resp = await call<StructResp & { getId(): string }>(client, "create", req);
      return { id: resp.getId(), outs: alsoSecret(fromStruct(resp.getProperties()), inputs) };
    },
    async read(spec, id, props) {
      const req = located(new provproto.ReadRequest(), spec);
      req.setId(id);
      req.setProperties(plainStruct(props));
      const resp = await call<StructResp & { getId(): string; getInputs(): structTypes.Struct | undefined }>(
        client,
        "read",
        req,
      );
      if (resp.getId() === "") return {};
      return {
        id: resp.getId(),
        props: fromStruct(resp.getProperties()),
        ...(resp.getInputs() ? { inputs: fromStruct(resp.getInputs()) } : {}),
      };
    },
    async update(spec, id, olds, news) {
      const req = located(new provproto.UpdateRequest(), spec);
      req.setId(id);
      req.setOlds(plainStruct(olds));
      req.setNews(toStruct(news));
      const resp = await call<StructResp>(client, "update", req);
      return alsoSecret(fromStruct(resp.getProperties()), news);
    },
    async delete(spec, id, props) {
      const req = located(new provproto.DeleteRequest(), spec);
      req.setId(id);
      req.setProperties(plainStruct(props));
      await call(client, "delete", req);
    },
    newProcess(log: LogSink = processSink) {
      plugin = buddyPlugin(api, { log });
    },
    close() {
      client.close();
      server.forceShutdown();
    },
  };
}

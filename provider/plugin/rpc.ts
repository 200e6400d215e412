/**
 * The gRPC side of the provider plugin: Pulumi's ResourceProvider service, each call translated to one method of a
 * plain `PluginProvider` object (provider.ts) and back. No Buddy logic lives here.
 *
 * Why not `@pulumi/pulumi/provider`'s `main`: its server (SDK 3.248.0, provider/server.js) drops what a real provider
 * needs. `configure` ignores the request, so the provider never sees its config (`buddy:token`); `read` calls
 * `req.getProperties().toJavaScript()`, and for `pulumi import` (and `get`) the engine sends no properties, so it
 * fails with "Cannot read properties of undefined (reading 'toJavaScript')"; and it announces `acceptSecrets` but
 * hands the provider secrets still wrapped, never wrapping any on the way back. This server uses the SDK's own
 * generated protocol modules (resolved through @pulumi/pulumi, so the versions always match the SDK's).
 * Secrets: values arrive unwrapped to the provider; the provider names which top-level properties to return as
 * secrets, and every property that arrived secret stays secret.
 */
import { createRequire } from "module";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";
import { PluginProvider, PluginReadResult, Props } from "./types";

// The SDK's dependencies, resolved from the SDK itself (they are not this package's own dependencies). Exported
// for the tests that call the plugin as the engine does (scripts/plugin-archive.js rewrites these lines).
const sdkRequire = createRequire(require.resolve("@pulumi/pulumi"));
export const grpc = sdkRequire("@grpc/grpc-js") as typeof grpcTypes;
export const structproto = sdkRequire("google-protobuf/google/protobuf/struct_pb") as typeof structTypes;
const emptyproto = sdkRequire("google-protobuf/google/protobuf/empty_pb");
const anyproto = sdkRequire("google-protobuf/google/protobuf/any_pb");
export const provproto = sdkRequire("@pulumi/pulumi/proto/provider_pb");
export const provrpc = sdkRequire("@pulumi/pulumi/proto/provider_grpc_pb");
const plugproto = sdkRequire("@pulumi/pulumi/proto/plugin_pb");
export const statusproto = sdkRequire("@pulumi/pulumi/proto/status_pb");

/** Pulumi's wire encoding of a secret: `{ [SIG_KEY]: SECRET_SIG, value }` (sdk/nodejs/runtime/rpc.ts). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

function isSecretValue(v: unknown): v is { value: unknown } {
  return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** A value with every secret wrapper removed, and whether there was one. */
function unwrap(v: unknown): { value: unknown; secret: boolean } {
  if (isSecretValue(v)) return { value: unwrap(v.value).value, secret: true };
  if (Array.isArray(v)) {
    const items = v.map(unwrap);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (typeof v === "object" && v !== null) {
    const out: Props = {};
    let secret = false;
    for (const [k, sub] of Object.entries(v)) {
      const u = unwrap(sub);
      out[k] = u.value;
      secret ||= u.secret;
    }
    return { value: out, secret };
  }
  return { value: v, secret: false };
}

/** The properties without secret wrappers, and the top-level keys that held a secret. */
function unwrapProps(struct: structTypes.Struct | undefined): { props: Props | undefined; secrets: Set<string> } {
  if (struct === undefined) return { props: undefined, secrets: new Set() };
  const props: Props = {};
  const secrets = new Set<string>();
  for (const [k, v] of Object.entries(struct.toJavaScript())) {
    const u = unwrap(v);
    props[k] = u.value;
    if (u.secret) secrets.add(k);
  }
  return { props, secrets };
}

function wrapProps(props: Props, secrets: Iterable<string>): structTypes.Struct {
  const out: Props = { ...props };
  for (const k of secrets) {
    if (out[k] !== undefined && !isSecretValue(out[k])) out[k] = { [SIG_KEY]: SECRET_SIG, value: out[k] };
  }
  return structproto.Struct.fromJavaScript(out as Record<string, structTypes.JavaScriptValue>);
}

/** The resource type of a request: its `type` field (newer engines), else the type part of its URN. */
function typeOf(req: { getUrn(): string; getType?(): string }): string {
  const fromField = req.getType?.();
  if (fromField) return fromField;
  const qualified = req.getUrn().split("::")[2] ?? "";
  return qualified.split("$").pop() ?? "";
}

// The generated request classes are untyped JavaScript; each handler reads only the getters it names.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Req = any;

/** An error as gRPC sends it; a partial create carries the created id and properties (ErrorResourceInitFailed). */
function grpcError(err: unknown, secrets: Iterable<string> = []): grpcTypes.ServiceError {
  const e = err as Error & { id?: string; properties?: Props; reasons?: string[] };
  const metadata = new grpc.Metadata();
  if (typeof e.id === "string" && e.id !== "") {
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(e.id);
    detail.setProperties(wrapProps(e.properties ?? {}, secrets));
    detail.setReasonsList(e.reasons ?? []);
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(e.message);
    const any = new anyproto.Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return Object.assign(new Error(e.message), { code: grpc.status.UNKNOWN, details: e.message, metadata });
}

/** One RPC: runs `fn`, reports a thrown error as the call's error. */
function handler(
  fn: (req: Req) => Promise<unknown>,
  secretsOnError?: (req: Req) => Iterable<string>,
): grpcTypes.handleUnaryCall<Req, unknown> {
  return (call, callback): void => {
    fn(call.request).then(
      (resp) => callback(null, resp),
      (err: unknown) => callback(grpcError(err, secretsOnError?.(call.request) ?? [])),
    );
  };
}

function readResponse(result: PluginReadResult, secrets: Iterable<string>): unknown {
  const resp = new provproto.ReadResponse();
  if (result.id === undefined) return resp; // gone: an empty id tells the engine
  resp.setId(result.id);
  resp.setProperties(wrapProps(result.props, secrets));
  if (result.inputs !== undefined) resp.setInputs(wrapProps(result.inputs, secrets));
  return resp;
}

/** The service implementation; methods not listed answer UNIMPLEMENTED (the engine falls back where it can). */
export function service(provider: PluginProvider): grpcTypes.UntypedServiceImplementation {
  const secretsOf = (type: string, props: Props, arrived: Set<string>): Set<string> =>
    new Set([...arrived, ...provider.secretKeys(type, props)]);
  return {
    getPluginInfo: handler(async () => {
      const resp = new plugproto.PluginInfo();
      resp.setVersion(provider.version);
      return resp;
    }),
    getSchema: handler(async () => {
      const resp = new provproto.GetSchemaResponse();
      resp.setSchema(provider.schema);
      return resp;
    }),
    configure: handler(async (req) => {
      const args = unwrapProps(req.getArgs()).props;
      const variables: Props = {};
      // Older engines send only `variables`, keyed "buddy:config:token".
      for (const [k, v] of req.getVariablesMap().entries() as Iterable<[string, string]>) {
        variables[k.replace(/:config:/, ":")] = v;
      }
      await provider.configure(args ?? {}, variables);
      const resp = new provproto.ConfigureResponse();
      resp.setAcceptsecrets(true);
      return resp;
    }),
    check: handler(async (req) => {
      const type = typeOf(req);
      const olds = unwrapProps(req.getOlds()).props ?? {};
      const news = unwrapProps(req.getNews());
      const result = await provider.check(type, olds, news.props ?? {});
      const resp = new provproto.CheckResponse();
      resp.setInputs(wrapProps(result.inputs, secretsOf(type, result.inputs, news.secrets)));
      resp.setFailuresList(
        result.failures.map((f) => {
          const failure = new provproto.CheckFailure();
          failure.setProperty(f.property);
          failure.setReason(f.reason);
          return failure;
        }),
      );
      return resp;
    }),
    diff: handler(async (req) => {
      const olds = unwrapProps(req.getOlds()).props ?? {};
      const news = unwrapProps(req.getNews()).props ?? {};
      const result = await provider.diff(typeOf(req), req.getId(), olds, news);
      const resp = new provproto.DiffResponse();
      resp.setChanges(
        result.changes ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE,
      );
      resp.setReplacesList(result.replaces);
      resp.setDiffsList(result.diffs);
      resp.setDeletebeforereplace(result.deleteBeforeReplace);
      return resp;
    }),
    create: handler(
      async (req) => {
        const type = typeOf(req);
        const props = unwrapProps(req.getProperties());
        const result = await provider.create(type, props.props ?? {});
        const resp = new provproto.CreateResponse();
        resp.setId(result.id);
        resp.setProperties(wrapProps(result.outs, secretsOf(type, result.outs, props.secrets)));
        return resp;
      },
      (req) => unwrapProps(req.getProperties()).secrets,
    ),
    read: handler(async (req) => {
      const type = typeOf(req);
      // Import and `get` send neither properties nor inputs: the provider reads from the id alone.
      const props = unwrapProps(req.getProperties());
      const result = await provider.read(type, req.getId(), props.props);
      const secrets = new Set([
        ...props.secrets,
        ...(result.id === undefined ? [] : provider.secretKeys(type, { ...result.props, ...result.inputs })),
      ]);
      return readResponse(result, secrets);
    }),
    update: handler(async (req) => {
      const type = typeOf(req);
      const olds = unwrapProps(req.getOlds());
      const news = unwrapProps(req.getNews());
      const outs = await provider.update(type, req.getId(), olds.props ?? {}, news.props ?? {});
      const resp = new provproto.UpdateResponse();
      resp.setProperties(wrapProps(outs, secretsOf(type, outs, news.secrets)));
      return resp;
    }),
    delete: handler(async (req) => {
      await provider.delete(typeOf(req), req.getId(), unwrapProps(req.getProperties()).props ?? {});
      return new emptyproto.Empty();
    }),
    invoke: handler(async (req) => {
      const args = unwrapProps(req.getArgs()).props ?? {};
      const resp = new provproto.InvokeResponse();
      // A lookup's result leaves fields Buddy did not report undefined (getPipeline's remote-definition fields of
      // a pipeline kept in Buddy); a protobuf Struct has no undefined ("Unexpected struct type"): such a field is
      // left out, as JSON leaves it out.
      const result: unknown = JSON.parse(JSON.stringify(await provider.invoke(req.getTok(), args)));
      resp.setReturn(structproto.Struct.fromJavaScript(result as never));
      return resp;
    }),
    cancel: handler(async () => new emptyproto.Empty()),
    attach: handler(async () => new emptyproto.Empty()),
  };
}

/** Serves `provider` on a free local port. */
export async function listen(provider: PluginProvider): Promise<{ port: number; server: grpcTypes.Server }> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(provrpc.ResourceProviderService, service(provider));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return { port, server };
}

/** Serves `provider` and prints the port, as the engine expects of a plugin. */
export async function serve(provider: PluginProvider): Promise<void> {
  const { port } = await listen(provider);
  process.stdout.write(`${port}\n`);
}

/**
 * The one generic action provider: configure/check/diff/create/read/update/delete for every action type.
 *
 * It serves every resource class: each resource carries the hidden input `__spec` (its action type, or for the first
 * releases' resources the name they recorded), and each method loads that spec from the static registry
 * (specs/registry.ts: built from the type's catalog entry on first use, inside the method, so nothing is captured).
 * The provider keeps `__spec` in the outputs it returns, because refresh and `get` hand `read` the recorded
 * outputs only. The provider object is built once, in providers/action.ts, and is that module's `module.exports`,
 * so Pulumi serializes it as one `require("pulumi-buddy-actions/dist/provider/providers/action.js")` line (Pulumi
 * does so for a package's module exports under node_modules). Its state (its clock, log, configuration and what
 * it learnt of each pipeline) is an EngineState built with it (state.ts); the HTTP client is the process's
 * (process-client.ts, one per server and token).
 * Every method that talks to Buddy first registers the resource's secret values with the redactor (secrets.ts),
 * so an error or log line that echoes one shows "[redacted]" instead.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { processClient } from "../process-client";
import { ActionSpec, SPEC_KEY } from "../specs/spec";
import { findSpec, loadSpec } from "../specs/registry";
import { ApiFactory } from "./api";
import { redact } from "../http/redact";
import { withRetryReport } from "../http/retry-report";
import { createAction, isPartialCreateError } from "./create";
import { deleteAction, diffResult, planChanges, readAction, updateAction } from "./operations";
import { registerSecretInputs } from "./secrets";
import { surveyBeforeCreate } from "./survey";
import { checkInputs } from "./validate";
import { reportingMethods } from "./host-errors";
import { withCheckRecord } from "./check-record";
import { checkNotYamlDefined, refuseYamlDefined } from "./yaml-defined";
import { Json } from "./wire";
import { EngineOptions, EngineState } from "./state";
import { locationOf, parseId } from "./id";

export type ActionProvider = Required<dynamic.ResourceProvider<Json, Json>>;

/** The spec a resource's `__spec` names (the static registry, specs/registry.ts). */
export { loadSpec };

function nameOf(spec: ActionSpec, inputs: Json | undefined): string {
  return `${spec.resourceType} ${JSON.stringify(inputs?.name ?? "")}`;
}

function withSpec(outs: Json, spec: ActionSpec): Json {
  return { ...outs, [SPEC_KEY]: spec.file };
}

/**
 * `client` and `options` are for tests and tools; the provider process uses its one shared client (created on first
 * use from its configuration), the process's configuration and log, and real time. Each call builds a provider with
 * its own engine state (state.ts): its clock and what it learnt of each pipeline. Every method's error goes through
 * host-errors.ts, so the CLI shows it once, on one line, without a stack.
 */
export function actionProvider(client?: ApiFactory, options: EngineOptions = {}): ActionProvider {
  const state = new EngineState(options);
  const api: ApiFactory = client ?? ((use) => processClient(state.config.current(), use));
  /** Runs one resource operation; its retries are reported in one line naming the resource (retry-report.ts). */
  const operation = <T>(what: string, fn: () => Promise<T>): Promise<T> => withRetryReport(what, state.log.warn, fn);
  return reportingMethods<ActionProvider>({
    async configure(req: dynamic.ConfigureRequest): Promise<void> {
      // `get` is typed as returning a string, but the value is whatever the engine sent: treat it as unknown.
      state.config.configure((key) => req.config.get(key));
    },
    async check(olds: Json, news: Json): Promise<dynamic.CheckResult<Json>> {
      // A configure that failed (a bad buddy:baseUrl) stops preview here, for every resource.
      state.config.assertConfigured();
      const spec = loadSpec(news[SPEC_KEY]);
      registerSecretInputs(spec, news);
      // Reasons do not quote values today; redacted all the same, since they reach the CLI as they are.
      const failures = checkInputs(spec, news).map((f) => ({ ...f, reason: redact(f.reason) }));
      if (failures.length > 0) return { inputs: news, failures };
      // One operation, so the retries of its requests make one report line: the pipeline's look (a write into a
      // pipeline defined in YAML in a repository stops preview here, before any listing); then, for a resource
      // about to be created, what its create will find in the pipeline (adoption, same-named actions) and the
      // record of which same-named actions existed before it, for recovery after a killed run. Only valid inputs
      // get this far: a mistake still stops preview before any request.
      const checked = await operation(`check of ${nameOf(spec, news)}`, async () => {
        const yamlFailure = await checkNotYamlDefined(state, api, spec, olds ?? {}, news, nameOf(spec, news));
        if (yamlFailure !== undefined) return { inputs: news, failures: [yamlFailure] };
        await surveyBeforeCreate(state, api, spec, olds ?? {}, news);
        return { inputs: await withCheckRecord(state, api, spec, olds ?? {}, news), failures };
      });
      return checked;
    },
    async diff(_id: string, olds: Json, news: Json): Promise<dynamic.DiffResult> {
      const spec = loadSpec(news[SPEC_KEY]);
      const result = diffResult(planChanges(spec, olds, news));
      // `__spec` itself is never a change (two keys of one spec, "kubernetes-set-image" and KUBERNETES_SET_IMAGE, are
      // the same spec); a different spec cannot happen for one URN (its type token names the spec), but if it ever
      // did, the action would be of another kind: replace it, like a change of `type`.
      if (olds[SPEC_KEY] !== undefined && findSpec(olds[SPEC_KEY]) !== spec)
        return { ...result, changes: true, replaces: [...(result.replaces ?? []), SPEC_KEY] };
      return result;
    },
    async create(inputs: Json): Promise<dynamic.CreateResult<Json>> {
      const spec = loadSpec(inputs[SPEC_KEY]);
      registerSecretInputs(spec, inputs);
      try {
        // The pipeline's look (where it is defined) is part of the operation: its retries join the one report line.
        const created = await operation(`create of ${nameOf(spec, inputs)}`, async () => {
          await refuseYamlDefined(state.pipelineLooks, api, locationOf(inputs), nameOf(spec, inputs), "create");
          return createAction(state, api(), spec, inputs);
        });
        return { id: created.id, outs: withSpec(created.outs, spec) };
      } catch (err) {
        // A partial failure's properties become the resource's outputs as they are (the host adds nothing), and
        // every later operation finds its provider and spec there.
        if (isPartialCreateError(err))
          err.properties = { ...withSpec(err.properties, spec), __provider: inputs.__provider };
        throw err;
      }
    },
    async read(id: string, props?: Json): Promise<dynamic.ReadResult<Json>> {
      const spec = loadSpec(props?.[SPEC_KEY]);
      registerSecretInputs(spec, props);
      const read = await operation(`read of ${spec.resourceType} ${id}`, () => readAction(api(), spec, id, props));
      if (read.props === undefined) return read;
      return read.inputs === undefined
        ? { id: read.id, props: withSpec(read.props, spec) }
        : { id: read.id, props: withSpec(read.props, spec), inputs: withSpec(read.inputs, spec) };
    },
    async update(id: string, olds: Json, news: Json): Promise<dynamic.UpdateResult<Json>> {
      const spec = loadSpec(news[SPEC_KEY]);
      registerSecretInputs(spec, olds);
      registerSecretInputs(spec, news);
      const outs = await operation(`update of ${spec.resourceType} ${id}`, async () => {
        await refuseYamlDefined(state.pipelineLooks, api, parseId(id), nameOf(spec, news), "update");
        return updateAction(api(), spec, id, olds, news);
      });
      return { outs: withSpec(outs, spec) };
    },
    async delete(id: string, props: Json): Promise<void> {
      // A state without a known spec can still be deleted: the id is all delete needs.
      let spec: ActionSpec | undefined;
      try {
        spec = loadSpec(props?.[SPEC_KEY]);
      } catch {
        spec = undefined;
      }
      if (spec) registerSecretInputs(spec, props);
      const resource = spec ? nameOf(spec, props) : `action ${id}`;
      await operation(`delete of ${spec?.resourceType ?? "action"} ${id}`, async () => {
        await refuseYamlDefined(state.pipelineLooks, api, parseId(id), resource, "delete");
        await deleteAction(api(), id, props);
      });
    },
  });
}

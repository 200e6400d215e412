/**
 * The Pipeline resource's dynamic provider: the engine (engine.ts) behind the same configuration, HTTP client,
 * retry report and one-line host errors as the action provider (engine/provider.ts). Built once, in
 * providers/pipeline.ts, whose module export Pulumi serializes as one require line.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { ProviderConfig, processConfig } from "../config";
import { processClient } from "../process-client";
import { withRetryReport } from "../http/retry-report";
import { logWarn } from "../log";
import type { ActionsApi } from "../engine/api";
import { reportingMethods } from "../engine/host-errors";
import {
  checkPipelineInputs,
  createPipeline,
  deletePipeline,
  Json,
  pipelineDiff,
  readPipeline,
  updatePipeline,
} from "./engine";

export type PipelineProvider = Required<dynamic.ResourceProvider<Json, Json>>;

function operation<T>(what: string, fn: () => Promise<T>): Promise<T> {
  return withRetryReport(what, logWarn, fn);
}

const named = (inputs: Json | undefined): string => `Pipeline ${JSON.stringify(inputs?.name ?? "")}`;

/**
 * `client` and `config` are for tests; the provider process uses its one shared client and the process's
 * configuration (the one the action provider's configure fills too).
 */
export function pipelineProvider(client?: () => ActionsApi, config: ProviderConfig = processConfig): PipelineProvider {
  const api = client ?? ((): ActionsApi => processClient(config.current()));
  return reportingMethods<PipelineProvider>({
    async configure(req) {
      // `get` is typed as returning a string, but the value is whatever the engine sent: treat it as unknown.
      config.configure((key) => req.config.get(key));
    },
    async check(_olds, news) {
      config.assertConfigured();
      return { inputs: news, failures: checkPipelineInputs(news) };
    },
    async diff(_id, olds, news) {
      return pipelineDiff(olds, news);
    },
    async create(inputs) {
      return operation(`create of ${named(inputs)}`, () => createPipeline(api(), inputs));
    },
    async read(id, props) {
      return operation(`read of Pipeline ${id}`, () => readPipeline(api(), id, props));
    },
    async update(id, olds, news) {
      const outs = await operation(`update of Pipeline ${id}`, () => updatePipeline(api(), id, olds, news));
      return { outs };
    },
    async delete(id, props) {
      await operation(`delete of Pipeline ${id}`, () => deletePipeline(api(), id, props));
    },
  });
}

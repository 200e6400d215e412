/**
 * The one generic action provider: configure/check/diff/create/read/update/delete for any spec.
 *
 * Each resource's provider object is built here and becomes the `module.exports` of its own module in
 * providers/, so Pulumi serializes it as one `require("pulumi-buddy-actions/dist/provider/providers/<x>.js")` line
 * (see ../shared/reference/pulumi-dynamic.md). The provider holds no state of its own: configuration and the
 * HTTP client live in provider/config.ts and provider/http (one client per provider process).
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { configureFromPulumi } from "../config";
import { processClient } from "../http";
import { ActionSpec } from "../specs/spec";
import { ActionsApi } from "./api";
import { createAction } from "./create";
import { deleteAction, diffResult, planChanges, readAction, updateAction } from "./operations";
import { checkInputs } from "./validate";
import { Json } from "./wire";

export type ActionProvider = Required<dynamic.ResourceProvider<Json, Json>>;

/** `api` is for tests; the provider process uses its one shared client, created on first use. */
export function actionProvider(spec: ActionSpec, api: () => ActionsApi = processClient): ActionProvider {
  return {
    async configure(req: dynamic.ConfigureRequest): Promise<void> {
      configureFromPulumi(req);
    },
    async check(_olds: Json, news: Json): Promise<dynamic.CheckResult<Json>> {
      return { inputs: news, failures: checkInputs(spec, news) };
    },
    async diff(_id: string, olds: Json, news: Json): Promise<dynamic.DiffResult> {
      return diffResult(planChanges(spec, olds, news));
    },
    async create(inputs: Json): Promise<dynamic.CreateResult<Json>> {
      return createAction(api(), spec, inputs);
    },
    async read(id: string, props?: Json): Promise<dynamic.ReadResult<Json>> {
      return readAction(api(), spec, id, props);
    },
    async update(id: string, olds: Json, news: Json): Promise<dynamic.UpdateResult<Json>> {
      return { outs: await updateAction(api(), spec, id, olds, news) };
    },
    async delete(id: string): Promise<void> {
      await deleteAction(api(), id);
    },
  };
}

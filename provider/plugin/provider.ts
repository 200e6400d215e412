/**
 * The provider plugin `pulumi-resource-buddy`: the same engine as the dynamic resources (engine/provider.ts), reached
 * by resource token instead of the hidden `__spec` input. Each method names the spec of the token (resource-specs.ts,
 * generated from the catalog), forwards to the engine's provider, and leaves `__spec` out of what it returns (the
 * token says it). Nothing here decides anything about Buddy.
 */
import * as fs from "fs";
import * as path from "path";
import type { ConfigureRequest } from "@pulumi/pulumi/dynamic";
import { configureFromPulumi } from "../config";
import { actionProvider, loadSpec } from "../engine/provider";
import { planChanges } from "../engine/diff";
import { withoutEngineKeys } from "../engine/outputs";
import { secretFieldKeys } from "../engine/secrets";
import { ActionsApi } from "../engine/api";
import type { EngineOptions } from "../engine/state";
import { processClient } from "../process-client";
import { LookupClient, findPipeline, findProject } from "../lookups";
import { SPEC_KEY, serverOutputs } from "../specs/spec";
import { RESOURCE_SPECS } from "./resource-specs";
import { PluginProvider, Props } from "./types";
import schema from "./schema.json";

/** The plugin's version: the package's (found upwards from here: the sources and dist/ sit at different depths). */
function packageVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "pulumi-buddy-actions" && pkg.version) return pkg.version;
  }
  throw new Error(`pulumi-resource-buddy: no package.json of pulumi-buddy-actions above ${__dirname}`);
}

function specKeyOf(type: string): string {
  const key = RESOURCE_SPECS[type];
  if (key === undefined)
    throw new Error(`Unknown resource type ${type}: this version of the buddy plugin has no such resource`);
  return key;
}

const withSpec = (type: string, props: Props): Props => ({ ...props, [SPEC_KEY]: specKeyOf(type) });
const withoutSpec = (props: Props): Props => {
  const { [SPEC_KEY]: _spec, ...rest } = props;
  return rest;
};

/** `props` without `__provider` and without unset values (a gRPC struct cannot carry `undefined`). */
function withoutUnset(props: Props): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(props)) if (k !== "__provider" && v !== undefined) out[k] = v;
  return out;
}

/** An imported action's inputs: its outputs without what Buddy sets and the engine's own keys. */
function importedInputs(outputs: Props): Props {
  const inputs = withoutEngineKeys(outputs);
  for (const key of Object.keys(serverOutputs)) delete inputs[key];
  return inputs;
}

function text(args: Props, name: string, fn: string): string {
  const v = args[name];
  if (typeof v !== "string" || v === "") throw new Error(`${fn}: ${name} must be a non-empty string`);
  return v;
}

/**
 * `api` and `options` are for tests; the plugin process uses its one shared client, created on first use, its log and
 * real time.
 */
export function buddyPlugin(api: () => ActionsApi = processClient, options: EngineOptions = {}): PluginProvider {
  const engine = actionProvider(api, options);
  return {
    version: packageVersion(),
    schema: JSON.stringify(schema),
    async configure(args, variables) {
      // The same parser as the dynamic provider's configure: same precedence (config, then BUDDY_*) and errors.
      const get = (key: string): unknown => args[key.replace(/^buddy:/, "")] ?? variables[key];
      configureFromPulumi({ config: { get } } as unknown as ConfigureRequest);
    },
    async check(type, olds, news) {
      // The olds tell a preview of an existing resource from a create, as the dynamic host's do: only a create
      // lists its pipeline (survey, check record) and may warn of a same-named action.
      const result = await engine.check(Object.keys(olds).length > 0 ? withSpec(type, olds) : {}, withSpec(type, news));
      return { inputs: withoutSpec(result.inputs ?? news), failures: result.failures ?? [] };
    },
    async diff(type, id, olds, news) {
      const result = await engine.diff(id, withSpec(type, olds), withSpec(type, news));
      const plan = planChanges(loadSpec(specKeyOf(type)), olds, news);
      return {
        changes: result.changes === true,
        replaces: result.replaces ?? [],
        diffs: [...plan.replaces, ...plan.changed, ...plan.removed],
        deleteBeforeReplace: result.deleteBeforeReplace === true,
      };
    },
    async create(type, inputs) {
      try {
        const created = await engine.create(withSpec(type, inputs));
        return { id: created.id, outs: withoutSpec(created.outs ?? {}) };
      } catch (err) {
        // A partial failure's properties are recorded as they are: the same as the dynamic resources' (the
        // engine's own `__ciphertexts` included), less what the token already says (`__spec`) and the dynamic
        // resources' `__provider`, which has no value here.
        const partial = err as { properties?: Props };
        if (partial.properties) partial.properties = withoutSpec(withoutUnset(partial.properties));
        throw err;
      }
    },
    async read(type, id, props) {
      const read = await engine.read(id, withSpec(type, props ?? {}));
      if (read.id === undefined || read.id === "") return {};
      const outs = withoutSpec(read.props ?? {});
      // Import (no recorded properties): the inputs are what Buddy holds, so the engine can check them and the CLI
      // can write them as the program's code.
      const inputs = props === undefined ? importedInputs(outs) : read.inputs && withoutSpec(read.inputs);
      return { id: read.id, props: outs, ...(inputs ? { inputs } : {}) };
    },
    async update(type, id, olds, news) {
      const updated = await engine.update(id, withSpec(type, olds), withSpec(type, news));
      return withoutSpec(updated.outs ?? {});
    },
    async delete(type, id, props) {
      await engine.delete(id, withSpec(type, props));
    },
    async invoke(token, args) {
      const client: LookupClient = api();
      if (token === "buddy:index:getPipeline") {
        const fn = "getPipeline";
        const where = {
          workspace: text(args, "workspace", fn),
          projectName: text(args, "projectName", fn),
          name: text(args, "name", fn),
        };
        return { ...(await findPipeline(client, where)) };
      }
      if (token === "buddy:index:getProject") {
        const where = { workspace: text(args, "workspace", "getProject"), name: text(args, "name", "getProject") };
        return { ...(await findProject(client, where)) };
      }
      throw new Error(`Unknown function ${token}: the buddy plugin has getPipeline and getProject`);
    },
    secretKeys(type, props) {
      return secretFieldKeys(loadSpec(specKeyOf(type)), props);
    },
  };
}

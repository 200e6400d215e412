/**
 * The Pipeline resource's runtime facts, read from the catalog data (catalog/pipeline.json) when the provider
 * starts: no generated spec module. The same data, renamed to Buddy's wire names, is what the emulator checks
 * (emulator/pipeline-data.ts, generated), and catalog/rules.ts interprets both.
 */
import type { CatalogField, CatalogPipeline, CatalogValue } from "../../catalog/model";
import { Facts, GroupRule } from "../../catalog/rules";
import catalogData from "../../catalog/pipeline.json";
import { toInputName, toWireName } from "../wire/names";
import { isPlainObject } from "../wire/values";

const pipelineCatalog = catalogData as unknown as CatalogPipeline;

/** The settings, keyed by input name (the Pipeline's inputs besides its location). */
export const settings: Readonly<Record<string, CatalogField>> = pipelineCatalog.fields;

/** Where a pipeline lives: a change of either is a replace (Buddy cannot move a pipeline). */
export const LOCATION_KEYS = ["workspace", "projectName"] as const;

/** Buddy's read-only fields, output name → wire name (`pipelineId` is Buddy's `id`). */
export const serverFields: Readonly<Record<string, string>> = pipelineCatalog.serverFields;

export const inputFacts: Readonly<Record<string, Facts>> = settings;
export const inputGroups: readonly GroupRule[] = pipelineCatalog.groups ?? [];

/** Every key of an open value (Buddy's undocumented members) renamed, at any depth. */
function renameKeys(v: unknown, rename: (k: string) => string): unknown {
  if (Array.isArray(v)) return v.map((x) => renameKeys(x, rename));
  if (!isPlainObject(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [rename(k), renameKeys(x, rename)]));
}

/** A value given under input names, in Buddy's names (documented members by their `wire`, others converted). */
export function toWireValue(f: CatalogValue, v: unknown): unknown {
  if (v === undefined || v === null) return v;
  if (f.kind === "list" && Array.isArray(v) && f.item) return v.map((x) => toWireValue(f.item as CatalogValue, x));
  if (f.kind === "open") return renameKeys(v, toWireName);
  if (f.kind === "object" && isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      const m = f.fields?.[k];
      out[m ? m.wire : toWireName(k)] = m ? toWireValue(m, x) : x;
    }
    return out;
  }
  return v;
}

/** Buddy's value under input names: the inverse of toWireValue; null members are left out. */
export function fromWireValue(f: CatalogValue, v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  if (f.kind === "list" && Array.isArray(v) && f.item) return v.map((x) => fromWireValue(f.item as CatalogValue, x));
  if (f.kind === "open") return renameKeys(v, toInputName);
  if (f.kind === "object" && isPlainObject(v)) {
    const byWire = new Map(Object.entries(f.fields ?? {}).map(([name, m]) => [m.wire, [name, m] as const]));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === null || x === undefined) continue;
      const known = byWire.get(k);
      out[known ? known[0] : toInputName(k)] = known ? fromWireValue(known[1], x) : x;
    }
    return out;
  }
  return v;
}

/** The documented default Buddy applies to a setting that is not sent; null when none is documented. */
export function defaultOf(name: string): unknown {
  const d = settings[name]?.default;
  return d === undefined ? null : d;
}

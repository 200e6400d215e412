import { DEFAULT_FAULT_SEED, DEFAULT_LATENCY_MS } from "./defaults";
import type { FaultConfig, FaultKind } from "./types";

/**
 * Fault injection for reliability tests. Each Buddy-path request draws from a seeded PRNG: with probability `rate`
 * it gets one of `kinds` (uniformly, among the kinds that apply to its method). The same seed and the same request
 * sequence give the same faults, so a failing run can be replayed.
 *
 * | kind             | what happens                                                                                   |
 * | ---------------- | ---------------------------------------------------------------------------------------------- |
 * | 429              | 429 + rate-limit headers (Remaining 0, Reset = next second) + Retry-After: 1; nothing done    |
 * | 500 / 502 / 503  | that status with a Buddy error body; nothing done                                              |
 * | drop             | socket destroyed before anything is read or done; no answer                                    |
 * | latency          | latencyMs delay, then the request is handled normally                                          |
 * | commit-then-drop | POST only: the create is done and persisted, then the socket is destroyed instead of answering |
 */
export const FAULT_KINDS: readonly FaultKind[] = ["429", "500", "502", "503", "drop", "latency", "commit-then-drop"];

/** mulberry32: tiny, fast, good enough for choosing faults; not for anything secret. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Checks an untrusted fault configuration (admin API body, CLI flags); returns a list of problems. */
export function checkFaultConfig(input: unknown): { config?: FaultConfig; errors: string[] } {
  const errors: string[] = [];
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { errors: ["Fault configuration must be a JSON object."] };
  }
  const c = input as Record<string, unknown>;
  const rate = c.rate;
  if (typeof rate !== "number" || !(rate >= 0 && rate <= 1)) errors.push('Field "rate" must be a number from 0 to 1.');
  const kinds = c.kinds ?? [];
  if (!Array.isArray(kinds) || kinds.some((k) => typeof k !== "string" || !(FAULT_KINDS as string[]).includes(k))) {
    errors.push(`Field "kinds" must be an array of: ${FAULT_KINDS.join(", ")}.`);
  } else if (typeof rate === "number" && rate > 0 && kinds.length === 0) {
    errors.push('Field "kinds" must name at least one kind when "rate" is above 0.');
  }
  const latencyMs = c.latencyMs;
  if (latencyMs !== undefined && (typeof latencyMs !== "number" || !Number.isInteger(latencyMs) || latencyMs < 0)) {
    errors.push('Field "latencyMs" must be a non-negative integer.');
  }
  const seed = c.seed;
  if (seed !== undefined && (typeof seed !== "number" || !Number.isInteger(seed))) {
    errors.push('Field "seed" must be an integer.');
  }
  const methods = c.methods;
  if (methods !== undefined && (!Array.isArray(methods) || methods.some((m) => typeof m !== "string"))) {
    errors.push('Field "methods" must be an array of HTTP method names.');
  }
  if (errors.length > 0) return { errors };
  const config: FaultConfig = { rate: rate as number, kinds: kinds as FaultKind[] };
  if (latencyMs !== undefined) config.latencyMs = latencyMs as number;
  if (seed !== undefined) config.seed = seed as number;
  if (methods !== undefined) config.methods = (methods as string[]).map((m) => m.toUpperCase());
  return { config, errors };
}

export class FaultInjector {
  private config: FaultConfig = { rate: 0, kinds: [] };
  private random: () => number = mulberry32(DEFAULT_FAULT_SEED);

  constructor(config?: FaultConfig) {
    if (config) this.configure(config);
  }

  /** Replaces the configuration and restarts the PRNG from the (new) seed. */
  configure(config: FaultConfig): void {
    const { config: checked, errors } = checkFaultConfig(config);
    if (!checked) throw new Error(`invalid fault configuration: ${errors.join(" ")}`);
    this.config = checked;
    this.random = mulberry32(checked.seed ?? DEFAULT_FAULT_SEED);
  }

  current(): FaultConfig {
    return {
      ...this.config,
      kinds: [...this.config.kinds],
      ...(this.config.methods ? { methods: [...this.config.methods] } : {}),
    };
  }

  get latencyMs(): number {
    return this.config.latencyMs ?? DEFAULT_LATENCY_MS;
  }

  /** The fault for one request, or null. Draws nothing when faults are off, so turning them on is reproducible. */
  pick(method: string): FaultKind | null {
    const { rate, kinds, methods } = this.config;
    if (rate <= 0 || kinds.length === 0) return null;
    const m = method.toUpperCase();
    if (methods && !methods.includes(m)) return null;
    const applicable = kinds.filter((k) => k !== "commit-then-drop" || m === "POST");
    if (applicable.length === 0) return null;
    if (this.random() >= rate) return null;
    return applicable[Math.floor(this.random() * applicable.length)];
  }
}

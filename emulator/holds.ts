import { EventEmitter } from "events";
import type { HeldRequest, HoldRule } from "./types";

/**
 * Holding requests until a test releases them, so that something (a SIGKILL of the client, a timeout) lands while
 * requests are in flight, deterministically: no sleep decides what is in flight, the test waits for the emulator to
 * say "N requests are held" and acts then.
 *
 * A rule (`{method, pathPattern, count, skip}`) lets the first `skip` matching requests through, then holds the next
 * `count` Buddy-path requests whose method is `method` and whose path (no query) matches the regular expression
 * `pathPattern`. (`skip`: a client that sends one request at a time until its first answer, as the provider's
 * throttle does, gets that answer, and the held requests are then the ones it sends at once.) A held request has passed faults, the rate
 * limit and auth and has its body parsed; nothing has been done yet. Released, it goes on as if it had just arrived
 * (`proceed`: the handler runs and commits, whether or not its client is still there, as a server does with a
 * request it already read) or its connection is destroyed without anything being done (`drop`).
 */
interface HoldDecision {
  id: number;
  /** Resolves with what to do once released. */
  released: Promise<"proceed" | "drop">;
}

interface Pending {
  info: HeldRequest;
  release: (how: "proceed" | "drop") => void;
}

interface ActiveRule {
  method: string;
  pattern: RegExp;
  source: string;
  /** How many more requests to hold; undefined: every matching request until cleared. */
  left: number | undefined;
  /** How many more matching requests to let through before holding. */
  skip: number;
}

/** Checks an untrusted rule (admin API body); returns a list of problems. */
export function checkHoldRule(input: unknown): { rule?: HoldRule; errors: string[] } {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return { errors: ["Hold rule must be a JSON object."] };
  const r = input as Record<string, unknown>;
  const errors: string[] = [];
  if (typeof r.method !== "string" || !/^[A-Za-z]+$/.test(r.method))
    errors.push('Field "method" must be an HTTP method name.');
  if (r.pathPattern !== undefined) {
    if (typeof r.pathPattern !== "string") errors.push('Field "pathPattern" must be a string (a regular expression).');
    else {
      try {
        new RegExp(r.pathPattern);
      } catch (err) {
        errors.push(`Field "pathPattern" is not a valid regular expression: ${(err as Error).message}`);
      }
    }
  }
  if (r.count !== undefined && (typeof r.count !== "number" || !Number.isInteger(r.count) || r.count < 1))
    errors.push('Field "count" must be a positive integer.');
  if (r.skip !== undefined && (typeof r.skip !== "number" || !Number.isInteger(r.skip) || r.skip < 0))
    errors.push('Field "skip" must be a non-negative integer.');
  if (errors.length > 0) return { errors };
  const rule: HoldRule = { method: (r.method as string).toUpperCase() };
  if (r.pathPattern !== undefined) rule.pathPattern = r.pathPattern as string;
  if (r.count !== undefined) rule.count = r.count as number;
  if (r.skip !== undefined && r.skip !== 0) rule.skip = r.skip as number;
  return { rule, errors };
}

export class Holds {
  private rules: ActiveRule[] = [];
  private pending: Pending[] = [];
  private nextId = 1;
  private readonly events = new EventEmitter();

  /** Adds a rule (rules are tried in the order added; the first that matches holds the request). */
  add(rule: HoldRule): void {
    const { rule: checked, errors } = checkHoldRule(rule);
    if (!checked) throw new Error(`invalid hold rule: ${errors.join(" ")}`);
    const source = checked.pathPattern ?? "";
    this.rules.push({
      method: checked.method,
      pattern: new RegExp(source),
      source,
      left: checked.count,
      skip: checked.skip ?? 0,
    });
  }

  /** The rules still holding (with the count each has left) and the requests held now, oldest first. */
  view(): { rules: HoldRule[]; held: HeldRequest[] } {
    return {
      rules: this.rules.map((r) => ({
        method: r.method,
        pathPattern: r.source,
        ...(r.left === undefined ? {} : { count: r.left }),
        ...(r.skip === 0 ? {} : { skip: r.skip }),
      })),
      held: this.pending.map((p) => ({ ...p.info })),
    };
  }

  /** Holds the request if a rule says so; undefined otherwise. */
  take(method: string, path: string): HoldDecision | undefined {
    const m = method.toUpperCase();
    const rule = this.rules.find((r) => r.method === m && r.pattern.test(path));
    if (rule === undefined) return undefined;
    if (rule.skip > 0) {
      rule.skip--;
      return undefined;
    }
    if (rule.left !== undefined) {
      rule.left--;
      if (rule.left === 0) this.rules = this.rules.filter((r) => r !== rule);
    }
    const info: HeldRequest = { id: this.nextId++, method: m, path, heldAt: new Date().toISOString() };
    const released = new Promise<"proceed" | "drop">((resolve) => {
      this.pending.push({ info, release: resolve });
    });
    this.events.emit("held");
    return { id: info.id, released };
  }

  /** Resolves with the held requests once at least `n` are held at the same time (at once if they already are). */
  waitForHeld(n: number, timeoutMs = 60_000): Promise<HeldRequest[]> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        if (this.pending.length < n) return false;
        this.events.off("held", onHeld);
        clearTimeout(timer);
        resolve(this.view().held);
        return true;
      };
      const onHeld = (): void => {
        check();
      };
      const timer = setTimeout(() => {
        this.events.off("held", onHeld);
        reject(new Error(`${this.pending.length} request(s) held after ${timeoutMs} ms, waiting for ${n}`));
      }, timeoutMs);
      this.events.on("held", onHeld);
      check();
    });
  }

  /**
   * Releases held requests (all, or the `ids` given, or the oldest `count`), each to go on (`proceed`) or to be
   * dropped. Returns the ids released.
   */
  release(opts: { ids?: number[]; count?: number; how?: "proceed" | "drop" } = {}): number[] {
    let chosen = this.pending;
    if (opts.ids !== undefined) chosen = chosen.filter((p) => opts.ids?.includes(p.info.id));
    if (opts.count !== undefined) chosen = chosen.slice(0, opts.count);
    const set = new Set(chosen);
    this.pending = this.pending.filter((p) => !set.has(p));
    for (const p of chosen) p.release(opts.how ?? "proceed");
    return chosen.map((p) => p.info.id);
  }

  /** Removes every rule and lets every held request go on (reset, close). */
  clear(): void {
    this.rules = [];
    this.release();
  }
}

/** Checks an untrusted release body. */
export function checkRelease(input: unknown): {
  opts?: { ids?: number[]; count?: number; how?: "proceed" | "drop" };
  errors: string[];
} {
  if (input === undefined || input === null) return { opts: {}, errors: [] };
  if (typeof input !== "object" || Array.isArray(input)) return { errors: ["Release body must be a JSON object."] };
  const r = input as Record<string, unknown>;
  const errors: string[] = [];
  if (r.ids !== undefined && (!Array.isArray(r.ids) || r.ids.some((i) => !Number.isInteger(i))))
    errors.push('Field "ids" must be an array of integers.');
  if (r.count !== undefined && (typeof r.count !== "number" || !Number.isInteger(r.count) || r.count < 0))
    errors.push('Field "count" must be a non-negative integer.');
  if (r.how !== undefined && r.how !== "proceed" && r.how !== "drop")
    errors.push('Field "how" must be "proceed" or "drop".');
  if (errors.length > 0) return { errors };
  return {
    opts: {
      ...(r.ids !== undefined ? { ids: r.ids as number[] } : {}),
      ...(r.count !== undefined ? { count: r.count as number } : {}),
      ...(r.how !== undefined ? { how: r.how as "proceed" | "drop" } : {}),
    },
    errors,
  };
}

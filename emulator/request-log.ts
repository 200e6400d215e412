import type { CountersView, FaultKind, JsonValue, RequestLogEntry } from "./types";

/**
 * What the admin API reports about Buddy-path traffic: a request log (bounded, oldest entries dropped first, so a
 * long CI run cannot exhaust memory) and counters per endpoint and per status (unbounded totals, cheap).
 */
const MAX_LOG_ENTRIES = 50_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;
  private counters: CountersView = { total: 0, by_status: {}, endpoints: {} };

  nextSeq(): number {
    return ++this.seq;
  }

  record(
    seq: number,
    at: Date,
    method: string,
    url: string,
    endpoint: string,
    status: number | null,
    body: JsonValue,
    fault: FaultKind | null,
  ): void {
    const [path, search = ""] = url.split("?", 2);
    this.entries.push({ seq, method, path, query: parseQuery(search), status, body, fault, at: at.toISOString() });
    if (this.entries.length > MAX_LOG_ENTRIES) this.entries.splice(0, this.entries.length - MAX_LOG_ENTRIES);

    const key = status === null ? "dropped" : String(status);
    const ep = (this.counters.endpoints[endpoint] ??= { total: 0, by_status: {} });
    ep.total++;
    ep.by_status[key] = (ep.by_status[key] ?? 0) + 1;
    this.counters.total++;
    this.counters.by_status[key] = (this.counters.by_status[key] ?? 0) + 1;
  }

  /** Entries in arrival order (by seq). */
  list(): RequestLogEntry[] {
    return [...this.entries].sort((a, b) => a.seq - b.seq);
  }

  clearLog(): void {
    this.entries = [];
  }

  clearAll(): void {
    this.entries = [];
    this.counters = { total: 0, by_status: {}, endpoints: {} };
  }

  counterView(): CountersView {
    return JSON.parse(JSON.stringify(this.counters)) as CountersView;
  }
}

function parseQuery(search: string): Record<string, string | string[]> {
  // null prototype: a "__proto__" query key must stay a plain key
  const out = Object.create(null) as Record<string, string | string[]>;
  for (const [k, v] of new URLSearchParams(search)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

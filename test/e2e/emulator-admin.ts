// What the end-to-end tests ask the emulator: the actions a pipeline holds (through Buddy's own API, as a
// user would see them), and the admin API for the request log and out-of-band edits.
import fetch from "node-fetch";
import type { RunningEmulator } from "../../emulator";

export interface ActionRecord { id: number; type: string; name: string; [field: string]: unknown }
export interface LoggedRequest { method: string; path: string; status: number; body: unknown; fault: string | null }

export class EmulatorAdmin {
  constructor(private readonly emulator: RunningEmulator, private readonly project = "my-project") {}

  private actionsPath(pipelineId: number): string {
    return `/workspaces/${this.emulator.workspace}/projects/${this.project}/pipelines/${pipelineId}/actions`;
  }

  /** Every action of a pipeline, in pipeline order, following pagination. */
  async actions(pipelineId: number): Promise<ActionRecord[]> {
    const all: ActionRecord[] = [];
    for (let page = 1; ; page++) {
      const body = await this.json<{ actions: ActionRecord[] }>(
        "GET", `${this.actionsPath(pipelineId)}?page=${page}&per_page=100`, undefined, true);
      all.push(...body.actions);
      if (body.actions.length < 100) return all;
    }
  }

  async requests(): Promise<LoggedRequest[]> {
    return (await this.json<{ requests: LoggedRequest[] }>("GET", "/__emulator/requests")).requests;
  }

  async clearRequests(): Promise<void> { await this.json("DELETE", "/__emulator/requests"); }

  async editAction(pipelineId: number, actionId: number, fields: Record<string, unknown>): Promise<void> {
    await this.json("PATCH", `/__emulator${this.actionsPath(pipelineId)}/${actionId}`, fields);
  }

  async deleteAction(pipelineId: number, actionId: number): Promise<void> {
    await this.json("DELETE", `/__emulator${this.actionsPath(pipelineId)}/${actionId}`);
  }

  async setFaults(config: { rate: number; kinds?: string[]; seed?: number }): Promise<void> {
    await this.json("PUT", "/__emulator/faults", { kinds: [], ...config });
  }

  async setWorkspaceFlags(flags: { api_disabled?: boolean; suspended?: boolean }): Promise<void> {
    await this.json("PUT", `/__emulator/workspaces/${this.emulator.workspace}`, flags);
  }

  private async json<T>(method: string, path: string, body?: unknown, authenticated = false): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (authenticated) headers.Authorization = `Bearer ${this.emulator.token}`;
    const res = await fetch(`${this.emulator.url}${path}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

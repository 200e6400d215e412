// What the end-to-end tests ask the emulator: the actions a pipeline holds, read through Buddy's own API as a
// user would see them, and (in-process) the admin operations: request log, faults, out-of-band edits.
import type { FaultKind, RequestLogEntry, RunningEmulator } from "../../emulator/index";
import { actionsPath, api } from "../helpers/emulator";

export interface ActionRecord {
  id: number;
  type: string;
  name: string;
  [field: string]: unknown;
}

export class EmulatorAdmin {
  constructor(
    private readonly emulator: RunningEmulator,
    private readonly project = "my-project",
  ) {}

  /** Every action of a pipeline, in pipeline order, following pagination. */
  async actions(pipelineId: number): Promise<ActionRecord[]> {
    const all: ActionRecord[] = [];
    for (let page = 1; ; page++) {
      const path = `${actionsPath(this.emulator.workspace, this.project, pipelineId)}?page=${page}&per_page=100`;
      const res = await api<{ actions: ActionRecord[] }>(this.emulator, "GET", path);
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${res.text}`);
      all.push(...res.body.actions);
      if (res.body.actions.length < 100) return all;
    }
  }

  async requests(): Promise<RequestLogEntry[]> {
    return this.emulator.admin.requests();
  }
  async clearRequests(): Promise<void> {
    this.emulator.admin.clearRequests();
  }

  async editAction(
    pipelineId: number,
    actionId: number,
    fields: Record<string, string | number | boolean>,
  ): Promise<void> {
    this.emulator.admin.editAction(this.emulator.workspace, this.project, pipelineId, actionId, fields);
  }

  /** Adds an action the way a person in Buddy's UI would: not through the API, not logged. */
  async addAction(pipelineId: number, body: Record<string, string | number | boolean>): Promise<ActionRecord> {
    return this.emulator.admin.addAction(
      this.emulator.workspace,
      this.project,
      pipelineId,
      body,
    ) as unknown as ActionRecord;
  }

  async deleteAction(pipelineId: number, actionId: number): Promise<void> {
    this.emulator.admin.deleteAction(this.emulator.workspace, this.project, pipelineId, actionId);
  }

  async setFaults(config: { rate: number; kinds?: FaultKind[]; seed?: number }): Promise<void> {
    this.emulator.admin.setFaults({ kinds: [], ...config });
  }

  async setWorkspaceFlags(flags: { api_disabled?: boolean; suspended?: boolean }): Promise<void> {
    this.emulator.admin.setWorkspaceFlags(this.emulator.workspace, flags);
  }
}

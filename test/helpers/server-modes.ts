// The one table of server behaviours the provider's suites run under (emulator/modes.ts): each a plausible reading
// of Buddy's docs. The create, adoption, refresh and fault-run suites, and one CLI end-to-end run, iterate it.
import type { ServerModes } from "../../emulator/index";

export interface ServerModeCase {
  /** Short, for test titles and printed figures. */
  name: string;
  modes: Partial<ServerModes>;
  /** Appended to a suite's title: empty for the default server, so its tests keep their names. */
  suffix: string;
}

function mode(name: string, modes: Partial<ServerModes>): ServerModeCase {
  return { name, modes, suffix: Object.keys(modes).length === 0 ? "" : ` [server: ${name}]` };
}

export const SERVER_MODES: readonly ServerModeCase[] = [
  mode("default", {}),
  mode("paging ignored", { listPagingIgnored: true }),
  mode("per_page capped at 20", { perPageCap: 20 }),
  mode("list summaries", { listSummaries: true }),
  mode("extra fields", { extraFields: true }),
  mode("POST answered 300 ms after listed", { postAnswerDelayMs: 300 }),
];

/** SERVER_MODES, or only those whose name contains $SERVER_MODE (to run one mode while working on it). */
export function serverModes(): readonly ServerModeCase[] {
  const only = process.env.SERVER_MODE;
  return only ? SERVER_MODES.filter((m) => m.name.includes(only)) : SERVER_MODES;
}

// Preview's look at a pipeline (provider/engine/survey.ts) is advice: against a server that fails it makes two
// attempts with the process's short-retry "look" client (provider/process-client.ts), says so in one line, and
// warns of nothing per attempt; the process client's full retries are for the operations themselves.
import * as assert from "assert";
import { ProviderConfig } from "../../../provider/config";
import { EngineState } from "../../../provider/engine/state";
import { processClient } from "../../../provider/process-client";
import { loadSpec } from "../../../provider/specs/registry";
import { surveyBeforeCreate } from "../../../provider/engine/survey";
import { useEmulator } from "../../helpers/emulator";

describe("preview's look at a pipeline through the process's look client", function () {
  this.timeout(60_000);
  const ctx = useEmulator({}, true);

  it("a server that fails every GET: two attempts, one info line, no warning", async () => {
    const news = {
      workspace: "my-company",
      projectName: "my-project",
      pipelineId: 1,
      type: "SLEEP",
      name: "Look",
      fields: { sleep_in_sec: 1 },
    };
    ctx.emu.admin.setFaults({ rate: 1, kinds: ["500"], methods: ["GET"] });
    const lines: string[] = [];
    const config = ProviderConfig.withValues({ baseUrl: ctx.emu.url, token: ctx.emu.token });
    const state = new EngineState({ config, log: (level, message) => lines.push(`${level}: ${message}`) });
    try {
      const api = (use?: "look"): ReturnType<typeof processClient> => processClient(config.current(), use);
      await surveyBeforeCreate(state, api, loadSpec("pipeline-action"), {}, news);
    } finally {
      ctx.emu.admin.setFaults({ rate: 0, kinds: [] });
    }
    const listings = ctx.emu.admin.requests().filter((r) => r.method === "GET" && r.path.endsWith("/actions"));
    assert.strictEqual(listings.length, 2, "two attempts");
    assert.strictEqual(lines.length, 1, lines.join("\n"));
    assert.match(lines[0], /^info: PipelineAction "Look": could not list its pipeline to look for same-named actions/);
  });
});

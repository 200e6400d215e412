import * as assert from "assert";
import { logInfo, logTo, logWarn } from "../../../provider/log";
import { registerSecret } from "../../../provider/http/redact";

describe("provider/log", () => {
  it("sends redacted single-line messages to the sink", () => {
    const lines: string[] = [];
    const log = logTo((level, message) => lines.push(`${level}|${message}`));
    registerSecret("log-secret-123");
    log.info("waiting\nfor log-secret-123");
    log.warn("Authorization: Bearer zzz");
    assert.deepStrictEqual(lines, ["info|waiting for [redacted]", "warn|Authorization: Bearer [redacted]"]);
  });

  it("without an engine connection, writes one line to stderr (which the engine shows), nothing to stdout", () => {
    const saved = process.env.PULUMI_NODEJS_ENGINE;
    delete process.env.PULUMI_NODEJS_ENGINE;
    const written: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      logWarn("Buddy API GET /x failed with 503, retrying in 0.8s (attempt 2 of 6)");
      logInfo("Buddy API rate limit reached; waiting 2.0s until the window resets (GET /x)");
    } finally {
      process.stderr.write = original;
      if (saved !== undefined) process.env.PULUMI_NODEJS_ENGINE = saved;
    }
    assert.deepStrictEqual(written, [
      "warning: Buddy API GET /x failed with 503, retrying in 0.8s (attempt 2 of 6)\n",
      "info: Buddy API rate limit reached; waiting 2.0s until the window resets (GET /x)\n",
    ]);
  });
});

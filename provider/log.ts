/**
 * Messages from inside the provider (retries, rate-limit waits) for the person running `pulumi up`.
 *
 * What the SDK does (read from @pulumi/pulumi 3.248.0 and the engine's Go source):
 * - `pulumi.log.info/warn` (log/index.js) send a LogRequest over gRPC only when `runtime/settings.getEngine()`
 *   returns a client, and that needs `options().engineAddr`, which comes from the PULUMI_NODEJS_ENGINE
 *   environment variable (runtime/state.js). The language host sets it for the *program* process only.
 * - The dynamic provider process (cmd/dynamic-provider/index.js) receives the engine address as argv[2] but
 *   only checks that it is present; it never stores it in the runtime settings. So inside the provider process
 *   there is no engine connection, and `pulumi.log.info` silently falls back to
 *   `console.log("info: [runtime] ...")`.
 * - The engine reads a dynamic provider's stdout and stderr line by line after the port handshake and shows
 *   every non-empty line in the CLI (sdk/go/common/resource/plugin/plugin.go, `runtrace`: stdout as info,
 *   stderr as info-on-stderr; dynamic providers are exempt from the "hide unstructured output" rule).
 *
 * Hence: when an engine connection exists (PULUMI_NODEJS_ENGINE is set: this code runs in a program process)
 * the message goes through `pulumi.log`; otherwise it is written to stderr as ONE line (each line becomes one
 * CLI message), never to stdout, whose first line is the provider's port handshake.
 * Every message is redacted before it goes anywhere.
 *
 * `logInfo` / `logWarn` write to that process sink. A provider built with a sink of its own (engine/state.ts: a test
 * that reads what its provider says) logs through `logTo(sink)`, with the same redaction and one-line rule.
 */
import { redact } from "./http/redact";

type LogLevel = "info" | "warn";
/** Where finished lines go (already redacted and on one line). */
export type LogSink = (level: LogLevel, message: string) => void;

export interface Log {
  info(message: string): void;
  warn(message: string): void;
}

/** The provider process's sink: `pulumi.log` in a program process, else one line on stderr (see above). */
export function processSink(level: LogLevel, message: string): void {
  if (process.env.PULUMI_NODEJS_ENGINE) {
    // Required here, not at the top: the provider process should not pay for loading the SDK just to log.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    void (level === "warn" ? pulumi.log.warn(message) : pulumi.log.info(message));
    return;
  }
  process.stderr.write(`${level === "warn" ? "warning" : "info"}: ${message}\n`);
}

/** One line: the engine shows each line of a message (log or error) as its own entry. */
export function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/** A log whose lines, redacted and on one line, go to `sink`. */
export function logTo(sink: LogSink): Log {
  const emit = (level: LogLevel, message: string): void => {
    const line = oneLine(redact(message));
    try {
      sink(level, line);
    } catch {
      // Logging must never break a provider operation.
    }
  };
  return { info: (message) => emit("info", message), warn: (message) => emit("warn", message) };
}

const processLog = logTo(processSink);

export function logInfo(message: string): void {
  processLog.info(message);
}

export function logWarn(message: string): void {
  processLog.warn(message);
}

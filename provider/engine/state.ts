/**
 * What one action provider owns: its clock, its log, its configuration and what it has learnt about each pipeline.
 * A provider process builds one provider (providers/action.ts), so this lives as long as the process; a test builds
 * a fresh provider where it needs a fresh process, and hands in the clock it drives (test/helpers/clock.ts).
 */
import { CheckListings } from "./check-record";
import { PipelineClaims } from "./claims";
import { ProviderConfig, processConfig } from "../config";
import { Log, LogSink, logTo, processSink } from "../log";
import { Clock, realClock } from "./clock";
import { PipelineLooks } from "./yaml-defined";

export interface EngineOptions {
  /** Every wait of the engine (settle, repost backoff, check's budgets). Default: real time. */
  clock?: Clock;
  /** Where its messages go (retries, adoption, warnings). Default: the provider process's (log.ts). */
  log?: LogSink;
  /** Its configuration (what its configure sets). Default: the provider process's (config.ts). */
  config?: ProviderConfig;
}

export class EngineState {
  readonly clock: Clock;
  readonly log: Log;
  readonly config: ProviderConfig;
  /** Creates' snapshots and adopted ids, per client and pipeline (claims.ts). */
  readonly claims = new PipelineClaims();
  /** Check's one listing per pipeline (check-record.ts). */
  readonly checkListings = new CheckListings();
  /** The one read of each pipeline's definition (yaml-defined.ts). */
  readonly pipelineLooks = new PipelineLooks();

  constructor(options: EngineOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.log = logTo(options.log ?? processSink);
    this.config = options.config ?? processConfig;
  }
}

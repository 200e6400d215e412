// Reusable helpers for tests that need a Buddy API emulator: start one per suite on a free port (in-process), or
// spawn the CLI as a separate process; talk to it over real HTTP (Node's global fetch); read the admin API.
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { startEmulator } from "../../emulator/index";
import type {
  CountersView,
  EmulatorOptions,
  FaultConfig,
  RequestLogEntry,
  RunningEmulator,
} from "../../emulator/index";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/**
 * Starts an emulator before the suite and closes it after. Call inside `describe`; read `.emu` in tests.
 * With `resetBeforeEach`, the emulator is reset (state, logs, counters, faults back to start) before each test.
 */
export function useEmulator(opts: EmulatorOptions = {}, resetBeforeEach = false): { readonly emu: RunningEmulator } {
  let current: RunningEmulator | undefined;
  before(async () => {
    current = await startEmulator({ quiet: true, ...opts });
  });
  after(async () => {
    await current?.close();
    current = undefined;
  });
  if (resetBeforeEach) beforeEach(() => current?.admin.reset());
  return {
    get emu(): RunningEmulator {
      if (!current) throw new Error("emulator not started (use useEmulator inside describe)");
      return current;
    },
  };
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or undefined for an empty body. */
  body: T;
  text: string;
}

export interface ApiTarget {
  url: string;
  token?: string;
}

/** A request to a Buddy path; authenticates with target.token unless `token` is given (null = no header). */
export async function api<T = Record<string, unknown>>(
  target: ApiTarget,
  method: string,
  pathname: string,
  body?: unknown,
  opts: { token?: string | null; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: "application/json", ...opts.headers };
  const token = opts.token === undefined ? target.token : opts.token;
  if (token !== null && token !== undefined) headers.Authorization = `Bearer ${token}`;
  let payload: string | undefined = opts.rawBody;
  if (body !== undefined) {
    payload = JSON.stringify(body);
    headers["Content-Type"] ??= "application/json";
  }
  const res = await fetch(`${target.url}${pathname}`, { method, headers, body: payload });
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text !== "") {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

/** A request to the admin API (no auth). Throws unless 2xx. */
export async function admin<T = unknown>(url: string, method: string, pathname: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}/__emulator${pathname}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`admin ${method} ${pathname} answered ${res.status}: ${text}`);
  return (text === "" ? undefined : JSON.parse(text)) as T;
}

export async function adminRequests(url: string): Promise<RequestLogEntry[]> {
  return (await admin<{ requests: RequestLogEntry[] }>(url, "GET", "/requests")).requests;
}
export const adminClearRequests = (url: string): Promise<void> => admin<void>(url, "DELETE", "/requests");
export const adminCounters = (url: string): Promise<CountersView> => admin<CountersView>(url, "GET", "/counters");
export const adminReset = (url: string): Promise<void> => admin<void>(url, "POST", "/reset");
export const adminSetFaults = (url: string, faults: FaultConfig): Promise<FaultConfig> =>
  admin<FaultConfig>(url, "PUT", "/faults", faults);

/** Path of a pipeline's actions collection. */
export function actionsPath(workspace: string, project: string, pipelineId: number): string {
  return `/workspaces/${workspace}/projects/${project}/pipelines/${pipelineId}/actions`;
}

/** A valid KUBERNETES_SET_IMAGE body (seed 000's example, without targets). */
export function ksiBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "Set image",
    type: "KUBERNETES_SET_IMAGE",
    namespace: "default",
    deployment: "nginx-deployment",
    container: "nginx",
    image_name: "nginx",
    image_tag: "1.7.8",
    ...overrides,
  };
}

/** A valid PROMOTE_IMAGE body (between two registries). */
export function promoteBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "Promote",
    type: "PROMOTE_IMAGE",
    src: { docker_registry: "DOCKER_HUB", image: "acme/app:1.0" },
    dest: { docker_registry: "AMAZON_ECR", image: "acme/app:1.0", region: "eu-west-1" },
    ...overrides,
  };
}

export interface SpawnedEmulator {
  child: ChildProcess;
  url: string;
  token: string;
  workspace: string;
  /** The start-up line as printed. */
  line: string;
  /** Everything printed on stdout so far. */
  stdout(): string;
  /** Sends a signal and resolves with the exit code (null if killed by a signal) and signal. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Spawns the CLI through ts-node (no build needed) and resolves once it printed its start-up line.
 * Rejects if it exits first or does not start within `timeoutMs`.
 */
export function spawnEmulatorCli(args: string[] = [], timeoutMs = 20_000): Promise<SpawnedEmulator> {
  const child = spawn(process.execPath, ["-r", "ts-node/register", path.join("emulator", "cli.ts"), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`emulator CLI did not start in ${timeoutMs} ms; stderr: ${err}`));
    }, timeoutMs);
    child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /^buddy-emulator listening on (\S+) token=(\S+) workspace=(\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          child,
          url: m[1],
          token: m[2],
          workspace: m[3],
          line: m[0],
          stdout: () => out,
          stop: (signal: NodeJS.Signals = "SIGTERM") => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`emulator CLI exited (code ${code}, signal ${signal}) before starting; stderr: ${err}`));
    });
  });
}

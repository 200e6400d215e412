// The buddy-emulator CLI: one start-up line, flags, clean exit 0 on SIGTERM/SIGINT (spawned); argument parsing
// (in-process, one call per case instead of one process per case).
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { optionsFromArgs } from "../../emulator/cli";
import { ALL_SCOPES } from "../../emulator/scopes";
import { actionsPath, api, ksiBody, REPO_ROOT, spawnEmulatorCli } from "../helpers/emulator";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

/** The compiled CLI (npm run test:emulator and npm test build dist/ first). */
function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, "dist", "emulator", "cli.js"), ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    timeout: 20_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("emulator: CLI", function () {
  this.timeout(30_000);

  it("no flags: prints exactly one start-up line (random token, my-company), serves, exits 0 on SIGTERM", async () => {
    const cli = await spawnEmulatorCli([]);
    try {
      assert.match(
        cli.line,
        /^buddy-emulator listening on http:\/\/127\.0\.0\.1:\d+ token=[0-9a-f]{48} workspace=my-company$/,
      );
      const r = await api<J>(
        { url: cli.url, token: cli.token },
        "GET",
        "/workspaces/my-company/projects/my-project/pipelines",
      );
      assert.equal(r.status, 200);
      assert.deepEqual(
        r.body.pipelines.map((p: J) => p.name),
        ["build-and-deploy", "release"],
      );
    } finally {
      const exit = await cli.stop("SIGTERM");
      assert.deepEqual(exit, { code: 0, signal: null });
    }
    assert.equal(cli.stdout(), `${cli.line}\n`, "stdout holds the start-up line only");
  });

  it("flags: --token with scopes (repeatable), --workspace, --rate-limit, --seed, --data; SIGINT exits 0 after persisting", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "buddy-emulator-cli-"));
    try {
      const seedFile = path.join(dir, "seed.json");
      fs.writeFileSync(
        seedFile,
        JSON.stringify({
          workspaces: [
            { name: "acme", projects: [{ name: "web", display_name: "Web", pipelines: [{ id: 7, name: "deploy" }] }] },
          ],
        }),
      );
      const dataFile = path.join(dir, "data.json");
      const cli = await spawnEmulatorCli([
        "--port",
        "0",
        "--host",
        "127.0.0.1",
        "--token",
        "READER:EXECUTION_INFO",
        "--token",
        "WRITER",
        "--workspace",
        "acme",
        "--seed",
        seedFile,
        "--data",
        dataFile,
        "--rate-limit",
        "50",
        "--fault-rate",
        "0",
        "--fault-kinds",
        "500,drop",
        "--latency-ms",
        "5",
        "--quiet",
      ]);
      let id: number;
      try {
        assert.equal(cli.token, "READER");
        assert.equal(cli.workspace, "acme");
        const p = actionsPath("acme", "web", 7);
        const denied = await api<J>({ url: cli.url, token: "READER" }, "POST", p, ksiBody());
        assert.equal(denied.status, 403);
        const created = await api<J>({ url: cli.url, token: "WRITER" }, "POST", p, ksiBody());
        assert.equal(created.status, 201);
        id = created.body.id;
        const read = await api<J>({ url: cli.url, token: "READER" }, "GET", `${p}/${id}`);
        assert.equal(read.status, 200);
        assert.equal(read.headers.get("x-rate-limit-limit"), "50");
        const faults = await (await fetch(`${cli.url}/__emulator/faults`)).json();
        assert.deepEqual(faults, { rate: 0, kinds: ["500", "drop"], latencyMs: 5 });
      } finally {
        assert.deepEqual(await cli.stop("SIGINT"), { code: 0, signal: null });
      }
      const saved = JSON.parse(fs.readFileSync(dataFile, "utf8"));
      const ws = saved.workspaces.find((w: J) => w.name === "acme");
      assert.equal(ws.projects[0].pipelines[0].actions[0].id, id);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("--help prints usage and exits 0; a bad flag exits 2 with the message and the usage on stderr", () => {
    // The compiled bin, as `npx buddy-emulator` runs it: two spawns of plain node, no ts-node.
    const help = runCli(["--help"]);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: buddy-emulator/);
    assert.match(help.stdout, /--fault-kinds/);
    const bad = runCli(["--nope"]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /Unknown option[\s\S]*Usage: buddy-emulator/);
    assert.equal(bad.stdout, "");
  });

  it("argument parsing (in-process): each bad flag is refused with a message naming it", () => {
    for (const [args, re] of [
      [["--nope"], /Unknown option/],
      [["--port", "abc"], /--port/],
      [["--port", "70000"], /--port must be at most 65535/],
      [["--fault-rate", "0.5"], /--fault-kinds/],
      [["--fault-rate", "2", "--fault-kinds", "500"], /--fault-rate/],
      [["--fault-rate", "0.1", "--fault-kinds", "teapot"], /unknown kind/],
      [["--rate-limit", "0"], /--rate-limit/],
      [["--seed", "/nonexistent/seed.json"], /--seed/],
      [["--latency-ms", "5"], /need --fault-rate/],
      [["--token", ":EXECUTION_INFO"], /the token is empty/],
    ] as [string[], RegExp][]) {
      assert.throws(() => optionsFromArgs(args), re, args.join(" "));
    }
  });

  it("argument parsing (in-process): flags become the options startEmulator takes", () => {
    assert.equal(optionsFromArgs(["--help"]), "help");
    assert.deepEqual(optionsFromArgs([]), { quiet: false, port: undefined });
    assert.deepEqual(
      optionsFromArgs([
        "--port",
        "8080",
        "--host",
        "0.0.0.0",
        "--token",
        "R:execution_info, pipeline_read",
        "--token",
        "W",
        "--workspace",
        "acme",
        "--rate-limit",
        "5",
        "--fault-rate",
        "0.25",
        "--fault-kinds",
        "500, drop",
        "--latency-ms",
        "7",
        "--fault-seed=-3",
        "--quiet",
      ]),
      {
        quiet: true,
        port: 8080,
        host: "0.0.0.0",
        tokens: [
          { token: "R", scopes: ["EXECUTION_INFO", "PIPELINE_READ"] },
          { token: "W", scopes: [...ALL_SCOPES] },
        ],
        workspace: "acme",
        rateLimit: 5,
        faults: { rate: 0.25, kinds: ["500", "drop"], latencyMs: 7, seed: -3 },
      },
    );
  });
});

// The provider plugin's gRPC server, called as the engine calls it (Pulumi's own generated client), against the
// emulator over HTTP: configure delivers the token, an import's read (no properties) returns the action's inputs, and
// secrets go back wrapped. Also why the plugin has its own server: the SDK's fails that same read.
import * as assert from "assert";
import { spawn } from "child_process";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";
import { buddyPlugin } from "../../../provider/plugin/provider";
import { grpc, listen, provproto, provrpc, SECRET_SIG, SIG_KEY, structproto } from "../../../provider/plugin/rpc";
import { useEmulator } from "../../helpers/emulator";

const SECRET = { [SIG_KEY]: SECRET_SIG };
const SLACK = "buddy:index:SlackAction";
const urnOf = (type: string, name: string): string => `urn:pulumi:dev::proj::${type}::${name}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Client = any;

function call<T>(client: Client, method: string, req: unknown): Promise<T> {
  return new Promise((resolve, reject) =>
    client[method](req, (err: Error | null, resp: T) => (err ? reject(err) : resolve(resp))),
  );
}

function readRequest(type: string, id: string): unknown {
  const req = new provproto.ReadRequest();
  req.setId(id);
  req.setUrn(urnOf(type, "imported"));
  return req; // no properties, no inputs: what `pulumi import` sends
}

describe("provider plugin: the gRPC server against the emulator", function () {
  this.timeout(60_000);
  const ctx = useEmulator();
  let client: Client;
  let server: grpcTypes.Server;

  before(async () => {
    const listening = await listen(buddyPlugin());
    server = listening.server;
    client = new provrpc.ResourceProviderClient(`127.0.0.1:${listening.port}`, grpc.credentials.createInsecure());
    const configure = new provproto.ConfigureRequest();
    configure.setArgs(
      structproto.Struct.fromJavaScript({ token: { ...SECRET, value: ctx.emu.token }, baseUrl: ctx.emu.url }),
    );
    configure.setAcceptsecrets(true);
    const resp = await call<{ getAcceptsecrets(): boolean }>(client, "configure", configure);
    assert.strictEqual(resp.getAcceptsecrets(), true);
  });

  after(() => {
    client?.close();
    server?.forceShutdown();
  });

  it("import: a read without properties returns the action's inputs (with its location) and outputs", async () => {
    const made = ctx.emu.admin.addAction(ctx.emu.workspace, "my-project", 1, {
      type: "SLACK",
      name: "Made by hand",
      channel: "C0999",
      content: "hello",
      integration: { identifier: "slack" },
    });
    const id = `${ctx.emu.workspace}/my-project/1/${String(made.id)}`;
    const resp = await call<{ getId(): string; getProperties(): structTypes.Struct; getInputs(): structTypes.Struct }>(
      client,
      "read",
      readRequest(SLACK, id),
    );
    assert.strictEqual(resp.getId(), id);
    const inputs = resp.getInputs().toJavaScript();
    assert.strictEqual(inputs.workspace, ctx.emu.workspace);
    assert.strictEqual(inputs.pipelineId, 1);
    assert.strictEqual(inputs.channel, "C0999");
    assert.strictEqual(inputs.name, "Made by hand");
    assert.strictEqual(inputs.actionId, undefined, "a server output is not an input");
    assert.strictEqual(inputs.__spec, undefined, "the token names the spec; __spec stays out of the state");
    assert.strictEqual(resp.getProperties().toJavaScript().actionId, made.id);
  });

  it("import of an action of another type is refused with the type to use", async () => {
    const made = ctx.emu.admin.addAction(ctx.emu.workspace, "my-project", 1, {
      type: "SLEEP",
      name: "Nap",
      sleep_in_sec: 5,
    });
    const id = `${ctx.emu.workspace}/my-project/1/${String(made.id)}`;
    await assert.rejects(call(client, "read", readRequest(SLACK, id)), /is of type "SLEEP", not SLACK/);
  });

  it("check returns a credential as a secret even when the program passed it in plain text", async () => {
    const req = new provproto.CheckRequest();
    req.setUrn(urnOf("buddy:index:DiscordAction", "d"));
    req.setOlds(structproto.Struct.fromJavaScript({}));
    req.setNews(
      structproto.Struct.fromJavaScript({
        workspace: ctx.emu.workspace,
        projectName: "my-project",
        pipelineId: 1,
        name: "Tell Discord",
        notificationUrl: "https://discord.example/hook",
      }),
    );
    const resp = await call<{ getInputs(): structTypes.Struct; getFailuresList(): unknown[] }>(client, "check", req);
    assert.deepStrictEqual(resp.getFailuresList(), []);
    assert.deepStrictEqual(resp.getInputs().toJavaScript().notificationUrl, {
      ...SECRET,
      value: "https://discord.example/hook",
    });
    assert.strictEqual(resp.getInputs().toJavaScript().name, "Tell Discord");
  });

  it("check names the property and the rule, as the dynamic resources do", async () => {
    const req = new provproto.CheckRequest();
    req.setUrn(urnOf(SLACK, "s"));
    req.setOlds(structproto.Struct.fromJavaScript({}));
    req.setNews(
      structproto.Struct.fromJavaScript({ workspace: ctx.emu.workspace, projectName: "my-project", pipelineId: 0 }),
    );
    const resp = await call<{ getFailuresList(): Array<{ getProperty(): string; getReason(): string }> }>(
      client,
      "check",
      req,
    );
    const failures = resp.getFailuresList().map((f) => `${f.getProperty()}: ${f.getReason()}`);
    assert.ok(
      failures.some((f) => /^pipelineId: /.test(f)),
      failures.join("\n"),
    );
    assert.ok(
      failures.some((f) => /^name: /.test(f)),
      failures.join("\n"),
    );
  });

  it("the SDK's own provider server (@pulumi/pulumi/provider main) fails that import read", async () => {
    // A minimal provider on the SDK's `main`, the way the toy provider of issue 18 was written.
    const child = spawn(
      process.execPath,
      [
        "-e",
        `require("@pulumi/pulumi/provider").main({ version: "0.0.1", read: async (id) => ({ id, props: {} }) }, [])`,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    try {
      const port = await new Promise<string>((resolve, reject) => {
        child.stdout.once("data", (d: Buffer) => resolve(d.toString().trim()));
        child.once("exit", (code) => reject(new Error(`the SDK provider exited ${code}`)));
      });
      const sdkClient = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
      await assert.rejects(
        call(sdkClient, "read", readRequest("toy:index:Thing", "x")),
        /Cannot read properties of undefined \(reading 'toJavaScript'\)/,
      );
      sdkClient.close();
    } finally {
      child.kill();
    }
  });
});

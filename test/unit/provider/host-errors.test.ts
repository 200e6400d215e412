// Issue 16 item 8: why errors printed twice with a stack. Pulumi's dynamic provider host (@pulumi/pulumi
// cmd/dynamic-provider/index.js) runs `console.error(`${e}: ${e.stack}`)` when check, diff, read or delete throws,
// then returns the error over gRPC; the engine shows every stderr line. These tests do what the host does with the
// provider's errors and look at stderr.
import * as assert from "assert";
import { ProviderConfig } from "../../../provider/config";
import { forHost } from "../../../provider/engine/host-errors";
import { actionProvider } from "../../../provider/engine/provider";
import { processSink } from "../../../provider/log";
import { pipelineProvider } from "../../../provider/pipelines/provider";
import { freshProvider } from "../../helpers/provider";
import * as fx from "./fixtures";

/** Runs `fn` with what it writes to stderr kept in `written` instead. */
async function capturingStderr<T>(written: string[], fn: () => Promise<T>): Promise<T> {
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    return await fn();
  } finally {
    process.stderr.write = write;
  }
}

/** Runs `fn` as the host runs a check/diff/read/delete: the error echoed to stderr, then handed on. */
async function asTheHost(fn: () => Promise<unknown>): Promise<{ error: Error; stderr: string }> {
  const written: string[] = [];
  const error = await capturingStderr(written, () =>
    fn().then(
      () => undefined,
      (e: Error) => {
        console.error(`${e}: ${e.stack}`); // the host's line, verbatim
        return e;
      },
    ),
  );
  if (error === undefined) throw new Error("expected the operation to fail");
  return { error, stderr: written.join("") };
}

describe("errors handed to Pulumi's dynamic provider host", () => {
  it("a read that fails: the host's stderr echo is swallowed; the error is one line without frames", async () => {
    // The provider process's own log (stderr), as the host runs it.
    const provider = freshProvider({ url: "http://127.0.0.1:1", token: "host-errors-token" }, { log: processSink });
    const k8s = fx.providerFor("kubernetes-set-image", provider);
    // An id that parses as nothing: the provider throws before any request.
    const { error, stderr } = await asTheHost(() => k8s.read("not-an-id", { __spec: "kubernetes-set-image" }));
    assert.strictEqual(stderr, "", "nothing reaches stderr");
    assert.doesNotMatch(error.message, /\n/);
    assert.strictEqual(error.stack, `${error.name}: ${error.message}`);
  });

  it("a configure that refuses buddy:baseUrl, then a check: one line each, nothing on stderr", async () => {
    // A provider with a configuration of its own: the refusal it remembers ends with it.
    const k8s = fx.providerFor("kubernetes-set-image", actionProvider(undefined, { config: new ProviderConfig() }));
    const config = { get: (key: string) => (key === "buddy:baseUrl" ? "api.buddy.works" : undefined) };
    const configured = await asTheHost(() => k8s.configure({ config } as never));
    assert.strictEqual(configured.stderr, "");
    assert.match(
      configured.error.message,
      /^buddy:baseUrl must be an absolute http\(s\) URL .*got "api\.buddy\.works"$/,
    );
    // The host configures once per process: the next resource's check must fail the same way.
    const checked = await asTheHost(() => k8s.check({}, { ...fx.seed000Inputs }));
    assert.strictEqual(checked.stderr, "");
    assert.strictEqual(checked.error.message, configured.error.message);
  });

  it("the Pipeline provider: a read and a check that fail are one line each, nothing on stderr", async () => {
    // A configuration of its own, as in the test above: the refusal it remembers ends with it.
    const pipelines = pipelineProvider(() => {
      throw new Error("no request expected\n  at a frame");
    }, new ProviderConfig());
    const read = await asTheHost(() => pipelines.read("not-an-id", {}));
    assert.strictEqual(read.stderr, "");
    assert.doesNotMatch(read.error.message, /\n/);
    assert.strictEqual(read.error.stack, `${read.error.name}: ${read.error.message}`);
    const config = { get: (key: string) => (key === "buddy:baseUrl" ? "api.buddy.works" : undefined) };
    const configured = await asTheHost(() => pipelines.configure({ config } as never));
    assert.strictEqual(configured.stderr, "");
    const checked = await asTheHost(() => pipelines.check({}, { name: "p" }));
    assert.strictEqual(checked.stderr, "");
    assert.strictEqual(checked.error.message, configured.error.message);
    assert.strictEqual(checked.error.stack, `${checked.error.name}: ${checked.error.message}`);
  });

  it("only the echo of an error handed to the host is swallowed; other stderr lines pass", async () => {
    const err = forHost(new Error("first line\n  second line"));
    assert.strictEqual(err.message, "first line second line");
    const written: string[] = [];
    await capturingStderr(written, async () => {
      console.error("something else");
      console.error(`${err}: ${err.stack}`);
      console.error(`${err}: ${err.stack}`); // a second echo of the same error is not the host's: it shows
    });
    assert.deepStrictEqual(written, [
      "something else\n",
      `Error: first line second line: Error: first line second line\n`,
    ]);
  });
});

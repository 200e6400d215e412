// The lookups (getPipeline, getProject) against the emulator over HTTP: found by name through the provider's own
// client, a clear error for none or several, and the Output-returning functions reading the stack's buddy:* config.
import * as assert from "assert";
import { execFile } from "child_process";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { BuddyClient } from "../../../provider/http";
import { findPipeline, findProject, getPipeline, getProject } from "../../../provider/lookups";
import { currentConfig } from "../../../provider/config";
import { api, useEmulator } from "../../helpers/emulator";

/** The value of an Output outside a deployment (apply runs, as in `pulumi up`). */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => {
    output.apply((v) => {
      resolve(v);
      return v;
    });
  });
}

describe("lookups against the emulator", function () {
  this.timeout(30_000);
  const ctx = useEmulator({}, true);
  const client = (): BuddyClient => new BuddyClient({ baseUrl: ctx.emu.url, token: ctx.emu.token });
  const ws = "my-company";

  it("findPipeline: the id and URLs of the pipeline with that name", async () => {
    const p = await findPipeline(client(), { workspace: ws, projectName: "my-project", name: "release" });
    assert.deepStrictEqual(p, {
      id: 2,
      name: "release",
      url: `${ctx.emu.url}/workspaces/${ws}/projects/my-project/pipelines/2`,
      htmlUrl: `https://app.buddy.works/${ws}/my-project/pipelines/pipeline/2`,
      definitionSource: "LOCAL",
      remoteProjectName: undefined,
      remoteRef: undefined,
      remotePath: undefined,
      remoteParameters: [],
      gitConfigRef: "NONE",
      definedInRepository: false,
    });
  });

  it("findPipeline: no such name is an error listing the pipelines there are", async () => {
    await assert.rejects(
      findPipeline(client(), { workspace: ws, projectName: "my-project", name: "relase" }),
      /no pipeline named "relase" in project "my-project" of workspace "my-company" \(it has: "build-and-deploy", "release"\)/,
    );
  });

  it("findPipeline: two pipelines of that name is an error naming both ids", async () => {
    const made = await api<{ id: number }>(ctx.emu, "POST", `/workspaces/${ws}/projects/my-project/pipelines`, {
      name: "release",
    });
    assert.strictEqual(made.status, 201);
    await assert.rejects(
      findPipeline(client(), { workspace: ws, projectName: "my-project", name: "release" }),
      new RegExp(`2 pipelines named "release" .*ids 2, ${made.body.id}`),
    );
  });

  it("findPipeline: a missing project is Buddy's 404 message, not 'no pipeline'", async () => {
    await assert.rejects(
      findPipeline(client(), { workspace: ws, projectName: "nope", name: "release" }),
      (err: Error) => /404/.test(err.message) && /nope/i.test(err.message),
    );
  });

  it("findProject: the project's name, display name and URLs; a missing one is an error naming it", async () => {
    const p = await findProject(client(), { workspace: ws, name: "my-project" });
    assert.deepStrictEqual(p, {
      id: "my-project",
      displayName: "My Project",
      url: `${ctx.emu.url}/workspaces/${ws}/projects/my-project`,
      htmlUrl: `https://app.buddy.works/${ws}/my-project`,
    });
    await assert.rejects(
      findProject(client(), { workspace: ws, name: "nope" }),
      /getProject: no project named "nope" in workspace "my-company"/,
    );
  });

  it("a wrong token fails with Buddy's 401 message, the token itself not in it", async () => {
    const wrong = new BuddyClient({ baseUrl: ctx.emu.url, token: "wrong-token-123" });
    await assert.rejects(
      findPipeline(wrong, { workspace: ws, projectName: "my-project", name: "release" }),
      (err: Error) => /401/.test(err.message) && !err.message.includes("wrong-token-123"),
    );
  });

  describe("getPipeline / getProject read the stack's buddy:* config", () => {
    before(() => {
      pulumi.runtime.setAllConfig({ "buddy:token": ctx.emu.token, "buddy:baseUrl": ctx.emu.url }, ["buddy:token"]);
    });
    after(() => {
      pulumi.runtime.setAllConfig({});
    });

    it("returns the id and URLs as Outputs that are not secret (the token is not part of them)", async () => {
      const p = getPipeline({ workspace: ws, projectName: "my-project", name: "build-and-deploy" });
      assert.strictEqual(await valueOf(p.id), 1);
      assert.strictEqual(await valueOf(p.htmlUrl), `https://app.buddy.works/${ws}/my-project/pipelines/pipeline/1`);
      assert.strictEqual(await pulumi.isSecret(p.id), false);
      const project = getProject({ workspace: ws, name: pulumi.output("my-project") });
      assert.strictEqual(await valueOf(project.displayName), "My Project");
    });

    it("reads the stack's config without setting the provider's (a program process is not a provider)", async () => {
      const saved = process.env.BUDDY_TOKEN;
      delete process.env.BUDDY_TOKEN;
      /** The process's provider configuration as it stands (whatever an earlier test's configure set, or none). */
      const providerConfig = (): unknown => {
        try {
          return currentConfig();
        } catch (err) {
          return (err as Error).message;
        }
      };
      try {
        const before = providerConfig();
        const p = getPipeline({ workspace: ws, projectName: "my-project", name: "build-and-deploy" });
        assert.strictEqual(await valueOf(p.id), 1);
        // The provider's configuration is what configure() set: the lookup's token did not leak into it.
        assert.deepStrictEqual(providerConfig(), before);
        assert.ok(!JSON.stringify(before).includes(ctx.emu.token), JSON.stringify(before));
      } finally {
        if (saved !== undefined) process.env.BUDDY_TOKEN = saved;
      }
    });
  });

  it("a failing lookup's error carries no stack frames, so Pulumi's report of it ends and the program exits", async () => {
    // In its own process with a 192 MB heap: the report of an error with frames looped until that heap ran out
    // (Node.js 20 and 22; provider/program-error.ts). Async, so the in-process emulator keeps answering.
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [
          "--max-old-space-size=192",
          "-r",
          "ts-node/register",
          path.join(__dirname, "lookup-failure-report.ts"),
          ctx.emu.url,
        ],
        { env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" }, timeout: 90_000, maxBuffer: 1 << 20 },
        (err, stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === "number" ? err.code : null) : 0, stdout, stderr }),
      );
    });
    assert.strictEqual(run.code, 0, `the report did not end:\n${run.stdout}\n${run.stderr.slice(0, 2000)}`);
    assert.match(
      run.stdout,
      /getProject: Buddy API GET \/workspaces\/my-company\/projects\/my-project failed with 401/,
    );
    assert.doesNotMatch(run.stdout, /^\s+at /m, "a stack frame");
  });
});

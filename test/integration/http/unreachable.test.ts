// Issue 9 item 9: an endpoint where nothing listens (connection refused) fails after a few attempts, and the
// retries of a resource operation are reported in one line with a count, not one warning per attempt.
import * as assert from "assert";
import { BuddyClient } from "../../../provider/http";
import { noteRetry, withRetryReport } from "../../../provider/http/retry-report";
import { freshProvider } from "../../helpers/provider";
import * as fx from "../../unit/provider/fixtures";
import { refusedUrl } from "../../helpers/ports";

describe("an unreachable endpoint (connection refused)", function () {
  this.timeout(60_000);
  let url: string;
  before(async () => {
    url = await refusedUrl();
  });

  it("is retried 3 times in all, not 10, and the error says so", async () => {
    const logs: string[] = [];
    const client = new BuddyClient({
      baseUrl: url,
      token: "t0ken-unreachable",
      baseDelayMs: 1,
      log: (_l, m) => logs.push(m),
    });
    await assert.rejects(client.get("/workspaces/w"), /failed after 3 attempts .*ECONNREFUSED/);
    assert.strictEqual(logs.length, 2, "outside an operation each retry is one line");
  });

  it("inside a resource operation the retries make one summary line with their count", async () => {
    const logs: string[] = [];
    const lines: string[] = [];
    const client = new BuddyClient({
      baseUrl: url,
      token: "t0ken-unreachable",
      baseDelayMs: 1,
      log: (_l, m) => logs.push(m),
      reportRetry: noteRetry,
    });
    await assert.rejects(
      withRetryReport(
        "read of X",
        (l) => lines.push(l),
        () => client.get("/workspaces/w"),
      ),
    );
    assert.deepStrictEqual(logs, []);
    assert.deepStrictEqual(lines, ["read of X: 2 retries of Buddy API requests (ECONNREFUSED ×2), then failed"]);
  });

  it("the provider reports one warning per resource operation, naming the resource", async () => {
    const lines: string[] = [];
    const log = (level: string, message: string): number => lines.push(`${level}: ${message}`);
    const provider = fx.providerFor(
      "kubernetes-set-image",
      freshProvider({ url, token: "t0ken-unreachable" }, { log }),
    );
    const id = "my-company/my-project/1/7";
    await assert.rejects(provider.read(id, { ...fx.seed000Inputs, __spec: "kubernetes-set-image" }), /ECONNREFUSED/);
    await assert.rejects(provider.delete(id, { ...fx.seed000Inputs, __spec: "kubernetes-set-image" }), /ECONNREFUSED/);
    assert.deepStrictEqual(lines, [
      `warn: read of KubernetesSetImageAction ${id}: 2 retries of Buddy API requests (ECONNREFUSED ×2), then failed`,
      `warn: delete of KubernetesSetImageAction ${id}: 2 retries of Buddy API requests (ECONNREFUSED ×2), then failed`,
    ]);
  });
});

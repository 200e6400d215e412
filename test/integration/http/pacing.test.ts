/**
 * The client's pacing against the emulator's rate limit, over real HTTP: many concurrent requests go at the
 * server's limit and the server does not have to refuse them (a refused request waits a whole window).
 */
import * as assert from "assert";
import { BuddyClient } from "../../../provider/http";
import { useEmulator } from "../../helpers/emulator";

describe("http client pacing against a rate-limited emulator", function () {
  this.timeout(30_000);
  const LIMIT = 4;
  const ctx = useEmulator({ rateLimit: LIMIT });

  it(`16 concurrent requests at ${LIMIT} per second: no 429`, async () => {
    const { emu } = ctx;
    emu.admin.clearRequests();
    const client = new BuddyClient({ baseUrl: emu.url, token: emu.token });
    const path = `/workspaces/${emu.workspace}/projects/my-project/pipelines/1/actions`;
    await Promise.all(Array.from({ length: 16 }, () => client.get(path)));
    const requests = emu.admin.requests();
    assert.strictEqual(requests.filter((r) => r.status === 429).length, 0, `${requests.length} requests`);
    assert.strictEqual(requests.length, 16);
  });
});

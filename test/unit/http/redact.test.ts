import * as assert from "assert";
import { BuddyApiError } from "../../../provider/http/errors";
import { REDACTED, clearSecretsForTests, redact, registerSecret } from "../../../provider/http/redact";

describe("http/redact", () => {
  const token = "tok_3f9a+b/c=d&e";
  beforeEach(() => clearSecretsForTests());
  after(() => clearSecretsForTests());

  it("removes a registered token embedded in a server's error body, in every encoding", () => {
    registerSecret(token);
    const body = JSON.stringify({ errors: [{ message: `invalid token ${token}` }], echo: { authorization: token } });
    const text = `${body} url=https://x/?t=${encodeURIComponent(token)} raw=${token}`;
    const out = redact(text);
    assert.ok(!out.includes(token), out);
    assert.ok(!out.includes(encodeURIComponent(token)), out);
    assert.ok(out.includes(REDACTED));
  });

  it("removes any Bearer credential, even one never registered", () => {
    const out = redact('headers: {"Authorization":"Bearer abc.DEF-123_x~y+z/="} and bearer  other');
    assert.ok(!out.includes("abc.DEF"), out);
    assert.ok(!out.includes("other"), out);
    assert.match(out, /Bearer \[redacted\]/);
  });

  it("redacts extra values passed by the caller and leaves other text alone", () => {
    assert.strictEqual(
      redact("GET /workspaces/w failed: s3cr3t leaked", ["s3cr3t"]),
      `GET /workspaces/w failed: ${REDACTED} leaked`,
    );
    assert.strictEqual(redact("nothing to hide"), "nothing to hide");
  });

  it("a very short secret is redacted where it stands alone, not inside other words", () => {
    registerSecret("t0k");
    assert.strictEqual(
      redact('token "t0k" in Bearer-less text; at0ka stays'),
      `token "${REDACTED}" in Bearer-less text; at0ka stays`,
    );
  });

  it("BuddyApiError redacts its message and messages", () => {
    registerSecret(token);
    const e = new BuddyApiError({
      status: 401,
      method: "GET",
      path: "/workspaces",
      kind: "not-allowed",
      ambiguous: false,
      messages: [`bad token ${token}`],
      detail: `failed with 401: bad token ${token}`,
    });
    assert.ok(!e.message.includes(token) && !e.messages[0].includes(token) && !String(e.stack).includes(token));
  });
});

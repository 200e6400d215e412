import * as assert from "assert";
import { BuddyApiError } from "../../../provider/http/errors";
import { REDACTED, Redactor, registerSecret } from "../../../provider/http/redact";

describe("http/redact", () => {
  const token = "tok_3f9a+b/c=d&e";
  /** The rules, on a redactor of the test's own (the process's one keeps what every test registered). */
  let r: Redactor;
  beforeEach(() => (r = new Redactor()));

  it("removes a registered token embedded in a server's error body, in every encoding", () => {
    r.register(token);
    const body = JSON.stringify({ errors: [{ message: `invalid token ${token}` }], echo: { authorization: token } });
    const text = `${body} url=https://x/?t=${encodeURIComponent(token)} raw=${token}`;
    const out = r.redact(text);
    assert.ok(!out.includes(token), out);
    assert.ok(!out.includes(encodeURIComponent(token)), out);
    assert.ok(out.includes(REDACTED));
  });

  it("removes any Bearer credential, even one never registered", () => {
    const out = r.redact('headers: {"Authorization":"Bearer abc.DEF-123_x~y+z/="} and bearer  other');
    assert.ok(!out.includes("abc.DEF"), out);
    assert.ok(!out.includes("other"), out);
    assert.match(out, /Bearer \[redacted\]/);
  });

  it("redacts extra values passed by the caller and leaves other text alone", () => {
    assert.strictEqual(
      r.redact("GET /workspaces/w failed: s3cr3t leaked", ["s3cr3t"]),
      `GET /workspaces/w failed: ${REDACTED} leaked`,
    );
    assert.strictEqual(r.redact("nothing to hide"), "nothing to hide");
  });

  it("a very short secret is redacted where it stands alone, not inside other words", () => {
    r.register("t0k");
    assert.strictEqual(
      r.redact('token "t0k" in Bearer-less text; at0ka stays'),
      `token "${REDACTED}" in Bearer-less text; at0ka stays`,
    );
  });

  it("a secret holding another registered secret goes whole, whichever was registered first", () => {
    const kubeconfig = "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: S3CRET-c2VjcmV0";
    r.register("apiVersion: v1"); // e.g. another resource's secret, met earlier by the process
    r.register(kubeconfig);
    assert.strictEqual(r.redact(`echo: ${kubeconfig}`), `echo: ${REDACTED}`);
  });

  it("BuddyApiError redacts its message and messages (the process's secrets)", () => {
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

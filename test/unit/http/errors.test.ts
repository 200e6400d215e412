import * as assert from "assert";
import {
  BuddyApiError,
  classifyNetworkError,
  classifyStatus,
  errorMessagesFromBody,
} from "../../../provider/http/errors";

describe("http/errors", () => {
  describe("classifyStatus", () => {
    const table: Array<[number, string[], string]> = [
      [400, ["You can't change the type of an existing action."], "validation"],
      [422, [], "validation"],
      [409, [], "validation"],
      [401, [], "not-allowed"],
      [403, [], "not-allowed"],
      [403, ["API is disabled in this workspace"], "not-allowed"],
      [403, ["Only active workspace have access to API"], "not-allowed"],
      // Whatever status they come with, these never mean "deleted".
      [404, ["API is disabled in this workspace"], "not-allowed"],
      [400, ["Only active workspace have access to API"], "not-allowed"],
      [404, ["Action not found"], "not-found"],
      [404, [], "not-found"],
      [429, [], "rate-limited"],
      [500, [], "server"],
      [502, [], "server"],
      [503, [], "server"],
      [504, [], "server"],
    ];
    for (const [status, messages, kind] of table) {
      it(`${status} ${JSON.stringify(messages)} → ${kind}`, () =>
        assert.strictEqual(classifyStatus(status, messages), kind));
    }
  });

  describe("classifyNetworkError", () => {
    const err = (code: string, message = "x") => Object.assign(new Error(message), { code });
    const table: Array<[unknown, { retryable: boolean; maybeSent: boolean }]> = [
      [err("ECONNREFUSED"), { retryable: true, maybeSent: false }],
      [err("EAI_AGAIN"), { retryable: true, maybeSent: false }],
      [err("ECONNRESET", "socket hang up"), { retryable: true, maybeSent: true }],
      [err("EPIPE"), { retryable: true, maybeSent: true }],
      [err("ETIMEDOUT"), { retryable: true, maybeSent: true }],
      [new Error("request failed, reason: socket hang up"), { retryable: true, maybeSent: true }],
      [err("ENOTFOUND"), { retryable: false, maybeSent: false }],
      [err("DEPTH_ZERO_SELF_SIGNED_CERT"), { retryable: false, maybeSent: false }],
      [err("ESOMETHINGNEW"), { retryable: false, maybeSent: true }],
    ];
    for (const [e, expected] of table) {
      it(`${(e as { code?: string }).code ?? (e as Error).message}`, () => {
        const got = classifyNetworkError(e);
        assert.deepStrictEqual({ retryable: got.retryable, maybeSent: got.maybeSent }, expected);
      });
    }
  });

  describe("errorMessagesFromBody", () => {
    it("returns Buddy's messages verbatim, joined with '; '", () => {
      const r = errorMessagesFromBody(JSON.stringify({ errors: [{ message: "first" }, { message: "second" }] }));
      assert.deepStrictEqual(r, { messages: ["first", "second"], detail: "first; second" });
    });
    it("describes a non-JSON body with a short snippet", () => {
      const r = errorMessagesFromBody(`<html><body>${"Bad gateway ".repeat(50)}</body></html>`);
      assert.deepStrictEqual(r.messages, []);
      assert.match(r.detail, /^unexpected response \(not JSON\): "<html><body>Bad gateway/);
      assert.ok(r.detail.length < 260, r.detail);
    });
    it("describes a JSON body without errors", () => {
      assert.strictEqual(
        errorMessagesFromBody('{"status":"bad"}').detail,
        'response carried no error message: "{\\"status\\":\\"bad\\"}"',
      );
      assert.strictEqual(errorMessagesFromBody("").detail, "unexpected response (not JSON): (empty body)");
      assert.strictEqual(
        errorMessagesFromBody('{"errors":[]}').detail,
        'response carried no error message: "{\\"errors\\":[]}"',
      );
    });
  });

  it("BuddyApiError carries method, path, status, kind and the documented message format", () => {
    const e = new BuddyApiError({
      status: 400,
      method: "PATCH",
      path: "/workspaces/w/projects/p/pipelines/1/actions/7",
      messages: [
        "You can't change the type of an existing action.",
        "To change the type, remove the action and add it again.",
      ],
      kind: "validation",
      ambiguous: false,
      detail:
        "failed with 400: You can't change the type of an existing action.; To change the type, remove the action and add it again.",
    });
    assert.ok(e instanceof Error);
    assert.strictEqual(e.name, "BuddyApiError");
    assert.strictEqual(
      e.message,
      "Buddy API PATCH /workspaces/w/projects/p/pipelines/1/actions/7 failed with 400: You can't change the type of an existing action.; To change the type, remove the action and add it again.",
    );
    assert.deepStrictEqual(
      [e.status, e.method, e.kind, e.ambiguous, e.messages.length],
      [400, "PATCH", "validation", false, 2],
    );
  });
});

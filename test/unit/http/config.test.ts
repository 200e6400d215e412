import * as assert from "assert";
import type { ConfigureRequest } from "@pulumi/pulumi/dynamic";
import { clearSecretsForTests } from "../../../provider/http/redact";
import {
  DEFAULT_BASE_URL,
  assertConfigured,
  configureFromPulumi,
  currentConfig,
  resetConfigForTests,
} from "../../../provider/config";

/** The shape cmd/dynamic-provider builds: raw config keyed "namespace:key", secrets already unwrapped. */
function request(raw: Record<string, unknown>): ConfigureRequest {
  const get = (key: string): string | undefined => raw[key] as string | undefined;
  return {
    config: {
      get,
      require: (key: string) => {
        const v = get(key);
        if (v === undefined) throw new Error(key);
        return v;
      },
    },
  };
}

describe("provider/config", () => {
  const saved = { ...process.env };
  beforeEach(() => {
    delete process.env.BUDDY_TOKEN;
    delete process.env.BUDDY_BASE_URL;
    delete process.env.BUDDY_INSECURE;
    resetConfigForTests();
  });
  after(() => {
    process.env = saved;
    resetConfigForTests();
    clearSecretsForTests();
  });

  it("defaults: api.buddy.works, TLS verified", () => {
    process.env.BUDDY_TOKEN = "env-token";
    assert.deepStrictEqual(currentConfig(), { baseUrl: DEFAULT_BASE_URL, token: "env-token", insecure: false });
  });

  it("environment beats the default, trailing slashes trimmed", () => {
    Object.assign(process.env, {
      BUDDY_TOKEN: "env-token",
      BUDDY_BASE_URL: "https://buddy.example.com/api/",
      BUDDY_INSECURE: "true",
    });
    assert.deepStrictEqual(currentConfig(), {
      baseUrl: "https://buddy.example.com/api",
      token: "env-token",
      insecure: true,
    });
  });

  it("stack config (configure) beats the environment, field by field", () => {
    Object.assign(process.env, {
      BUDDY_TOKEN: "env-token",
      BUDDY_BASE_URL: "https://env.example.com",
      BUDDY_INSECURE: "true",
    });
    configureFromPulumi(request({ "buddy:token": "cfg-token", "buddy:insecure": "false" }));
    assert.deepStrictEqual(currentConfig(), {
      baseUrl: "https://env.example.com",
      token: "cfg-token",
      insecure: false,
    });
    configureFromPulumi(request({ "buddy:baseUrl": "https://api.eu.buddy.works//" }));
    assert.deepStrictEqual(currentConfig(), {
      baseUrl: "https://api.eu.buddy.works",
      token: "env-token",
      insecure: true,
    });
  });

  it("accepts typed (boolean) config values as well as strings", () => {
    configureFromPulumi(request({ "buddy:token": "cfg-token-2", "buddy:insecure": true }));
    assert.strictEqual(currentConfig().insecure, true);
  });

  it("a missing token is a clear error naming buddy:token and BUDDY_TOKEN", () => {
    configureFromPulumi(request({ "buddy:baseUrl": "https://x.example.com" }));
    assert.throws(
      () => currentConfig(),
      (e: Error) => /buddy:token/.test(e.message) && /BUDDY_TOKEN/.test(e.message),
    );
  });

  it("rejects a malformed base URL or insecure flag, naming the setting, without echoing a token", () => {
    assert.throws(
      () => configureFromPulumi(request({ "buddy:baseUrl": "api.buddy.works" })),
      /buddy:baseUrl must be an absolute/,
    );
    assert.throws(
      () => configureFromPulumi(request({ "buddy:baseUrl": "https://user:pw@host" })),
      /must not contain credentials/,
    );
    assert.throws(
      () => configureFromPulumi(request({ "buddy:insecure": "maybe" })),
      /buddy:insecure must be true or false/,
    );
    resetConfigForTests();
    Object.assign(process.env, { BUDDY_TOKEN: "env-token-3", BUDDY_INSECURE: "perhaps" });
    assert.throws(() => currentConfig(), /BUDDY_INSECURE must be true or false/);
  });

  it("a refused stack config stays refused: no fallback to the environment or the default endpoint", () => {
    // Pulumi's host calls configure once per provider process; the next resources must not run on BUDDY_*.
    Object.assign(process.env, { BUDDY_TOKEN: "env-token-4", BUDDY_BASE_URL: "https://api.eu.buddy.works" });
    assert.throws(() => configureFromPulumi(request({ "buddy:baseUrl": "api.buddy.works" })), /absolute/);
    assert.throws(() => currentConfig(), /buddy:baseUrl must be an absolute http\(s\) URL .*got "api\.buddy\.works"/);
    assert.throws(() => assertConfigured(), /buddy:baseUrl must be an absolute/);
    configureFromPulumi(request({ "buddy:baseUrl": "https://x.example.com" }));
    assert.strictEqual(currentConfig().baseUrl, "https://x.example.com");
  });

  it("resetConfigForTests sets or clears the configured values", () => {
    resetConfigForTests({ token: "reset-token", baseUrl: "http://127.0.0.1:1/" });
    assert.deepStrictEqual(currentConfig(), { baseUrl: "http://127.0.0.1:1", token: "reset-token", insecure: false });
    resetConfigForTests();
    assert.throws(() => currentConfig(), /BUDDY_TOKEN/);
  });
});

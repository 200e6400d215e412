import * as assert from "assert";
import type { ConfigureRequest } from "@pulumi/pulumi/dynamic";
import { DEFAULT_BASE_URL, ProviderConfig, configureFromPulumi, currentConfig } from "../../../provider/config";

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
  /** Each test's provider configuration, as a new provider process starts with. */
  let config: ProviderConfig;
  const configure = (req: ConfigureRequest): void => config.configure((key) => req.config.get(key));
  const current = (): ReturnType<ProviderConfig["current"]> => config.current();
  beforeEach(() => {
    delete process.env.BUDDY_TOKEN;
    delete process.env.BUDDY_BASE_URL;
    delete process.env.BUDDY_INSECURE;
    config = new ProviderConfig();
  });
  after(() => {
    process.env = saved;
  });

  it("defaults: api.buddy.works, TLS verified", () => {
    process.env.BUDDY_TOKEN = "env-token";
    assert.deepStrictEqual(current(), { baseUrl: DEFAULT_BASE_URL, token: "env-token", insecure: false });
  });

  it("environment beats the default, trailing slashes trimmed", () => {
    Object.assign(process.env, {
      BUDDY_TOKEN: "env-token",
      BUDDY_BASE_URL: "https://buddy.example.com/api/",
      BUDDY_INSECURE: "true",
    });
    assert.deepStrictEqual(current(), {
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
    configure(request({ "buddy:token": "cfg-token", "buddy:insecure": "false" }));
    assert.deepStrictEqual(current(), {
      baseUrl: "https://env.example.com",
      token: "cfg-token",
      insecure: false,
    });
    configure(request({ "buddy:baseUrl": "https://api.eu.buddy.works//" }));
    assert.deepStrictEqual(current(), {
      baseUrl: "https://api.eu.buddy.works",
      token: "env-token",
      insecure: true,
    });
  });

  it("accepts typed (boolean) config values as well as strings", () => {
    configure(request({ "buddy:token": "cfg-token-2", "buddy:insecure": true }));
    assert.strictEqual(current().insecure, true);
  });

  it("a missing token is a clear error naming buddy:token and BUDDY_TOKEN", () => {
    configure(request({ "buddy:baseUrl": "https://x.example.com" }));
    assert.throws(
      () => current(),
      (e: Error) => /buddy:token/.test(e.message) && /BUDDY_TOKEN/.test(e.message),
    );
  });

  it("rejects a malformed base URL or insecure flag, naming the setting, without echoing a token", () => {
    assert.throws(
      () => configure(request({ "buddy:baseUrl": "api.buddy.works" })),
      /buddy:baseUrl must be an absolute/,
    );
    assert.throws(
      () => configure(request({ "buddy:baseUrl": "https://user:pw@host" })),
      /must not contain credentials/,
    );
    assert.throws(() => configure(request({ "buddy:insecure": "maybe" })), /buddy:insecure must be true or false/);
    config = new ProviderConfig();
    Object.assign(process.env, { BUDDY_TOKEN: "env-token-3", BUDDY_INSECURE: "perhaps" });
    assert.throws(() => current(), /BUDDY_INSECURE must be true or false/);
  });

  it("a refused stack config stays refused: no fallback to the environment or the default endpoint", () => {
    // Pulumi's host calls configure once per provider process; the next resources must not run on BUDDY_*.
    Object.assign(process.env, { BUDDY_TOKEN: "env-token-4", BUDDY_BASE_URL: "https://api.eu.buddy.works" });
    assert.throws(() => configure(request({ "buddy:baseUrl": "api.buddy.works" })), /absolute/);
    assert.throws(() => current(), /buddy:baseUrl must be an absolute http\(s\) URL .*got "api\.buddy\.works"/);
    assert.throws(() => config.assertConfigured(), /buddy:baseUrl must be an absolute/);
    configure(request({ "buddy:baseUrl": "https://x.example.com" }));
    assert.strictEqual(current().baseUrl, "https://x.example.com");
  });

  it("ProviderConfig.withValues is what configure leaves for those stack values; a new configuration has none", () => {
    const given = ProviderConfig.withValues({ token: "given-token", baseUrl: "http://127.0.0.1:1/" });
    assert.deepStrictEqual(given.current(), { baseUrl: "http://127.0.0.1:1", token: "given-token", insecure: false });
    assert.throws(() => new ProviderConfig().current(), /BUDDY_TOKEN/);
  });

  it("one provider's configuration is its own: another's refusal or values do not reach it", () => {
    const other = new ProviderConfig();
    assert.throws(
      () => other.configure((key) => (key === "buddy:baseUrl" ? "api.buddy.works" : undefined)),
      /absolute/,
    );
    configure(request({ "buddy:token": "own-token", "buddy:baseUrl": "https://own.example.com" }));
    assert.deepStrictEqual(current(), { baseUrl: "https://own.example.com", token: "own-token", insecure: false });
    assert.throws(() => other.current(), /buddy:baseUrl must be an absolute/);
  });

  it("the process's configuration is the one the engine's configure fills (configureFromPulumi)", () => {
    process.env.BUDDY_TOKEN = "env-token-5";
    configureFromPulumi(request({ "buddy:baseUrl": "https://process.example.com" }));
    assert.deepStrictEqual(currentConfig(), {
      baseUrl: "https://process.example.com",
      token: "env-token-5",
      insecure: false,
    });
    configureFromPulumi(request({}));
  });
});

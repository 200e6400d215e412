// A fresh action provider, as a new provider process would be: its own engine state (what it learnt of each pipeline),
// configured as the engine's configure would for a server and token, with the log sink and clock a test gives it.
import type { ConfigureRequest } from "@pulumi/pulumi/dynamic";
import { ProviderConfig } from "../../provider/config";
import { ActionProvider, actionProvider } from "../../provider/engine/provider";
import { EngineOptions } from "../../provider/engine/state";

export interface Server {
  url: string;
  token: string;
}

/** The provider for `server`; `options.log` defaults to dropping every line (tests read what they assert). */
export function freshProvider(server: Server, options: EngineOptions = {}): ActionProvider {
  return actionProvider(undefined, {
    config: ProviderConfig.withValues({ baseUrl: server.url, token: server.token }),
    log: () => undefined,
    ...options,
  });
}

/** The request the engine's configure sends for these stack values (`provider.configure(stackConfig(...))`). */
export function stackConfig(values: { baseUrl?: string; token?: string }): ConfigureRequest {
  const stack: Record<string, string | undefined> = { "buddy:baseUrl": values.baseUrl, "buddy:token": values.token };
  return { config: { get: (key: string) => stack[key] } } as unknown as ConfigureRequest;
}

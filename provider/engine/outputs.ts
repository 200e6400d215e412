/**
 * A resource's outputs: every input as the program gave it, plus Buddy's server-set fields, plus the digests of
 * the encrypted values Buddy returned (hidden `__ciphertexts`, see ciphertexts.ts).
 */
import { CIPHERTEXTS_KEY, digestsOf } from "./ciphertexts";
import { ENGINE_KEYS } from "./validate";
import { WireAction } from "./api";
import { Json, serverOutputsOf } from "./wire";

export function withoutEngineKeys(inputs: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(inputs)) if (!ENGINE_KEYS.includes(k) && v !== undefined) out[k] = v;
  return out;
}

export function actionOutputs(inputs: Json, action: WireAction): Json {
  if (typeof action?.id !== "number") {
    throw new Error(`Buddy returned an action without a numeric id: ${JSON.stringify(Object.keys(action ?? {}))}`);
  }
  const digests = digestsOf(action);
  return {
    ...withoutEngineKeys(inputs),
    ...serverOutputsOf(action),
    ...(Object.keys(digests).length > 0 ? { [CIPHERTEXTS_KEY]: digests } : {}),
  };
}

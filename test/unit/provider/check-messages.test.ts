// Issue 16 items 3, 4 and 8: check messages a user can act on, and the rules both sides now enforce alike. Each
// failure is one line naming the rule and quoting the value given (a credential's as "[secret]"), with the name or
// value meant when the given one is a near miss; "exactly one of" / "at least one of" and the bounds the docs state
// in prose stop `pulumi preview`, and the emulator refuses the same bodies.
import * as assert from "assert";
import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import { ApiError } from "../../../emulator/errors";
import { prepareNewAction } from "../../../emulator/validation";
import type { JsonObject } from "../../../emulator/types";
import { checkInputs } from "../../../provider/engine/validate";
import { createBody } from "../../../provider/engine/wire";
import { loadSpec } from "../../../provider/specs/registry";

type Inputs = Record<string, unknown>;
const location = { workspace: "my-company", projectName: "my-project", pipelineId: 1 };

const check = (key: string, inputs: Inputs): CheckFailure[] => checkInputs(loadSpec(key), { ...location, ...inputs });
const one = (key: string, inputs: Inputs, property: string): string => {
  const hits = check(key, inputs).filter((f) => f.property === property);
  assert.strictEqual(hits.length, 1, `one failure for ${property}: ${JSON.stringify(check(key, inputs))}`);
  return hits[0].reason;
};
/** The emulator's messages for the body the provider would send (empty: accepted). */
function emulator(key: string, inputs: Inputs): string[] {
  try {
    prepareNewAction(createBody(loadSpec(key), { ...location, ...inputs }) as JsonObject);
    return [];
  } catch (err) {
    if (err instanceof ApiError) return err.messages;
    throw err;
  }
}

const k8s = { name: "Set image", namespace: "n", deployment: "d", container: "c", imageName: "i", imageTag: "1" };
const runJob = { name: "Run job", authType: "TOKEN", server: "https://k8s", token: "t" };

describe("check messages a user can act on", () => {
  it("a PipelineAction's fields member: the value given, quoted, and the value meant", () => {
    const reason = one(
      "pipeline-action",
      { name: "x", type: "KUBERNETES_SET_IMAGE", fields: { ...snake(k8s), record_arg: "YES" } },
      "fields.record_arg",
    );
    assert.strictEqual(reason, 'must be one of TRUE, FALSE, NOT_SET; got "YES"');
    const near = one(
      "pipeline-action",
      { name: "x", type: "KUBERNETES_SET_IMAGE", fields: { ...snake(k8s), record_arg: "true" } },
      "fields.record_arg",
    );
    assert.match(near, /; got "true" \(did you mean "TRUE"\?\)$/);
  });

  it("a misspelt member of an integration: its value and the member meant", () => {
    const reason = one(
      "KUBERNETES_RUN_JOB",
      { ...runJob, configPath: "job.yml", integration: { identifer: "gke" } },
      "integration.identifer",
    );
    assert.match(
      reason,
      /^unknown property integration\.identifer .*; got "gke"; did you mean integration\.identifier\?$/,
    );
  });

  it('an empty string quotes ""', () => {
    assert.strictEqual(
      one("KUBERNETES_RUN_JOB", { ...runJob, configPath: "", content: "kind: Job" }, "configPath"),
      'must not be empty or only spaces; got ""',
    );
  });

  it("imagetag: did you mean imageTag", () => {
    const { imageTag: _, ...rest } = k8s;
    void _;
    assert.match(
      one("kubernetes-set-image", { ...rest, imagetag: "1.0" }, "imagetag"),
      /^unknown property imagetag \(.*\); got "1.0"; did you mean imageTag\?$/,
    );
  });

  it("a credential's value is never shown, typed or guessed from its name", () => {
    const typed = one("KUBERNETES_RUN_JOB", { ...runJob, configPath: "j", token: 12345 }, "token");
    assert.strictEqual(typed, "must be a string; got [secret]");
    const guessed = one("kubernetes-set-image", { ...k8s, pasword: "hunter2" }, "pasword");
    assert.ok(guessed.includes("[secret]") && !guessed.includes("hunter2"), guessed);
  });

  it("every reason is one line", () => {
    const all = check("pipeline-action", { name: "", type: "slack", fields: { "": 1 }, timeout: -1, triggerTime: "x" });
    assert.ok(all.length >= 4);
    for (const f of all) assert.ok(!f.reason.includes("\n"), f.reason);
  });
});

describe("rules both sides enforce alike", () => {
  // [what, spec key, inputs, property, its wire path, reason]
  const rows: Array<[string, string, Inputs, string, string, RegExp]> = [
    [
      "DEPLOY_TO_SANDBOX BY_TAGS with tags: []",
      "DEPLOY_TO_SANDBOX",
      { name: "x", sandboxReferences: "BY_TAGS", tags: [] },
      "tags",
      "tags",
      /^is required when sandboxReferences is BY_TAGS; got \[\]$/,
    ],
    [
      "SLEEP above 1200 s",
      "SLEEP",
      { name: "x", sleepInSec: 1201 },
      "sleepInSec",
      "sleep_in_sec",
      /^must be an integer from 0 to 1200; got 1201$/,
    ],
    [
      "a Lighthouse score above 100",
      "LIGHTHOUSE",
      { name: "x", url: "https://a", performance: 101, accessibility: 1, bestPractices: 1, seo: 1 },
      "performance",
      "performance",
      /^must be an integer from 0 to 100; got 101$/,
    ],
    [
      "EMAIL with neither recipients nor sendToGroups",
      "EMAIL",
      { name: "x" },
      "recipients",
      "recipients",
      /^is required: set at least one of recipients, sendToGroups$/,
    ],
    [
      "an integration with both identifier and hashId",
      "KUBERNETES_RUN_JOB",
      { ...runJob, configPath: "j", integration: { identifier: "a", hashId: "b" } },
      "integration.hashId",
      "integration.hash_id",
      /^is not allowed with identifier: set exactly one of identifier, hashId; got "b"$/,
    ],
    [
      "an integration with neither",
      "KUBERNETES_RUN_JOB",
      { ...runJob, configPath: "j", integration: {} },
      "integration.identifier",
      "integration.identifier",
      /^is required: set exactly one of identifier, hashId$/,
    ],
    [
      "a Kubernetes job with both a manifest path and an inline manifest",
      "KUBERNETES_RUN_JOB",
      { ...runJob, configPath: "j", content: "kind: Job" },
      "content",
      "content",
      /^is not allowed with configPath: set exactly one of configPath, content; got \[secret\]$/,
    ],
  ];
  for (const [what, key, inputs, property, wire, reason] of rows) {
    it(`${what}: refused at preview and by the emulator, naming the field`, () => {
      assert.match(one(key, inputs, property), reason);
      const messages = emulator(key, inputs);
      assert.ok(
        messages.some((m) => m.startsWith(`Field "${wire}" `)),
        `the emulator does not name ${wire}: ${JSON.stringify(messages)}`,
      );
    });
  }

  it("the same programs within the rules pass both", () => {
    const valid: Array<[string, Inputs]> = [
      ["DEPLOY_TO_SANDBOX", { name: "x", sandboxReferences: "BY_TAGS", tags: ["a"] }],
      ["SLEEP", { name: "x", sleepInSec: 1200 }],
      ["EMAIL", { name: "x", sendToGroups: ["devs"] }],
      ["KUBERNETES_RUN_JOB", { ...runJob, content: "kind: Job", integration: { hashId: "b" } }],
    ];
    for (const [key, inputs] of valid) {
      assert.deepStrictEqual(check(key, inputs), [], key);
      assert.deepStrictEqual(emulator(key, inputs), [], key);
    }
  });
});

function snake(inputs: Inputs): Inputs {
  return Object.fromEntries(
    Object.entries(inputs).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]),
  );
}

// Actions: CRUD, ordering, pagination, defaults, nulls, read-only fields, secrets, type change, validation, bad bodies.
import { strict as assert } from "assert";
import { ACTION_DEFAULTS, encryptSecret, TYPE_CHANGE_MESSAGE } from "../../emulator/index";
import { actionsPath, api, ksiBody, promoteBody, useEmulator } from "../helpers/emulator";
import { seed000Body } from "../helpers/seed000";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

const COMMON = [
  "name",
  "type",
  "trigger_time",
  "trigger_conditions",
  "trigger_condition",
  "run_next",
  "run_only_on_first_failure",
  "variables",
  "disabled",
  "timeout",
  "ignore_errors",
  "retry_count",
  "retry_interval",
  "loop",
  "permissions",
];
const SERVER = ["url", "html_url", "id", "last_execution_status", "current_revision", "pipeline"];
const KSI = [
  "config_path",
  "kubectl_version",
  "setup_commands",
  "targets",
  "namespace",
  "content",
  "execute_every_command",
  "deployment",
  "container",
  "image_name",
  "image_tag",
  "record_arg",
  "auth_type",
  "server",
  "login",
  "password",
  "token",
  "client_ca",
  "client_cert",
  "client_key",
];
const PROMOTE = ["same_location", "src", "dest", "insecure_registry"];

describe("emulator: actions", () => {
  const ctx = useEmulator({}, true);
  const t = () => ({ url: ctx.emu.url, token: ctx.emu.token });
  const p1 = () => actionsPath(ctx.emu.workspace, "my-project", 1);
  const add = (body: unknown, pid = 1) => api<J>(t(), "POST", actionsPath(ctx.emu.workspace, "my-project", pid), body);
  const list = async (query = "?per_page=100"): Promise<J[]> =>
    (await api<J>(t(), "GET", `${p1()}${query}`)).body.actions;

  it("adds (201, full action), gets, lists, edits and deletes (204, no body)", async () => {
    const created = await add(ksiBody());
    assert.equal(created.status, 201);
    const a = created.body;
    assert.ok(Number.isInteger(a.id));
    assert.equal(a.url, `${ctx.emu.url}${p1()}/${a.id}`);
    assert.equal(a.html_url, `https://app.buddy.works/my-company/my-project/pipelines/pipeline/1/action/${a.id}`);
    assert.equal(a.last_execution_status, "INITIAL");
    assert.equal(a.current_revision, null);
    assert.deepEqual(a.pipeline, {
      url: `${ctx.emu.url}/workspaces/my-company/projects/my-project/pipelines/1`,
      html_url: "https://app.buddy.works/my-company/my-project/pipelines/pipeline/1",
      id: 1,
      name: "build-and-deploy",
    });

    const got = await api<J>(t(), "GET", `${p1()}/${a.id}`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, a);

    const l = await api<J>(t(), "GET", p1());
    assert.equal(l.status, 200);
    assert.equal(l.body.url, `${ctx.emu.url}${p1()}`);
    assert.equal(typeof l.body.html_url, "string");
    assert.deepEqual(l.body.actions, [a]);

    const edited = await api<J>(t(), "PATCH", `${p1()}/${a.id}`, { image_tag: "2.0", type: "KUBERNETES_SET_IMAGE" });
    assert.equal(edited.status, 200);
    assert.deepEqual(edited.body, { ...a, image_tag: "2.0" }, "only the fields sent change");

    const del = await api<J>(t(), "DELETE", `${p1()}/${a.id}`);
    assert.equal(del.status, 204);
    assert.equal(del.text, "");
    assert.equal((await api<J>(t(), "GET", `${p1()}/${a.id}`)).status, 404);
    assert.equal((await api<J>(t(), "DELETE", `${p1()}/${a.id}`)).status, 404);
    assert.equal((await api<J>(t(), "PATCH", `${p1()}/${a.id}`, { name: "x" })).status, 404);
  });

  it("ids are unique across pipelines", async () => {
    const a = await add(ksiBody(), 1);
    const b = await add(ksiBody(), 2);
    assert.notEqual(a.body.id, b.body.id);
    assert.equal(b.body.pipeline.id, 2);
    assert.equal((await api<J>(t(), "GET", `${p1()}/${b.body.id}`)).status, 404, "action of pipeline 2 is not in 1");
  });

  it("every documented field is present, null where empty, defaults filled (KUBERNETES_SET_IMAGE)", async () => {
    const { body } = await add(ksiBody());
    assert.deepEqual(Object.keys(body).sort(), [...SERVER, ...COMMON, ...KSI].sort());
    for (const [k, v] of Object.entries({ ...ACTION_DEFAULTS.common, ...ACTION_DEFAULTS.KUBERNETES_SET_IMAGE })) {
      assert.deepEqual(body[k], v, k);
    }
    assert.equal(body.trigger_time, "ON_EVERY_EXECUTION");
    assert.equal(body.run_next, "WAIT_ON_SUCCESS");
    assert.equal(body.record_arg, "NOT_SET");
    assert.equal(body.kubectl_version, "latest");
    assert.equal(body.disabled, false);
    assert.equal(body.config_path, null);
    assert.equal(body.run_only_on_first_failure, null);
  });

  it("every documented field is present with defaults (PROMOTE_IMAGE), locations filled with null", async () => {
    const { status, body } = await add(promoteBody());
    assert.equal(status, 201);
    assert.deepEqual(Object.keys(body).sort(), [...SERVER, ...COMMON, ...PROMOTE].sort());
    assert.equal(body.same_location, false);
    assert.equal(body.insecure_registry, false);
    assert.deepEqual(body.src, {
      docker_registry: "DOCKER_HUB",
      image: "acme/app:1.0",
      registry: null,
      region: null,
      integration: null,
      username: null,
      password: null,
      tag: null,
    });
  });

  it("the seed 000 example body (with targets) is accepted as sent", async () => {
    const body = seed000Body;
    const r = await add(body);
    assert.equal(r.status, 201);
    assert.deepEqual(r.body.targets, body.targets);
  });

  it("read-only fields and unknown fields sent by a client are ignored", async () => {
    const r = await add(
      ksiBody({
        id: 9999,
        url: "http://evil",
        html_url: "x",
        last_execution_status: "FAILED",
        current_revision: "abc",
        pipeline: { id: 2 },
        not_a_field: 1,
      }),
    );
    assert.equal(r.status, 201);
    assert.notEqual(r.body.id, 9999);
    assert.equal(r.body.last_execution_status, "INITIAL");
    assert.equal(r.body.current_revision, null);
    assert.equal(r.body.pipeline.id, 1);
    assert.ok(r.body.url.startsWith(ctx.emu.url));
    assert.ok(!("not_a_field" in r.body));
    const e = await api<J>(t(), "PATCH", `${p1()}/${r.body.id}`, { id: 1, url: "x", pipeline: null, name: "renamed" });
    assert.equal(e.status, 200);
    assert.equal(e.body.id, r.body.id);
    assert.equal(e.body.name, "renamed");
  });

  it("unknown action types: never rejected, common fields validated and defaulted, own fields kept", async () => {
    const r = await add({ name: "build", type: "GCLOUD_CLI", commands: ["ls"], docker_image_name: "library/ubuntu" });
    assert.equal(r.status, 201);
    assert.equal(r.body.type, "GCLOUD_CLI");
    assert.deepEqual(r.body.commands, ["ls"]);
    assert.equal(r.body.trigger_time, "ON_EVERY_EXECUTION");
    const bad = await add({ name: "build", type: "GOOGLE_CLOUD_CLI", timeout: "soon" });
    assert.equal(bad.status, 400);
    assert.match(bad.body.errors[0].message, /"timeout"/);
    const e = await api<J>(t(), "PATCH", `${p1()}/${r.body.id}`, { commands: ["pwd"] });
    assert.deepEqual(e.body.commands, ["pwd"]);
    assert.equal(e.body.docker_image_name, "library/ubuntu");
  });

  describe("secrets come back encrypted, never as sent", () => {
    it("KUBERNETES_SET_IMAGE content, password, token, client_key; encrypted variables", async () => {
      const r = await add(
        ksiBody({
          content: "apiVersion: v1",
          password: "pw",
          token: "tok",
          client_key: "KEY",
          client_cert: "CERT",
          client_ca: "CA",
          login: "admin",
          server: "https://k8s",
          variables: [
            { key: "PLAIN", value: "visible" },
            { key: "SECRET", value: "hidden", encrypted: true },
          ],
        }),
      );
      assert.equal(r.status, 201);
      assert.equal(r.body.content, encryptSecret("apiVersion: v1"));
      assert.ok(r.body.content.startsWith("secure!"));
      for (const [k, v] of [
        ["password", "pw"],
        ["token", "tok"],
        ["client_key", "KEY"],
        ["client_cert", "CERT"],
        ["client_ca", "CA"],
      ]) {
        assert.equal(r.body[k], encryptSecret(v), k);
      }
      assert.equal(r.body.login, "admin");
      assert.equal(r.body.server, "https://k8s");
      assert.equal(r.body.variables[0].value, "visible");
      assert.equal(r.body.variables[1].value, encryptSecret("hidden"));
      assert.ok(!JSON.stringify(r.body).includes("hidden"));
      assert.deepEqual(r.body.variables[0], {
        key: "PLAIN",
        value: "visible",
        type: "VAR",
        encrypted: false,
        settable: false,
        description: null,
        file_place: null,
        file_name: null,
        file_path: null,
        file_chmod: null,
        init_path: null,
        defaults: null,
      });
      // Sending back the encrypted form keeps it (no double encryption); a PATCH of other fields leaves it alone.
      const e = await api<J>(t(), "PATCH", `${p1()}/${r.body.id}`, { content: r.body.content, image_tag: "9" });
      assert.equal(e.body.content, encryptSecret("apiVersion: v1"));
      assert.equal(e.body.password, encryptSecret("pw"));
      // Nothing in the stored state holds a plaintext secret.
      assert.ok(!JSON.stringify(ctx.emu.admin.state()).includes("apiVersion: v1"));
    });

    it("PROMOTE_IMAGE src.password / dest.password", async () => {
      const r = await add(
        promoteBody({
          src: { docker_registry: "OTHER", registry: "r.example", image: "a:1", username: "u", password: "p1" },
          dest: { docker_registry: "OTHER", registry: "r2.example", image: "a:1", username: "u", password: "p2" },
        }),
      );
      assert.equal(r.status, 201);
      assert.equal(r.body.src.password, encryptSecret("p1"));
      assert.equal(r.body.dest.password, encryptSecret("p2"));
      assert.equal(r.body.src.username, "u");
      assert.match(r.body.src.password, /^secure![A-Za-z0-9+/]+=*$/);
    });
  });

  describe("ordering with after_action_id", () => {
    it("absent = last; after an id = right after it; moves on edit; 400 for an unknown or foreign id", async () => {
      const a = (await add(ksiBody({ name: "a" }))).body.id;
      const b = (await add(ksiBody({ name: "b" }))).body.id;
      const c = (await add(ksiBody({ name: "c", after_action_id: a }))).body.id;
      assert.deepEqual(
        (await list()).map((x) => x.name),
        ["a", "c", "b"],
      );
      const moved = await api<J>(t(), "PATCH", `${p1()}/${a}`, { after_action_id: b });
      assert.equal(moved.status, 200);
      assert.ok(!("after_action_id" in moved.body));
      assert.deepEqual(
        (await list()).map((x) => x.id),
        [c, b, a],
      );

      const other = (await add(ksiBody(), 2)).body.id;
      const foreign = await add(ksiBody({ after_action_id: other }));
      assert.equal(foreign.status, 400);
      assert.match(foreign.body.errors[0].message, /after_action_id/);
      const missing = await api<J>(t(), "PATCH", `${p1()}/${a}`, { after_action_id: 987654, name: "changed?" });
      assert.equal(missing.status, 400);
      assert.equal((await api<J>(t(), "GET", `${p1()}/${a}`)).body.name, "a", "a refused edit changes nothing");
      const self = await api<J>(t(), "PATCH", `${p1()}/${a}`, { after_action_id: a });
      assert.equal(self.status, 400);
      const notInt = await add(ksiBody({ after_action_id: "1" }));
      assert.equal(notInt.status, 400);
      assert.equal((await list()).length, 3);
    });
  });

  describe("pagination", () => {
    it("default per_page 20, max 100, in pipeline order; bad values 400", async () => {
      const ids: number[] = [];
      for (let i = 0; i < 105; i++) ids.push((await add(ksiBody({ name: `a${i}` }))).body.id);
      assert.deepEqual(
        (await list("")).map((x) => x.id),
        ids.slice(0, 20),
      );
      assert.deepEqual(
        (await list("?page=2")).map((x) => x.id),
        ids.slice(20, 40),
      );
      assert.deepEqual(
        (await list("?page=3&per_page=7")).map((x) => x.id),
        ids.slice(14, 21),
      );
      assert.deepEqual(
        (await list("?per_page=500")).map((x) => x.id),
        ids.slice(0, 100),
      );
      assert.deepEqual(
        (await list("?page=2&per_page=100")).map((x) => x.id),
        ids.slice(100),
      );
      assert.deepEqual(await list("?page=9"), []);
      for (const q of ["?page=0", "?per_page=-1", "?page=x"]) {
        const r = await api<J>(t(), "GET", `${p1()}${q}`);
        assert.equal(r.status, 400, q);
      }
    });
  });

  describe("type change", () => {
    it("PATCH changing type is refused with Buddy's message and changes nothing", async () => {
      const a = (await add(ksiBody())).body;
      const r = await api<J>(t(), "PATCH", `${p1()}/${a.id}`, { type: "PROMOTE_IMAGE", name: "x" });
      assert.equal(r.status, 400);
      assert.deepEqual(r.body, { errors: [{ message: TYPE_CHANGE_MESSAGE }] });
      assert.equal(
        TYPE_CHANGE_MESSAGE,
        "You can't change the type of an existing action. To change the type, remove the action and add it again.",
      );
      assert.equal((await api<J>(t(), "GET", `${p1()}/${a.id}`)).body.name, a.name);
    });
  });

  describe("validation: 400 with a message naming the field", () => {
    const ksiCases: [string, Record<string, unknown>, string][] = [
      ["missing name", { name: undefined }, "name"],
      ["empty name", { name: "" }, "name"],
      ["missing namespace", { namespace: undefined }, "namespace"],
      ["missing deployment", { deployment: undefined }, "deployment"],
      ["missing container", { container: undefined }, "container"],
      ["missing image_name", { image_name: undefined }, "image_name"],
      ["missing image_tag", { image_tag: null }, "image_tag"],
      ["missing type", { type: undefined }, "type"],
      ["type not a string", { type: 5 }, "type"],
      ["bad trigger_time", { trigger_time: "SOMETIMES" }, "trigger_time"],
      ["bad run_next", { run_next: "LATER" }, "run_next"],
      ["bad record_arg", { record_arg: "YES" }, "record_arg"],
      ["bad auth_type", { auth_type: "OAUTH" }, "auth_type"],
      ["negative timeout", { timeout: -1 }, "timeout"],
      ["fractional timeout", { timeout: 1.5 }, "timeout"],
      ["negative retry_count", { retry_count: -2 }, "retry_count"],
      ["negative retry_interval", { retry_interval: -3 }, "retry_interval"],
      ["string retry_count", { retry_count: "3" }, "retry_count"],
      ["disabled not boolean", { disabled: "false" }, "disabled"],
      ["ignore_errors not boolean", { ignore_errors: 1 }, "ignore_errors"],
      ["namespace not string", { namespace: 7 }, "namespace"],
      ["loop not array", { loop: "ls" }, "loop"],
      ["loop item not string", { loop: ["ls", 1] }, "loop[1]"],
      ["setup_commands not array", { setup_commands: {} }, "setup_commands"],
      ["targets item not object", { targets: ["gke"] }, "targets[0]"],
      ["ON_FAILURE without run_only_on_first_failure", { trigger_time: "ON_FAILURE" }, "run_only_on_first_failure"],
      [
        "run_only_on_first_failure outside ON_FAILURE",
        { run_only_on_first_failure: true },
        "run_only_on_first_failure",
      ],
      [
        "run_only_on_first_failure not boolean",
        { trigger_time: "ON_FAILURE", run_only_on_first_failure: "yes" },
        "run_only_on_first_failure",
      ],
      [
        "trigger condition missing",
        { trigger_conditions: [{ trigger_variable_key: "A" }] },
        "trigger_conditions[0].trigger_condition",
      ],
      [
        "trigger condition bad enum",
        { trigger_conditions: [{ trigger_condition: "WHENEVER" }] },
        "trigger_conditions[0].trigger_condition",
      ],
      [
        "trigger_days out of range",
        { trigger_conditions: [{ trigger_condition: "DATETIME", trigger_days: [8] }] },
        "trigger_days[0]",
      ],
      ["trigger_conditions not array", { trigger_conditions: {} }, "trigger_conditions"],
      ["variable without key", { variables: [{ value: "v" }] }, "variables[0].key"],
      ["variable bad type", { variables: [{ key: "A", type: "FILE" }] }, "variables[0].type"],
      ["variable encrypted not boolean", { variables: [{ key: "A", encrypted: "yes" }] }, "variables[0].encrypted"],
      ["permissions bad others", { permissions: { others: "ADMIN" } }, "permissions.others"],
      [
        "permissions bad user access",
        { permissions: { users: [{ id: 1, access_level: "GOD" }] } },
        "permissions.users[0].access_level",
      ],
      [
        "permissions user without id",
        { permissions: { users: [{ access_level: "READ_ONLY" }] } },
        "permissions.users[0].id",
      ],
    ];
    for (const [title, patch, field] of ksiCases) {
      it(`KUBERNETES_SET_IMAGE: ${title}`, async () => {
        const body = ksiBody(patch);
        for (const [k, v] of Object.entries(patch)) if (v === undefined) delete body[k];
        const r = await add(body);
        assert.equal(r.status, 400, JSON.stringify(r.body));
        assert.ok(
          r.body.errors.some((e: J) => e.message.includes(`"${field}`) || e.message.includes(`.${field}`)),
          `no message names ${field}: ${JSON.stringify(r.body)}`,
        );
        assert.equal((await list()).length, 0, "nothing stored");
      });
    }

    const promoteCases: [string, Record<string, unknown>, string][] = [
      ["missing src", { src: undefined }, "src"],
      ["missing dest", { dest: null }, "dest"],
      ["src not object", { src: "docker.io/a" }, "src"],
      ["src without docker_registry", { src: { image: "a" } }, "src.docker_registry"],
      ["src bad docker_registry", { src: { docker_registry: "QUAY", image: "a" } }, "src.docker_registry"],
      ["src without image", { src: { docker_registry: "DOCKER_HUB" } }, "src.image"],
      ["GAR without registry", { src: { docker_registry: "GOOGLE_ARTIFACT_REGISTRY", image: "a" } }, "src.registry"],
      ["OTHER without registry", { dest: { docker_registry: "OTHER", image: "a" } }, "dest.registry"],
      ["ECR without region", { dest: { docker_registry: "AMAZON_ECR", image: "a" } }, "dest.region"],
      ["same_location not boolean", { same_location: "true" }, "same_location"],
      ["insecure_registry not boolean", { insecure_registry: 0 }, "insecure_registry"],
      ["password not string", { src: { docker_registry: "DOCKER_HUB", image: "a", password: 5 } }, "src.password"],
    ];
    for (const [title, patch, field] of promoteCases) {
      it(`PROMOTE_IMAGE: ${title}`, async () => {
        const body = promoteBody(patch);
        for (const [k, v] of Object.entries(patch)) if (v === undefined) delete body[k];
        const r = await add(body);
        assert.equal(r.status, 400, JSON.stringify(r.body));
        assert.ok(
          r.body.errors.some((e: J) => e.message.includes(`"${field}`)),
          `no message names ${field}: ${JSON.stringify(r.body)}`,
        );
      });
    }

    it("PROMOTE_IMAGE same_location: true needs only dest.tag", async () => {
      const r = await add(promoteBody({ same_location: true, dest: { tag: "prod" } }));
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.dest.tag, "prod");
    });

    it("ON_FAILURE with run_only_on_first_failure is accepted; a PATCH is validated on the merged action", async () => {
      const r = await add(ksiBody({ trigger_time: "ON_FAILURE", run_only_on_first_failure: true }));
      assert.equal(r.status, 201);
      const id = r.body.id;
      // Leaving ON_FAILURE while the stored run_only_on_first_failure is set: refused.
      const bad = await api<J>(t(), "PATCH", `${p1()}/${id}`, { trigger_time: "ON_EVERY_EXECUTION" });
      assert.equal(bad.status, 400);
      assert.match(bad.body.errors[0].message, /run_only_on_first_failure/);
      const ok = await api<J>(t(), "PATCH", `${p1()}/${id}`, {
        trigger_time: "ON_EVERY_EXECUTION",
        run_only_on_first_failure: null,
      });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.run_only_on_first_failure, null);
      // Into ON_FAILURE without the flag (the stored one is null now): refused.
      const bad2 = await api<J>(t(), "PATCH", `${p1()}/${id}`, { trigger_time: "ON_FAILURE" });
      assert.equal(bad2.status, 400);
      // A PATCH emptying a required field is refused; null on a defaulted field restores the default.
      assert.equal((await api<J>(t(), "PATCH", `${p1()}/${id}`, { namespace: null })).status, 400);
      const reset = await api<J>(t(), "PATCH", `${p1()}/${id}`, { record_arg: "TRUE" });
      assert.equal(reset.body.record_arg, "TRUE");
      const back = await api<J>(t(), "PATCH", `${p1()}/${id}`, { record_arg: null, kubectl_version: null });
      assert.equal(back.body.record_arg, "NOT_SET");
      assert.equal(back.body.kubectl_version, "latest");
    });

    it("PROMOTE_IMAGE same_location false or unset: dest {tag} alone is refused, naming docker_registry and image", async () => {
      for (const same of [{ same_location: false }, {}]) {
        const r = await add(promoteBody({ ...same, dest: { tag: "prod" } }));
        assert.equal(r.status, 400, JSON.stringify(r.body));
        const messages = r.body.errors.map((e: J) => e.message);
        assert.ok(
          messages.some((m: string) => m.includes('"dest.docker_registry" is required')),
          JSON.stringify(messages),
        );
        assert.ok(
          messages.some((m: string) => m.includes('"dest.image" is required')),
          JSON.stringify(messages),
        );
        assert.ok(!messages.some((m: string) => m.includes('"dest.tag"')), JSON.stringify(messages));
      }
    });

    it("PATCH null: an enum or text default is restored, a list goes back to [], a boolean or integer is refused", async () => {
      const id = (
        await add(
          ksiBody({
            run_next: "IN_HARD_PARALLEL",
            trigger_time: "ON_SUCCESS",
            record_arg: "TRUE",
            loop: ["a"],
            timeout: 30,
            disabled: true,
          }),
        )
      ).body.id;
      const back = await api<J>(t(), "PATCH", `${p1()}/${id}`, {
        run_next: null,
        trigger_time: null,
        record_arg: null,
        loop: null,
      });
      assert.equal(back.status, 200, JSON.stringify(back.body));
      assert.deepEqual(
        [back.body.run_next, back.body.trigger_time, back.body.record_arg, back.body.loop],
        ["WAIT_ON_SUCCESS", "ON_EVERY_EXECUTION", "NOT_SET", []],
      );
      for (const [field, value, kind] of [
        ["timeout", 0, "an integer"],
        ["retry_count", 0, "an integer"],
        ["disabled", false, "a boolean"],
        ["execute_every_command", false, "a boolean"],
      ] as const) {
        const r = await api<J>(t(), "PATCH", `${p1()}/${id}`, { [field]: null });
        assert.equal(r.status, 400, `${field}: ${JSON.stringify(r.body)}`);
        assert.equal(
          r.body.errors[0].message,
          `Field "${field}" must be ${kind}, got null (send ${JSON.stringify(value)}, its default, to reset it).`,
        );
      }
      const kept = (await api<J>(t(), "GET", `${p1()}/${id}`)).body;
      assert.deepEqual([kept.timeout, kept.disabled], [30, true], "a refused PATCH changes nothing");
      const reset = await api<J>(t(), "PATCH", `${p1()}/${id}`, { timeout: 0, disabled: false });
      assert.deepEqual([reset.body.timeout, reset.body.disabled], [0, false]);
      const promote = await add(promoteBody({ same_location: null }));
      assert.equal(promote.status, 400, "null for a boolean is refused on create too");
      assert.match(promote.body.errors[0].message, /"same_location" must be a boolean, got null/);
    });

    it("a PROMOTE_IMAGE PATCH to same_location: true is accepted without dest.tag when dest.image carries the tag (the 2026 page's shape)", async () => {
      const id = (await add(promoteBody())).body.id;
      const ok = await api<J>(t(), "PATCH", `${p1()}/${id}`, { same_location: true });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.dest.tag, null);
    });

    it("accepts every enum value of trigger_time (both generations), run_next and record_arg", async () => {
      for (const trigger_time of [
        "ON_EVERY_EXECUTION",
        "ON_SUCCESS",
        "ON_BACK_TO_SUCCESS",
        "ON_WARNING",
        "ON_WAIT_FOR_APPROVE",
        "ON_TERMINATE",
      ]) {
        assert.equal((await add(ksiBody({ trigger_time }))).status, 201, trigger_time);
      }
      for (const run_next of ["WAIT_ON_SUCCESS", "IN_SOFT_PARALLEL", "IN_HARD_PARALLEL"]) {
        assert.equal((await add(ksiBody({ run_next }))).status, 201, run_next);
      }
      for (const record_arg of ["TRUE", "FALSE", "NOT_SET"]) {
        assert.equal((await add(ksiBody({ record_arg }))).status, 201, record_arg);
      }
    });

    it("nested objects are normalised: trigger conditions and permissions", async () => {
      const r = await add(
        ksiBody({
          trigger_conditions: [{ trigger_condition: "ON_CHANGE_AT_PATH", trigger_condition_paths: ["src/"] }],
          permissions: { others: "READ_ONLY", users: [{ id: 3, access_level: "READ_WRITE" }] },
        }),
      );
      assert.equal(r.status, 201);
      assert.equal(r.body.trigger_conditions[0].trigger_condition, "ON_CHANGE_AT_PATH");
      assert.deepEqual(r.body.trigger_conditions[0].trigger_condition_paths, ["src/"]);
      assert.equal(r.body.trigger_conditions[0].trigger_user, null);
      assert.deepEqual(r.body.permissions, {
        others: "READ_ONLY",
        users: [{ id: 3, access_level: "READ_WRITE" }],
        groups: [],
      });
    });
  });

  describe("bad bodies are a 400, never a crash", () => {
    const raw = (method: string, rawBody: string | undefined, contentType?: string) =>
      api<J>(t(), method, p1(), undefined, { rawBody, headers: contentType ? { "Content-Type": contentType } : {} });

    it("invalid JSON", async () => {
      const r = await raw("POST", '{"name": ', "application/json");
      assert.equal(r.status, 400);
      assert.match(r.body.errors[0].message, /not valid JSON/);
    });
    it("non-object JSON bodies: array, string, number, null", async () => {
      for (const b of ["[]", '"x"', "42", "null"]) {
        const r = await raw("POST", b, "application/json");
        assert.equal(r.status, 400, b);
        assert.match(r.body.errors[0].message, /JSON object/);
      }
    });
    it("empty body and missing content type", async () => {
      assert.equal((await raw("POST", "", "application/json")).status, 400);
      assert.equal((await raw("POST", undefined)).status, 400);
    });
    it("wrong content type", async () => {
      const r = await raw("POST", "name=x", "application/x-www-form-urlencoded");
      assert.equal(r.status, 400);
      assert.match(r.body.errors[0].message, /Content-Type/);
      const t2 = await raw("POST", "{}", "text/plain");
      assert.equal(t2.status, 400);
    });
    it("application/json; charset=utf-8 is fine; a __proto__ key changes nothing", async () => {
      const r = await raw(
        "POST",
        JSON.stringify(ksiBody()).replace("{", '{"__proto__":{"polluted":1},'),
        "application/json; charset=utf-8",
      );
      assert.equal(r.status, 201);
      assert.equal(({} as J).polluted, undefined);
    });
    it("a DELETE with Content-Type: application/json and no body works", async () => {
      const id = (await add(ksiBody())).body.id;
      const r = await api<J>(t(), "DELETE", `${p1()}/${id}`, undefined, {
        headers: { "Content-Type": "application/json" },
      });
      assert.equal(r.status, 204);
    });
    it("a PATCH with a non-object body", async () => {
      const id = (await add(ksiBody())).body.id;
      const r = await api<J>(t(), "PATCH", `${p1()}/${id}`, undefined, {
        rawBody: "[1]",
        headers: { "Content-Type": "application/json" },
      });
      assert.equal(r.status, 400);
    });
  });

  describe("action scopes", () => {
    const scoped = useEmulator({
      tokens: [
        { token: "info", scopes: ["EXECUTION_INFO"] },
        { token: "run", scopes: ["EXECUTION_RUN"] },
        { token: "read", scopes: ["PIPELINE_READ"] },
        { token: "manage", scopes: ["EXECUTION_MANAGE"] },
        { token: "write", scopes: ["PIPELINE_WRITE"] },
        { token: "workspace", scopes: ["WORKSPACE"] },
      ],
    });
    const path = () => actionsPath(scoped.emu.workspace, "my-project", 1);
    it("reading needs EXECUTION_INFO (or RUN/MANAGE/PIPELINE_READ/PIPELINE_WRITE); writing EXECUTION_MANAGE or PIPELINE_WRITE", async () => {
      const u = { url: scoped.emu.url };
      for (const token of ["info", "run", "read", "manage", "write"]) {
        assert.equal((await api<J>(u, "GET", path(), undefined, { token })).status, 200, token);
      }
      assert.equal((await api<J>(u, "GET", path(), undefined, { token: "workspace" })).status, 403);
      for (const token of ["info", "run", "read", "workspace"]) {
        const r = await api<J>(u, "POST", path(), ksiBody(), { token });
        assert.equal(r.status, 403, token);
      }
      const created = await api<J>(u, "POST", path(), ksiBody(), { token: "manage" });
      assert.equal(created.status, 201);
      const id = created.body.id;
      assert.equal((await api<J>(u, "PATCH", `${path()}/${id}`, { name: "n" }, { token: "info" })).status, 403);
      assert.equal((await api<J>(u, "DELETE", `${path()}/${id}`, undefined, { token: "read" })).status, 403);
      assert.equal((await api<J>(u, "PATCH", `${path()}/${id}`, { name: "n" }, { token: "write" })).status, 200);
      assert.equal((await api<J>(u, "DELETE", `${path()}/${id}`, undefined, { token: "write" })).status, 204);
    });
  });
});

// Generated over the whole catalog, against the emulator over real HTTP (in-process): for every action type, the
// provider creates its smallest valid program (plus every credential it has), reads it back without drift, updates
// it in place with one PATCH, reads that back, and deletes it; no credential is ever stored in plain text.
import * as assert from "assert";
import { ActionProvider } from "../../../provider/engine/provider";
import { freshProvider } from "../../helpers/provider";
import { SPEC_KEY } from "../../../provider/specs/spec";
import { specKeyOf } from "../../../tools/catalog/generate";
import { catalog, fieldAt, getAt, Inputs, minimalInputs, sample, secretPaths, setAlone } from "../../helpers/catalog";
import { useEmulator } from "../../helpers/emulator";

let provider: ActionProvider;

describe("every catalog type: create, read, update, delete against the emulator", function () {
  this.timeout(120_000);
  const ctx = useEmulator({}, false);
  before(() => (provider = freshProvider(ctx.emu)));

  for (const t of catalog.types) {
    it(`${t.className} (${t.type})`, async () => {
      const program: Inputs = { ...minimalInputs(t), [SPEC_KEY]: specKeyOf(t), __provider: "p" };
      const secrets: string[] = [];
      for (const { path, top } of secretPaths(t)) {
        if (getAt(program, top) === undefined) program[top] = sample(fieldAt(t, top)!, top);
        const value = `plain-${t.type}-${path}`;
        setAlone(t, program, path, value);
        secrets.push(value);
      }
      ctx.emu.admin.clearRequests();
      const created = await provider.create(program);
      const posts = ctx.emu.admin.requests().filter((r) => r.method === "POST");
      assert.strictEqual(posts.length, 1);
      assert.strictEqual((posts[0].body as Inputs).type, t.type);

      const read = await provider.read(created.id, created.outs);
      assert.strictEqual(read.id, created.id);
      const drift = await provider.diff(created.id, read.props as Inputs, program);
      assert.strictEqual(drift.changes, false, `drift right after create: ${JSON.stringify(drift)}`);

      ctx.emu.admin.clearRequests();
      const renamed = { ...program, name: `${t.type} renamed` };
      const planned = await provider.diff(created.id, read.props as Inputs, renamed);
      assert.deepStrictEqual([planned.changes, planned.replaces], [true, []], "a change of name is an in-place update");
      const updated = await provider.update(created.id, read.props as Inputs, renamed);
      const patches = ctx.emu.admin.requests().filter((r) => r.method === "PATCH");
      assert.strictEqual(patches.length, 1);
      assert.deepStrictEqual(patches[0].body, { type: t.type, name: `${t.type} renamed` });
      const reread = await provider.read(created.id, updated.outs);
      assert.strictEqual((reread.props as Inputs).name, `${t.type} renamed`);
      assert.strictEqual((await provider.diff(created.id, reread.props as Inputs, renamed)).changes, false);

      const stored = JSON.stringify(ctx.emu.admin.state());
      for (const s of secrets) assert.ok(!stored.includes(s), `${s} is stored in plain text`);

      await provider.delete(created.id, reread.props as Inputs);
      const gone = await provider.read(created.id, reread.props as Inputs);
      assert.strictEqual(gone.id, undefined, "deleted");
    });
  }
});

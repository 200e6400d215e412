// Where a pipeline's definition lives, read from its fields (provider/engine/yaml-defined.ts), and getPipeline's
// definition fields under both list shapes: full pipelines in the list, or summaries that need a read by id.
import * as assert from "assert";
import { yamlOwnerOf, describeYamlOwner } from "../../../provider/engine/yaml-defined";
import { findPipeline, type LookupClient } from "../../../provider/lookups";

const loc = { workspace: "w", projectName: "p", pipelineId: 7 };

describe("pipelines defined in YAML: where the definition lives", () => {
  it("kept in Buddy: no definition source, LOCAL, or git_config_ref NONE", () => {
    assert.strictEqual(yamlOwnerOf({}), undefined);
    assert.strictEqual(yamlOwnerOf({ definition_source: "LOCAL", git_config_ref: "NONE" }), undefined);
  });

  it("REMOTE: the remote project, ref (or the older remote_branch) and path", () => {
    const owner = yamlOwnerOf({
      definition_source: "REMOTE",
      remote_project_name: "tpl",
      remote_branch: "main",
      remote_path: "a.yml",
    });
    assert.deepStrictEqual(owner, { kind: "remote", project: "tpl", ref: "main", path: "a.yml" });
    assert.strictEqual(
      describeYamlOwner(owner!, loc),
      'definition_source REMOTE: the file "a.yml" at ref "main" of project "tpl"',
    );
    assert.match(describeYamlOwner(yamlOwnerOf({ definition_source: "REMOTE" })!, loc), /\(path not reported\)/);
  });

  it("git_config_ref FIXED (its git_config) and DYNAMIC (the project's own repository)", () => {
    const fixed = yamlOwnerOf({ git_config_ref: "FIXED", git_config: { project: "q", branch: "b", path: "x.yml" } });
    assert.strictEqual(
      describeYamlOwner(fixed!, loc),
      'git_config_ref FIXED: the file "x.yml" on branch "b" of project "q"',
    );
    const dynamic = yamlOwnerOf({ git_config_ref: "DYNAMIC" });
    assert.match(describeYamlOwner(dynamic!, loc), /^git_config_ref DYNAMIC: .* in project "p"$/);
  });
});

describe("getPipeline: the definition fields under both list shapes", () => {
  function client(listed: Record<string, unknown>[], full: Record<string, unknown>): LookupClient & { gets: string[] } {
    const gets: string[] = [];
    return {
      gets,
      listAll: (async () => listed) as LookupClient["listAll"],
      get: (async (path: string) => {
        gets.push(path);
        return full;
      }) as LookupClient["get"],
    };
  }
  const where = { workspace: "w", projectName: "p", name: "tpl" };
  const remote = {
    id: 7,
    name: "tpl",
    definition_source: "REMOTE",
    remote_project_name: "ci",
    remote_ref: "main",
    remote_path: "a.yml",
    remote_parameters: [{ key: "k", value: "v" }],
  };

  it("a list of full pipelines: read from the list, no further request", async () => {
    const c = client([remote], {});
    const found = await findPipeline(c, where);
    assert.deepStrictEqual(c.gets, []);
    assert.strictEqual(found.definitionSource, "REMOTE");
    assert.deepStrictEqual(found.remoteParameters, [{ key: "k", value: "v" }]);
    assert.strictEqual(found.definedInRepository, true);
  });

  it("a list of summaries (no definition_source): the pipeline is read by id", async () => {
    const c = client([{ id: 7, name: "tpl" }], remote);
    const found = await findPipeline(c, where);
    assert.deepStrictEqual(c.gets, ["/workspaces/w/projects/p/pipelines/7"]);
    assert.strictEqual(found.remotePath, "a.yml");
    assert.strictEqual(found.definedInRepository, true);
  });
});

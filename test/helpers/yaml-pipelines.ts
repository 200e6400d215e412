// A seed with pipelines whose definition lives in each documented place (issue 19 item 3): kept in Buddy (LOCAL),
// a remote YAML file (definition_source REMOTE), and the project's repository (git_config_ref FIXED / DYNAMIC).
import type { SeedData } from "../../emulator/index";

export const WS = "my-company";
export const PROJECT = "my-project";

/** Pipeline ids of the seed. */
export const LOCAL_ID = 1;
export const REMOTE_ID = 3;
export const FIXED_ID = 4;
export const DYNAMIC_ID = 5;

/** The action each repository-defined pipeline holds (what its YAML declared). */
export const SEEDED_ACTION_IDS = { [REMOTE_ID]: 301, [FIXED_ID]: 401, [DYNAMIC_ID]: 501 } as const;

export const yamlSeed: SeedData = {
  workspaces: [
    {
      name: WS,
      projects: [
        {
          name: PROJECT,
          display_name: "My Project",
          pipelines: [
            { id: LOCAL_ID, name: "build-and-deploy" },
            { id: 2, name: "release" },
            {
              id: REMOTE_ID,
              name: "templated",
              definition_source: "REMOTE",
              remote_project_name: "ci-templates",
              remote_ref: "refs/heads/main",
              remote_path: "pipelines/deploy.yml",
              remote_parameters: [{ key: "env", value: "production" }],
              actions: [{ id: 301, name: "Wait", type: "SLEEP", sleep_in_sec: 5 }],
            },
            {
              id: FIXED_ID,
              name: "in-repo",
              git_config_ref: "FIXED",
              git_config: { project: PROJECT, branch: "main", path: ".buddy/in-repo.yml" },
              actions: [{ id: 401, name: "Wait", type: "SLEEP", sleep_in_sec: 5 }],
            },
            {
              id: DYNAMIC_ID,
              name: "per-branch",
              git_config_ref: "DYNAMIC",
              actions: [{ id: 501, name: "Wait", type: "SLEEP", sleep_in_sec: 5 }],
            },
          ],
        },
      ],
    },
  ],
};

export function pipelinePath(id: number): string {
  return `/workspaces/${WS}/projects/${PROJECT}/pipelines/${id}`;
}

export function b64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

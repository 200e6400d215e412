/**
 * The provider plugin's docs in the Pulumi Registry's layout, written by `npm run generate` from the package schema:
 * docs/_index.md (overview and one example per language, the SlackAction example every resource page has in its
 * own form) and docs/installation-configuration.md (installing the plugin, its config and environment variables).
 * The per-resource pages are the schema itself: each resource's description carries its examples (examples.ts).
 */
import { renderExample, exampleOf } from "./examples";
import type { CatalogType } from "../../catalog/model";

type Json = Record<string, unknown>;

const fence = (lang: string, code: string): string => "```" + lang + "\n" + code + "```\n";

export function registryIndex(schema: Json, slack: CatalogType, typeCount: number): string {
  const code = renderExample(schema, `buddy:index:${slack.className}`, "notify", exampleOf(slack));
  return `---
title: Buddy.works pipeline actions
meta_desc: Manage the actions of Buddy.works pipelines with Pulumi, one resource per action type.
layout: package
---

The \`buddy\` provider manages the actions of [Buddy.works](https://buddy.works) pipelines: ${typeCount} typed
resources, one per action type Buddy documents (\`buddy:index:SlackAction\`, \`buddy:index:SshAction\`, ...), and
\`buddy:index:PipelineAction\` for any other type by name. Each resource checks its inputs at \`pulumi preview\`,
updates an action in place when Buddy allows it, keeps credentials secret, reads drift on \`pulumi refresh\`, and can
\`pulumi import\` an existing action by its id. The functions \`getPipeline\` and \`getProject\` find a pipeline's or a
project's ids by name.

See [Installation & Configuration](installation-configuration) for the plugin and the API token.

## Example

A Slack notification in pipeline 123 of project \`my-project\` (the pipeline's id is in its URL in Buddy, or use
\`getPipeline\`):

{{< chooser language "typescript,python,go,yaml" >}}
{{% choosable language typescript %}}

${fence("typescript", code.typescript)}
{{% /choosable %}}
{{% choosable language python %}}

${fence("python", code.python)}
{{% /choosable %}}
{{% choosable language go %}}

${fence("go", code.go)}
{{% /choosable %}}
{{% choosable language yaml %}}

${fence("yaml", code.yaml)}
{{% /choosable %}}
{{< /chooser >}}
`;
}

export function registryInstallation(schema: Json, version: string): string {
  const variables = ((schema.config as Json).variables ?? {}) as Record<string, Json>;
  const rows = Object.entries(variables).map(([key, v]) => {
    const env = ((v.defaultInfo as Json | undefined)?.environment as string[] | undefined) ?? [];
    const secret = v.secret === true && !String(v.description).includes("secret") ? " Secret." : "";
    const dflt = v.default !== undefined ? ` Default: \`${String(v.default)}\`.` : "";
    return `| \`buddy:${key}\` | ${env.map((e) => `\`${e}\``).join(", ")} | ${String(v.description)}${secret}${dflt} |`;
  });
  return `---
title: Buddy.works pipeline actions Installation & Configuration
meta_desc: How to install the buddy provider plugin and give it a Buddy API token.
layout: package
---

## Installation

The provider is a Pulumi resource plugin, \`pulumi-resource-buddy\`. A release publishes one archive per platform,
\`pulumi-resource-buddy-v<version>-<os>-<arch>.tar.gz\` (for example linux-amd64), holding a single executable: no
Node.js is needed to run it. Install a downloaded archive with

\`\`\`sh
pulumi plugin install resource buddy ${version} --file pulumi-resource-buddy-v${version}-linux-amd64.tar.gz
\`\`\`

From a checkout of the repository, \`npm ci && npm run pack:plugin\` writes that archive for this machine into
\`packs/\` (\`node scripts/plugin-archive.js --launcher\` writes a small one for any platform that runs the plugin
with \`node\` 20 or newer, on \`PATH\`).

The schema's \`pluginDownloadURL\` names the project's GitHub releases
(\`${String(schema.pluginDownloadURL)}\`): once a release carries the archives, programs using the generated SDKs
can download the plugin themselves, and \`pulumi plugin install resource buddy ${version} --server
${String(schema.pluginDownloadURL)}\` fetches it by hand. No release exists yet, so that route is untested: install
from the archive.

SDKs for TypeScript, Python and Go are generated from the schema (\`node scripts/generate-sdks.js <dir>\` in a
checkout); YAML programs need none. TypeScript programs that want nothing beyond npm can use the package's dynamic
resources instead (see the README's "Which door").

## Configuration

| setting | environment variable | meaning |
| --- | --- | --- |
${rows.join("\n")}

Set the token as a secret:

\`\`\`sh
pulumi config set --secret buddy:token <token>
\`\`\`

The token needs the scopes \`WORKSPACE\` and \`EXECUTION_MANAGE\` (\`EXECUTION_INFO\` for \`getPipeline\`).
Credentials in action inputs (passwords, keys, webhook URLs, kubeconfigs) are stored as secrets in the stack whether
or not the program marked them secret.
`;
}

// `npm run demo`: the product in under a minute, with no Buddy account.
//
// Starts the Buddy API emulator on a free port, runs `pulumi up` on the example program (examples/index.ts)
// in a throw-away local backend, shows the actions Buddy now holds, changes one image tag and shows the
// in-place update that `pulumi preview --diff` plans (and the single PATCH that `pulumi up` sends), then
// destroys everything and stops the emulator.
import fetch from "node-fetch";
import { startEmulator } from "../emulator/index";
import { LocalStack, repoRoot } from "./pulumi-stack";

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const step = (n: number, text: string) => console.log(`\n${bold(`== ${n}. ${text}`)}\n`);

interface ActionView {
  id: number;
  type: string;
  name: string;
  image_name?: string | null;
  image_tag?: string | null;
}
interface LoggedRequest {
  method: string;
  path: string;
  body: unknown;
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ quiet: true });
  const { url, token, workspace } = emulator;
  const pipelinePath = `/workspaces/${workspace}/projects/my-project/pipelines/1/actions`;
  const stack = new LocalStack({ programDir: repoRoot, stackName: "demo", echo: true });
  try {
    step(1, `A local Buddy API is running at ${url} (workspace "${workspace}", project "my-project", pipeline 1)`);
    console.log("The provider finds it through stack config, like a real Buddy:");
    console.log(`  pulumi config set buddy:baseUrl ${url}`);
    console.log("  pulumi config set --secret buddy:token ****");
    await stack.init({ "buddy:baseUrl": url, workspace, pipelineId: 1, imageTag: "1.7.8" }, { "buddy:token": token });

    step(2, "pulumi up: create the three actions declared in examples/index.ts");
    await stack.up();

    step(3, "What Buddy now holds in that pipeline, in order");
    const list = await getJson<{ actions: ActionView[] }>(`${url}${pipelinePath}`, token);
    for (const a of list.actions) {
      const image = a.image_name ? `  ${a.image_name}:${a.image_tag}` : "";
      console.log(`  #${a.id}  ${a.type.padEnd(22)} ${a.name}${image}`);
    }

    step(4, "Change the image tag 1.7.8 -> 1.7.9 and preview: an in-place update, nothing replaced");
    await stack.setConfig({ imageTag: "1.7.9" });
    await clearRequestLog(url);
    await stack.preview();

    step(5, "pulumi up: one PATCH per changed action, carrying only what changed");
    await stack.up();
    const writes = (await requestLog(url)).filter((r) => r.method !== "GET");
    for (const w of writes) console.log(`  ${w.method} ${w.path}\n  ${JSON.stringify(w.body)}`);

    step(6, "pulumi destroy: clean up");
    await stack.destroy();
    const after = await getJson<{ actions: ActionView[] }>(`${url}${pipelinePath}`, token);
    console.log(`\nThe pipeline now holds ${after.actions.length} actions. Done.`);
  } finally {
    await stack.dispose();
    await emulator.close();
  }
}

async function getJson<T>(url: string, token: string): Promise<T> {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  return (await res.json()) as T;
}

async function requestLog(url: string): Promise<LoggedRequest[]> {
  const res = await fetch(`${url}/__emulator/requests`);
  return ((await res.json()) as { requests: LoggedRequest[] }).requests;
}

async function clearRequestLog(url: string): Promise<void> {
  await fetch(`${url}/__emulator/requests`, { method: "DELETE" });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

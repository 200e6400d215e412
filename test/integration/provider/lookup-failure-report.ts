// Run by lookups.test.ts in a process of its own, under ts-node (so stacks are source-mapped, as in a Pulumi
// TypeScript program) and with a small heap: getProject fails against the server given as the argument (a token it
// refuses), and its error goes through what Pulumi's program runner does with every uncaught error
// (@pulumi/pulumi cmd/run/run.js formats it with defaultErrorMessage). Prints that text and exits. With a stack frame
// in @pulumi/pulumi's output.js, Node.js 20 and 22 never finish that formatting (provider/program-error.ts).
import * as pulumi from "@pulumi/pulumi";
import { getProject } from "../../../provider/lookups";

// The SDK's declarations leave this internal function out; the runner requires the same file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultErrorMessage } = require("@pulumi/pulumi/cmd/run/error") as {
  defaultErrorMessage(err: unknown): string;
};

const [baseUrl] = process.argv.slice(2);
pulumi.runtime.setAllConfig({ "buddy:token": "a-token-the-server-refuses", "buddy:baseUrl": baseUrl }, ["buddy:token"]);
// As the runner does: each distinct error that nothing handled, reported once.
const reported = new Set<unknown>();
process.on("unhandledRejection", (err: unknown) => {
  if (reported.has(err)) return;
  reported.add(err);
  process.stdout.write(`${defaultErrorMessage(err)}\n`);
});
getProject({ workspace: "my-company", name: "my-project" });

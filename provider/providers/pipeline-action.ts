/**
 * The provider of PipelineAction. This object IS this module's `module.exports`, so Pulumi stores it in state as one
 * `require("pulumi-buddy-actions/dist/provider/providers/pipeline-action.js")` line instead of a copy of its code.
 */
import { actionProvider } from "../engine/provider";
import { pipelineActionSpec } from "../specs/pipeline-action";

export = actionProvider(pipelineActionSpec);

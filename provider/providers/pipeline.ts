/**
 * The provider of the Pipeline resource. This object IS this module's `module.exports`, so Pulumi stores it in state
 * as one `require("pulumi-buddy-actions/dist/provider/providers/pipeline.js")` line instead of a copy of its code.
 */
import { pipelineProvider } from "../pipelines/provider";

export = pipelineProvider();

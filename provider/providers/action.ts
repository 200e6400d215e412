/**
 * The provider of every action resource (which spec a resource uses comes from its hidden `__spec` input). This
 * object IS this module's `module.exports`, so Pulumi stores it in state as one
 * `require("pulumi-buddy-actions/dist/provider/providers/action.js")` line instead of a copy of its code.
 */
import { actionProvider } from "../engine/provider";

export = actionProvider();

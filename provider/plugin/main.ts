/** The entry point of `pulumi-resource-buddy` (the script in plugin/ runs it): serves the provider to the engine. */
import { buddyPlugin } from "./provider";
import { serve } from "./rpc";

serve(buddyPlugin()).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

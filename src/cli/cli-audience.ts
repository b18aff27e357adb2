import type { Audience } from "../core/types.ts";
import { EVERYONE, userPrincipal } from "../shared/principals.ts";
import { UsageError } from "./cli-context.ts";

/**
 * Who the command line answers for: shared (a channel: only what everyone may read) unless `--as EMAIL`
 * names a person, who is then answered as in a direct message.
 */
export function cliAudience(as: string | undefined): Audience {
  if (as === undefined) return { kind: "shared" };
  if (!/^[^\s@]+@[^\s@]+$/.test(as.trim())) throw new UsageError(`--as takes an email address, not "${as}"`);
  return { kind: "private", principals: [EVERYONE, userPrincipal(as)] };
}

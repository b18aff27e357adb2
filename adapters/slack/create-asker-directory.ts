import type { webApi } from "@slack/bolt";
import type { Audience } from "../../src/core/types.ts";
import type { Logger } from "../../src/logger.ts";
import { EVERYONE, userPrincipal } from "../../src/shared/principals.ts";
import { slackErrorCode } from "./slack-error-code.ts";

const DEFAULT_TTL_MS = 10 * 60_000;
const MAX_PEOPLE = 10_000;

export interface AskerDirectoryOptions {
  logger: Logger;
  /** How long a person's email is trusted before Slack is asked again (default 10 minutes). */
  ttlMs?: number;
  now?: () => number;
}

/**
 * Who will see an answer in Slack. A direct message (channel type `im`, or a channel id starting with D)
 * is private: the asker's principals are their email from `users.info` (scope `users:read.email`), cached
 * briefly so a conversation costs one lookup. Everything else (channels, private channels, group DMs,
 * their threads) is shared. When Slack gives no email, the DM still answers, from what everyone may read.
 */
export function createAskerDirectory(options: AskerDirectoryOptions) {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const now = options.now ?? Date.now;
  const known = new Map<string, { principals: string[]; expires: number }>();

  const principalsOf = async (client: webApi.WebClient, user: string): Promise<string[]> => {
    const cached = known.get(user);
    if (cached && cached.expires > now()) return cached.principals;
    let principals = [EVERYONE];
    try {
      const result = await client.users.info({ user });
      const email = result.user?.profile?.email;
      if (email) principals = [EVERYONE, userPrincipal(email)];
      else
        options.logger.warn({ user }, "Slack gave no email for a DM's asker (is the users:read.email scope granted?); answering from what everyone may read");
    } catch (error) {
      options.logger.warn(
        { user, err: slackErrorCode(error) ?? (error as Error).message },
        "could not look up a DM's asker; answering from what everyone may read",
      );
      // Slack's own refusal (missing_scope, user_not_found) will not change in a minute: remembered like an
      // answer, so an app installed without the scope does not ask again for every question. A network
      // error or a rate limit is not: the next question asks again.
      const refused = (error as { data?: { error?: unknown } } | null)?.data?.error;
      if (typeof refused !== "string" || refused === "ratelimited") return principals;
    }
    if (known.size >= MAX_PEOPLE) known.delete(known.keys().next().value!);
    known.set(user, { principals, expires: now() + ttlMs });
    return principals;
  };

  return {
    async audience(client: webApi.WebClient, request: { channel: string; user: string; isDirect: boolean }): Promise<Audience> {
      if (!request.isDirect && !request.channel.startsWith("D")) return { kind: "shared" };
      return { kind: "private", principals: await principalsOf(client, request.user) };
    },
  };
}

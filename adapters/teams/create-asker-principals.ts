import { waitAtMost } from "../../src/shared/wait-at-most.ts";
import type { GraphSettings } from "../../src/config.ts";
import type { Logger } from "../../src/logger.ts";
import { createGraphClient, type GraphClient } from "../../src/shared/graph-client.ts";
import { groupPrincipal, userPrincipal } from "../../src/shared/principals.ts";

export interface AskerPrincipalsOptions {
  graph: GraphSettings;
  logger: Logger;
  /** How long a person's groups are reused before Graph is asked again (default 5 minutes). */
  ttlMs?: number;
  /** How long an asker waits for Graph before being answered without their groups (default 3 s). */
  waitMs?: number;
  now?: () => number;
}

/** Who is asking, as the activity names them: the Entra object id and the tenant it belongs to. */
export interface Asker {
  aadObjectId: string;
  tenantId: string;
}

/** The principals Graph adds for a person (their UPN, mail and every group they belong to, nested ones too). */
export type AskerPrincipals = (asker: Asker) => Promise<string[]>;

const USER_FIELDS = "id,userPrincipalName,mail";

/**
 * A person's user principal names and groups from Microsoft Graph (`/users/{id}` and
 * `/users/{id}/transitiveMemberOf`, paged), with the app's client credentials in the asker's tenant, kept
 * for a few minutes per person: a group change reaches answers within that time, and a conversation does
 * not cost Graph requests per message. Graph unreachable, or no credentials: an empty list and a warning;
 * the asker then reads what everyone may, and what is shared with them by id. Never throws.
 */
export function createAskerPrincipals(options: AskerPrincipalsOptions): AskerPrincipals {
  const { graph, logger } = options;
  const waitMs = options.waitMs ?? 3_000;
  const cache = createPrincipalsCache(options.ttlMs ?? 5 * 60_000, options.now ?? Date.now);
  const clientFor = graphClientPerTenant(graph);
  /** Lookups under way, so that three quick messages from one person cost one lookup. */
  const pending = new Map<string, Promise<string[] | null>>();

  return async ({ aadObjectId, tenantId }) => {
    if (!graph.clientId || !graph.clientSecret) return [];
    const key = `${tenantId}/${aadObjectId}`.toLowerCase();
    const cached = cache.get(key);
    if (cached) return cached;
    let lookup = pending.get(key);
    if (!lookup) {
      lookup = lookUpPrincipals(clientFor(tenantId), aadObjectId)
        .then((principals) => {
          cache.set(key, principals);
          return principals;
        })
        .catch((error: unknown) => (warnLookupFailed(logger, error, aadObjectId), null))
        .finally(() => pending.delete(key));
      pending.set(key, lookup);
    }
    // The asker is waiting: a slow Graph answers this question without the groups (and fills the cache for the next).
    const principals = await lookupWithin(lookup, waitMs, () =>
      logger.warn({ aadObjectId, waitMs }, "Microsoft Graph is slow to list the asker's groups: answering without them this time"),
    );
    return principals ?? [];
  };
}

/** Principals per person until they expire. */
function createPrincipalsCache(ttlMs: number, now: () => number) {
  const entries = new Map<string, { principals: string[]; expiresAt: number }>();
  return {
    get(key: string): string[] | null {
      const cached = entries.get(key);
      return cached && cached.expiresAt > now() ? cached.principals : null;
    },
    set(key: string, principals: string[]): void {
      entries.set(key, { principals, expiresAt: now() + ttlMs });
      // Expired entries go when the cache grows, so a long-running server does not keep every asker ever seen.
      if (entries.size > 10_000) for (const [k, entry] of entries) if (entry.expiresAt <= now()) entries.delete(k);
    },
  };
}

/** One Graph client per tenant, made when its first asker comes. */
function graphClientPerTenant(graph: GraphSettings): (tenantId: string) => GraphClient {
  const clients = new Map<string, GraphClient>();
  return (tenantId) => {
    let client = clients.get(tenantId);
    if (!client) {
      // An asker waits for this: a throttled or slow Graph is given up on quickly, not waited out.
      client = createGraphClient({
        apiUrl: graph.apiUrl,
        loginUrl: graph.loginUrl,
        tenantId,
        clientId: graph.clientId!,
        clientSecret: graph.clientSecret!,
        maxAttempts: 2,
        maxRetryAfterMs: 2_000,
        timeoutMs: 5_000,
      });
      clients.set(tenantId, client);
    }
    return client;
  };
}

async function lookUpPrincipals(client: GraphClient, aadObjectId: string): Promise<string[]> {
  const id = encodeURIComponent(aadObjectId);
  const [user, memberships] = await Promise.all([
    client.getJson<{ userPrincipalName?: string | null; mail?: string | null }>(`/users/${id}?$select=${USER_FIELDS}`),
    client.getAllPages<{ "@odata.type"?: string; id?: string }>(`/users/${id}/transitiveMemberOf?$select=id&$top=999`),
  ]);
  const principals = [
    ...[user.userPrincipalName, user.mail].filter((name): name is string => Boolean(name)).map(userPrincipal),
    // Directory roles and administrative units are memberships too, but nothing is shared with them.
    ...memberships.filter((m) => m["@odata.type"] === "#microsoft.graph.group" && m.id).map((m) => groupPrincipal(m.id!)),
  ];
  return [...new Set(principals)].sort();
}

function warnLookupFailed(logger: Logger, error: unknown, aadObjectId: string): void {
  logger.warn(
    { err: (error as Error).message, aadObjectId },
    "could not read the asker's groups from Microsoft Graph: answering from what everyone may read and what is shared with them by name",
  );
}

/** The lookup's result, or null when it takes longer than `waitMs` (then `onLate` is told). */
async function lookupWithin(lookup: Promise<string[] | null>, waitMs: number, onLate: () => void): Promise<string[] | null> {
  const waited = await waitAtMost(lookup, waitMs);
  if (waited.done) return waited.value;
  onLate();
  return null;
}

import { readSaltedJson, writeSaltedJson } from "./salted-json-file.ts";

/** What is kept of a page between syncs: enough to index it again (moved, re-permissioned) without its body. */
export interface CachedPage {
  version: number;
  title: string;
  markdown: string;
}

export interface ConfluenceCache {
  pages: Record<string, CachedPage>;
  /** accountId → email ("" when Confluence does not give it out). */
  emails: Record<string, string>;
  /** accountId → when its email was looked up (ms): looked up again after a day, as emails change. */
  emailsAt?: Record<string, number>;
}

const EMAIL_TTL_MS = 24 * 3600_000;

/**
 * The cache of one Confluence source. It belongs to the settings it was made with: a different salt starts
 * empty. A missing or unreadable file is an empty cache: the sync then fetches every page once.
 */
export async function loadConfluenceCache(file: string, salt: string): Promise<ConfluenceCache> {
  const stored = await readSaltedJson<ConfluenceCache>(file, salt);
  return stored ? { pages: stored.pages ?? {}, emails: stored.emails ?? {}, emailsAt: stored.emailsAt ?? {} } : { pages: {}, emails: {} };
}

/** The next sync's cache as it starts: no pages yet, and the emails looked up within the last day. */
export function startNextConfluenceCache(cache: ConfluenceCache): ConfluenceCache {
  const fresh = Object.keys(cache.emails).filter((id) => (cache.emailsAt?.[id] ?? 0) > Date.now() - EMAIL_TTL_MS);
  return {
    pages: {},
    emails: Object.fromEntries(fresh.map((id) => [id, cache.emails[id]!])),
    emailsAt: Object.fromEntries(fresh.map((id) => [id, cache.emailsAt![id]!])),
  };
}

export async function saveConfluenceCache(file: string, salt: string, cache: ConfluenceCache): Promise<void> {
  await writeSaltedJson(file, salt, cache);
}

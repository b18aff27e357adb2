import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where a source keeps what it needs between syncs (a sitemap's validators, a git clone):
 * `<DOCENT_DB>/cache/<source name>` when the index is a local folder. With an object-store or cloud index,
 * or no index path at all, a folder under the system's temporary directory, named after the source and
 * what it reads, so that two sources never share one (losing it only costs a full fetch or a new clone).
 */
export function sourceCacheDir(source: { name: string; type: string; url?: string; path?: string }, dbPath?: string): string {
  const safeName = source.name.replace(/[^\w.-]/g, "_").replace(/^\.+/, "_") || "_";
  const name = safeName === source.name ? safeName : `${safeName}-${shortHash(source.name)}`;
  if (dbPath && /^file:\/\//i.test(dbPath)) return join(fileURLToPath(dbPath), "cache", name);
  // `s3://bucket`, `gs://…`, `db://…` (LanceDB Cloud) are not folders on this machine.
  if (dbPath && !/^[a-z][a-z0-9+.-]+:\/\//i.test(dbPath)) return join(resolve(dbPath), "cache", name);
  return join(tmpdir(), "docent-cache", `${name}-${shortHash(JSON.stringify([source.type, source.url ?? null, source.path ?? null, dbPath ?? null]))}`);
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 8);
}

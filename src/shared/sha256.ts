import { createHash } from "node:crypto";

/** Hex SHA-256: content hashes of documents and passages decide what a sync must touch. */
export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

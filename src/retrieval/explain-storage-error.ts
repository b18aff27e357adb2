import { SetupError } from "../shared/setup-error.ts";

/** An index on object storage that cannot be used as configured; the message names the setting to fix. */
export class IndexStorageError extends SetupError {}

/**
 * Object-store failures in plain words. LanceDB reports them as one long Rust error chain; what a person
 * needs is which of bucket, keys or endpoint is wrong. Null for anything that is not a storage failure.
 */
export function explainStorageError(uri: string, endpoint: string | undefined, error: unknown): IndexStorageError | null {
  const message = (error as Error)?.message ?? String(error);
  const bucket = /^s3:\/\/([^/]+)/i.exec(uri)?.[1] ?? "?";
  const where = endpoint ?? "AWS S3";
  if (/NoSuchBucket/.test(message)) {
    return new IndexStorageError(`the bucket "${bucket}" of DOCENT_DB=${uri} does not exist at ${where}; create it first (LanceDB does not create buckets)`);
  }
  if (/InvalidAccessKeyId|SignatureDoesNotMatch|AccessDenied|403 Forbidden/.test(message)) {
    return new IndexStorageError(
      `${where} refused the credentials for DOCENT_DB=${uri}: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and that the key may use bucket "${bucket}")`,
    );
  }
  if (/ECONNREFUSED|Connection refused|dns error|error sending request|connection error|timed out/i.test(message)) {
    return new IndexStorageError(`cannot reach the object store at ${where} for DOCENT_DB=${uri}: check AWS_ENDPOINT_URL and that the store is up`);
  }
  return null;
}

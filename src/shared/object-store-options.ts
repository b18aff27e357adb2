/**
 * LanceDB storage options for an index on S3-compatible object storage (`DOCENT_DB=s3://bucket/prefix`),
 * from the variables every AWS tool reads. `AWS_ENDPOINT_URL` points at a store other than AWS (MinIO,
 * Ceph); an `http://` endpoint is allowed only when named explicitly. Local paths need none.
 */
export function objectStoreOptions(uri: string, env: Record<string, string | undefined>): Record<string, string> | undefined {
  if (!/^s3:\/\//i.test(uri)) return undefined;
  const options: Record<string, string> = { aws_region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1" };
  if (env.AWS_ACCESS_KEY_ID) options.aws_access_key_id = env.AWS_ACCESS_KEY_ID;
  if (env.AWS_SECRET_ACCESS_KEY) options.aws_secret_access_key = env.AWS_SECRET_ACCESS_KEY;
  if (env.AWS_SESSION_TOKEN) options.aws_session_token = env.AWS_SESSION_TOKEN;
  const endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  if (endpoint) {
    options.aws_endpoint = endpoint;
    if (/^http:\/\//i.test(endpoint)) options.allow_http = "true";
  }
  return options;
}

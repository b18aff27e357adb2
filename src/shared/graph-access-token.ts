import { sha256 } from "./sha256.ts";

/** An app registration's client-credentials access to Microsoft Graph in one tenant. */
export interface GraphCredentials {
  /** `https://graph.microsoft.com/v1.0`, or a local server in tests (GRAPH_API_URL). */
  apiUrl: string;
  /** `https://login.microsoftonline.com`, or a local server in tests (MICROSOFT_LOGIN_URL). */
  loginUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/** Graph's own resource: the token is for Graph even when the API is reached through a local test server. */
const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

interface CachedToken {
  token: string;
  /** Milliseconds since the epoch after which the token is no longer used. */
  renewAt: number;
}

// One token per tenant and app for the whole process: every sync and every asker lookup shares it, and a
// token is asked for once however many requests start at the same moment.
const tokens = new Map<string, Promise<CachedToken>>();
/** The token each settled request holds, so that a refused one is dropped only if it is still the current one. */
const settled = new Map<string, string>();

function keyOf(credentials: GraphCredentials): string {
  return sha256(JSON.stringify([credentials.loginUrl, credentials.tenantId, credentials.clientId, credentials.clientSecret]));
}

/**
 * A bearer token from `{login}/{tenant}/oauth2/v2.0/token` (client-credentials grant), cached until shortly
 * before `expires_in` runs out. A failure is not cached, and its message never contains the secret.
 */
export async function graphAccessToken(credentials: GraphCredentials, doFetch: typeof fetch = fetch, now: () => number = Date.now): Promise<string> {
  const key = keyOf(credentials);
  const cached = tokens.get(key);
  if (cached) {
    const token = await cached.catch(() => null);
    if (token && token.renewAt > now()) return token.token;
    if (tokens.get(key) === cached) {
      tokens.delete(key);
      settled.delete(key);
    } else return graphAccessToken(credentials, doFetch, now);
  }
  const request = requestToken(credentials, doFetch, now);
  tokens.set(key, request);
  request.then(
    (entry) => tokens.get(key) === request && settled.set(key, entry.token),
    () => tokens.get(key) === request && tokens.delete(key),
  );
  return (await request).token;
}

/** Drops a token Graph refused (401), unless another request already replaced it. */
export function forgetGraphToken(credentials: GraphCredentials, token: string): void {
  const key = keyOf(credentials);
  if (settled.get(key) === token) {
    settled.delete(key);
    tokens.delete(key);
  }
}

async function requestToken(credentials: GraphCredentials, doFetch: typeof fetch, now: () => number): Promise<CachedToken> {
  const url = `${credentials.loginUrl.replace(/\/+$/, "")}/${encodeURIComponent(credentials.tenantId)}/oauth2/v2.0/token`;
  const body = new URLSearchParams({
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    scope: GRAPH_SCOPE,
    grant_type: "client_credentials",
  });
  let response: Response;
  try {
    response = await doFetch(url, { method: "POST", body, headers: { accept: "application/json" }, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    throw new Error(`could not reach the Microsoft sign-in service at ${new URL(url).origin} (${cause?.code ?? (error as Error).message})`);
  }
  const json = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number | string; error?: string; error_description?: string };
  if (!response.ok || !json.access_token) {
    // error_description starts with an AADSTS code that says what is wrong (a wrong secret, an unknown tenant).
    const reason = json.error ? `${json.error}${json.error_description ? `: ${json.error_description.split("\n")[0]}` : ""}` : `HTTP ${response.status}`;
    throw new Error(`Microsoft sign-in refused the app ${credentials.clientId} in tenant ${credentials.tenantId} (${reason})`);
  }
  const lifetimeMs = Math.max(0, Number(json.expires_in ?? 3600) * 1000);
  // Renewed a minute early, or at half-life for a short-lived token, so no request goes out with a dying token.
  return { token: json.access_token, renewAt: now() + lifetimeMs - Math.min(60_000, lifetimeMs / 2) };
}

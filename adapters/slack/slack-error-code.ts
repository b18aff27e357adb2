/** Slack's error code (`missing_scope`, `ratelimited`…) from a Web API error, when there is one. */
export function slackErrorCode(error: unknown): string | null {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  if (data && typeof data.error === "string") return data.error;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : null;
}

/** What a log line says about a failed Web API call: Slack's code, else the error's message. */
export function describeSlackError(error: unknown): string {
  return slackErrorCode(error) ?? (error as Error).message;
}

import type { Logger } from "../../src/logger.ts";
import { slackErrorCode } from "./slack-error-code.ts";

export type SlackFeature = "status" | "streaming";

/**
 * What this workspace's token turned out to allow, shared by all replies: once Slack says a method is
 * missing a scope or unavailable to this app, later questions skip straight to the fallback.
 */
export interface SlackFeatures {
  allows(feature: SlackFeature): boolean;
  /** Records a failed call; a refusal no retry can change switches the feature off. Returns what to log. */
  failed(feature: SlackFeature, error: unknown): string;
}

/** Errors that will not go away on a retry: the app lacks the scope or the feature. */
const PERMANENT_ERRORS = new Set([
  "missing_scope",
  "not_allowed_token_type",
  "unknown_method",
  "method_deprecated",
  "feature_not_enabled",
  "not_enabled",
  "no_permission",
  "access_denied",
  "invalid_arguments",
]);
const METHODS: Record<SlackFeature, string> = { status: "assistant.threads.setStatus", streaming: "chat.startStream" };

export function createSlackFeatures(logger: Logger): SlackFeatures {
  const allowed: Record<SlackFeature, boolean> = { status: true, streaming: true };
  return {
    allows: (feature) => allowed[feature],
    failed(feature, error) {
      const code = slackErrorCode(error);
      if (code && PERMANENT_ERRORS.has(code) && allowed[feature]) {
        allowed[feature] = false;
        logger.warn({ method: feature, error: code }, `Slack refused ${METHODS[feature]} for this app; using the fallback from now on`);
      }
      return code ?? (error as Error).message;
    },
  };
}

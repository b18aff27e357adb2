import { z } from "zod";

/** The payload types Slack sends to this app and Bolt knows how to route. */
const ROUTED_TYPES = [
  "event_callback",
  "url_verification",
  "block_actions",
  "view_submission",
  "view_closed",
  "block_suggestion",
  "shortcut",
  "message_action",
  "interactive_message",
] as const;

const payloadSchema = z
  .object({ type: z.string().min(1, "the payload has no type") })
  .passthrough()
  .superRefine((payload, ctx) => {
    if (payload.type === "event_callback") {
      const event = (payload as { event?: unknown }).event;
      if (typeof event !== "object" || event === null || typeof (event as { type?: unknown }).type !== "string") {
        ctx.addIssue({ code: "custom", message: "an event_callback without an event" });
      }
    }
    // Interactivity payloads name who acted; Bolt reads `user.id` (and `team`) without checking.
    if (INTERACTIVE_TYPES.has(payload.type)) {
      const user = (payload as { user?: unknown }).user;
      if (typeof user !== "object" || user === null || typeof (user as { id?: unknown }).id !== "string") {
        ctx.addIssue({ code: "custom", message: `a ${payload.type} payload without a user` });
      }
      const actions = (payload as { actions?: unknown }).actions;
      if (payload.type === "block_actions" && (!Array.isArray(actions) || actions.some((a) => typeof a !== "object" || a === null))) {
        ctx.addIssue({ code: "custom", message: "a block_actions payload without a list of actions" });
      }
    }
  });

const INTERACTIVE_TYPES = new Set(["block_actions", "view_submission", "view_closed", "block_suggestion", "shortcut", "message_action", "interactive_message"]);

export type SlackPayload = { kind: "routed"; type: (typeof ROUTED_TYPES)[number] } | { kind: "ssl_check" } | { kind: "rate_limited" };

export class SlackPayloadError extends Error {
  override name = "SlackPayloadError";
}

/**
 * Checks a verified body's shape before Bolt sees it. Bolt trusts shapes: a JSON `null` or an envelope
 * without its event makes it throw after the response is gone, or leave the request hanging for three
 * seconds. Here such bodies get a plain 400 instead. Form bodies follow Slack's rule: interactivity
 * arrives as `payload=<json>`, the SSL check as `ssl_check=1`.
 */
export function readSlackPayload(contentType: string, body: string): SlackPayload {
  let raw: unknown;
  if (contentType === "application/x-www-form-urlencoded") {
    const form = new URLSearchParams(body);
    if (form.get("ssl_check") === "1") return { kind: "ssl_check" };
    const payload = form.get("payload");
    if (payload === null) throw new SlackPayloadError("the form body has no payload");
    raw = parseJson(payload);
  } else if (contentType === "application/json") {
    raw = parseJson(body);
  } else {
    throw new SlackPayloadError(`unsupported content type ${contentType || "(none)"}`);
  }
  const parsed = payloadSchema.safeParse(raw);
  if (!parsed.success) throw new SlackPayloadError(parsed.error.issues[0]?.message ?? "the payload is not an object");
  // Slack's notice that it is dropping this app's events for a while: worth a log line, not a listener.
  if (parsed.data.type === "app_rate_limited") return { kind: "rate_limited" };
  const type = ROUTED_TYPES.find((t) => t === parsed.data.type);
  if (!type) throw new SlackPayloadError(`unsupported payload type ${parsed.data.type}`);
  return { kind: "routed", type };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SlackPayloadError("the body is not valid JSON");
  }
}

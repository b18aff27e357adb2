import type { types } from "@slack/bolt";
import { z } from "zod";

export const FEEDBACK_REASON_CALLBACK_ID = "docent_feedback_reason";
const BLOCK_ID = "reason";
const ACTION_ID = "reason_input";
export const MAX_REASON_CHARS = 500;

/** Where the answer was posted, so the reason's routing to a document owner can link to it. */
export interface AnswerMessage {
  channel: string;
  ts: string;
}

/** The optional "what was wrong?" form shown after a thumbs-down; it remembers which answer it is about. */
export function feedbackReasonModal(answerId: string, message?: AnswerMessage): types.ModalView {
  return {
    type: "modal",
    callback_id: FEEDBACK_REASON_CALLBACK_ID,
    private_metadata: JSON.stringify(message ? { answerId, channel: message.channel, ts: message.ts } : { answerId }),
    title: { type: "plain_text", text: "What went wrong?" },
    submit: { type: "plain_text", text: "Send" },
    close: { type: "plain_text", text: "Skip" },
    blocks: [
      {
        type: "input",
        block_id: BLOCK_ID,
        optional: true,
        label: { type: "plain_text", text: "Tell us what was missing or wrong (optional)" },
        element: {
          type: "plain_text_input",
          action_id: ACTION_ID,
          multiline: true,
          max_length: MAX_REASON_CHARS,
          placeholder: { type: "plain_text", text: "e.g. the policy changed last month, or it cited the wrong page" },
        },
      },
    ],
  };
}

const submissionSchema = z.object({
  private_metadata: z.string(),
  state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullable().optional() }).passthrough())) }),
});

const metadataSchema = z.object({
  answerId: z.string().min(1).max(100),
  channel: z
    .string()
    .regex(/^[A-Z0-9]{2,40}$/)
    .optional(),
  ts: z
    .string()
    .regex(/^\d{1,12}\.\d{1,9}$/)
    .optional(),
});

/** The answer id and reason from a submitted form (and where the answer is, for forms that say); null when the submission is not ours or is malformed. */
export function readFeedbackReason(view: unknown): { answerId: string; reason: string | null; message?: AnswerMessage } | null {
  const parsed = submissionSchema.safeParse(view);
  if (!parsed.success) return null;
  let metadata: unknown;
  try {
    metadata = JSON.parse(parsed.data.private_metadata);
  } catch {
    return null;
  }
  const fields = metadataSchema.safeParse(metadata);
  if (!fields.success) return null;
  const { answerId, channel, ts } = fields.data;
  const reason = parsed.data.state.values[BLOCK_ID]?.[ACTION_ID]?.value?.trim();
  return { answerId, reason: reason ? reason.slice(0, MAX_REASON_CHARS) : null, ...(channel && ts ? { message: { channel, ts } } : {}) };
}

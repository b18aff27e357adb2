import type { types } from "@slack/bolt";
import { z } from "zod";

export const FEEDBACK_REASON_CALLBACK_ID = "docent_feedback_reason";
const BLOCK_ID = "reason";
const ACTION_ID = "reason_input";
export const MAX_REASON_CHARS = 500;

/** The optional "what was wrong?" form shown after a thumbs-down; it remembers which answer it is about. */
export function feedbackReasonModal(answerId: string): types.ModalView {
  return {
    type: "modal",
    callback_id: FEEDBACK_REASON_CALLBACK_ID,
    private_metadata: JSON.stringify({ answerId }),
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

/** The answer id and reason from a submitted form; null when the submission is not ours or is malformed. */
export function readFeedbackReason(view: unknown): { answerId: string; reason: string | null } | null {
  const parsed = submissionSchema.safeParse(view);
  if (!parsed.success) return null;
  let metadata: unknown;
  try {
    metadata = JSON.parse(parsed.data.private_metadata);
  } catch {
    return null;
  }
  const answerId = z.object({ answerId: z.string().min(1).max(100) }).safeParse(metadata);
  if (!answerId.success) return null;
  const reason = parsed.data.state.values[BLOCK_ID]?.[ACTION_ID]?.value?.trim();
  return { answerId: answerId.data.answerId, reason: reason ? reason.slice(0, MAX_REASON_CHARS) : null };
}

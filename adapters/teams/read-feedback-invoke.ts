import { z } from "zod";
import type { DocentCore } from "../../src/core/docent-core.ts";

/** A vote as the core's feedback API records it (the adapter knows no feedback store of its own). */
export type FeedbackVote = Required<Pick<Parameters<DocentCore["feedback"]["recordFeedback"]>[0], "rating" | "comment">>;

/** `value` of the `message/submitAction` invoke that Teams' feedback buttons send. Untrusted: checked here. */
const submitActionSchema = z.object({
  actionName: z.literal("feedback"),
  actionValue: z.object({
    reaction: z.enum(["like", "dislike"]),
    // A JSON string (`{"feedbackText":"…"}`) from the default form; tolerate the object form too.
    feedback: z.union([z.string().max(20_000), z.object({ feedbackText: z.string().optional() }).loose()]).optional(),
  }),
});

const feedbackTextSchema = z.object({ feedbackText: z.string() }).loose();

/** The vote in a feedback invoke, or null when the value is not one. */
export function readFeedbackInvoke(value: unknown): FeedbackVote | null {
  const parsed = submitActionSchema.safeParse(value);
  if (!parsed.success) return null;
  const { reaction, feedback } = parsed.data.actionValue;
  return { rating: reaction === "like" ? "up" : "down", comment: feedbackText(feedback) };
}

function feedbackText(feedback: string | { feedbackText?: string } | undefined): string | null {
  if (feedback === undefined) return null;
  let text: string | undefined;
  if (typeof feedback === "string") {
    try {
      const parsed = feedbackTextSchema.safeParse(JSON.parse(feedback));
      text = parsed.success ? parsed.data.feedbackText : undefined;
    } catch {
      // Not JSON: a client that sent the text itself.
      text = feedback;
    }
  } else {
    text = feedback.feedbackText;
  }
  const trimmed = text?.trim();
  return trimmed ? trimmed.slice(0, 2000) : null;
}

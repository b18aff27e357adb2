import type { Activity } from "@microsoft/agents-activity";
import type { DocentCore } from "../../src/core/docent-core.ts";
import type { Logger } from "../../src/logger.ts";
import { readFeedbackInvoke, type FeedbackVote } from "./read-feedback-invoke.ts";
import { teamsAnswerRef } from "./teams-answer-ref.ts";

/**
 * Records the vote in a `message/submitAction` feedback invoke through the core's feedback API, and says
 * which status the invoke is answered with: 400 when it is not feedback, else 200, also when the vote
 * cannot be stored (the user can do nothing about our store; the log gets the detail).
 */
export async function recordFeedbackInvoke(
  activity: Activity,
  feedback: DocentCore["feedback"],
  logger: Logger,
  /** Told of each vote that was stored, with the answer's reference (owner routing starts from here). */
  onRecorded?: (vote: FeedbackVote, answer: string) => void,
): Promise<200 | 400> {
  const vote = readFeedbackInvoke(activity.value);
  if (!vote || !activity.replyToId || !activity.conversation) return 400;
  const user = activity.from?.aadObjectId ?? activity.from?.id ?? "";
  try {
    const answer = teamsAnswerRef(activity.conversation.id, activity.replyToId);
    const recorded = await feedback.recordFeedback({ answer, platform: "teams", user, ...vote });
    if (!recorded) logger.warn({ replyToId: activity.replyToId }, "Teams feedback on a message that is not a known answer");
    else onRecorded?.(vote, answer);
  } catch (error) {
    logger.error({ err: error, replyToId: activity.replyToId }, "could not record Teams feedback");
  }
  return 200;
}

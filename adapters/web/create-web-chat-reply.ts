import type { ChatReply } from "../../src/core/answer-in-thread.ts";
import { toWebAnswer } from "./to-web-answer.ts";

/**
 * The playground's side of a reply, as server-sent events the page reads: `delta` while the answer is
 * written, then `answer`, or `error` with the text to show. The page shows its own working sign, and
 * its feedback carries the answer id, so there is no message to link.
 */
export function createWebChatReply(send: (event: string, data: unknown) => void): ChatReply {
  return {
    showWorking: async () => undefined,
    showQueued: () => undefined,
    append: (text) => send("delta", { text }),
    async finishWithAnswer(answer) {
      send("answer", toWebAnswer(answer));
      return null;
    },
    async finishWithText(message) {
      send("error", { message });
    },
  };
}

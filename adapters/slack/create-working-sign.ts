import type { webApi } from "@slack/bolt";
import { QUEUED_MESSAGE } from "../../src/core/docent-core.ts";
import type { Logger } from "../../src/logger.ts";
import type { SlackFeatures } from "./create-slack-features.ts";
import { describeSlackError } from "./slack-error-code.ts";
import type { ThreadTarget } from "./thread-target.ts";

export const WORKING_STATUS = "is looking through the knowledge base…";
export const QUEUED_STATUS = "is waiting in line…";
export const PLACEHOLDER_TEXT = "_Looking through the knowledge base…_";

export interface WorkingSign {
  /** The thread's loading status, else a placeholder message. */
  show(): Promise<void>;
  /** Tells the asker the question waits in line, in whichever sign is showing. */
  queued(position: number): void;
  /** The placeholder standing in for the answer, when one was posted: the final message replaces it. */
  placeholderTs(): string | null;
  /** Resolves once the last change of the sign landed, so the final message is never overtaken by it. */
  settled(): Promise<unknown>;
}

/** The first visible sign of work in a Slack thread, and its "waiting in line" variant. */
export function createWorkingSign(client: webApi.WebClient, target: ThreadTarget, options: { features: SlackFeatures; log: Logger }): WorkingSign {
  const { features, log } = options;
  let placeholderTs: string | null = null;
  let statusShown = false;
  let change: Promise<unknown> = Promise.resolve();
  const setStatus = (status: string, loadingMessages?: string[]) =>
    client.assistant.threads.setStatus({
      channel_id: target.channel,
      thread_ts: target.threadTs,
      status,
      ...(loadingMessages ? { loading_messages: loadingMessages } : {}),
    });
  return {
    async show() {
      if (features.allows("status")) {
        try {
          await setStatus(WORKING_STATUS);
          statusShown = true;
          return;
        } catch (error) {
          log.info({ err: features.failed("status", error) }, "could not set the thread's status; posting a placeholder");
        }
      }
      try {
        placeholderTs = (await client.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, text: PLACEHOLDER_TEXT })).ts ?? null;
      } catch (error) {
        log.warn({ err: describeSlackError(error) }, "could not post a placeholder either");
      }
    },
    queued(position) {
      const message = QUEUED_MESSAGE(position);
      const update =
        placeholderTs !== null
          ? client.chat.update({ channel: target.channel, ts: placeholderTs, text: `_${message}_` })
          : statusShown
            ? setStatus(QUEUED_STATUS, [message])
            : null;
      if (update) change = update.catch((error: unknown) => log.debug({ err: describeSlackError(error) }, "could not say that the question waits in line"));
    },
    placeholderTs: () => placeholderTs,
    settled: () => change,
  };
}

import type { Activity } from "@microsoft/agents-activity";
import type { InvokeResponse } from "@microsoft/agents-hosting";
import { z } from "zod";
import { answeredQuestion } from "../../src/core/answered-question.ts";
import type { DocentCore } from "../../src/core/docent-core.ts";
import { NOTHING_TO_SAVE, notAVerifier, SAVE_FAILED, savedConfirmation } from "../../src/core/verified-answer-replies.ts";
import { MAX_VERIFIED_ANSWER, MAX_VERIFIED_QUESTION } from "../../src/feedback/verified-answer-store.ts";
import type { Logger } from "../../src/logger.ts";

/** The message action's command id, as the Teams manifest declares it (composeExtensions[0].commands). */
export const SAVE_VERIFIED_COMMAND_ID = "saveVerifiedAnswer";
export const FETCH_TASK = "composeExtension/fetchTask";
export const SUBMIT_ACTION = "composeExtension/submitAction";

export const NOT_A_VERIFIER = notAVerifier("Microsoft Entra object ID");
export const NOT_A_PERSON = "Pick a person's reply to save, not a bot's message.";
export const NO_QUESTION = "Say which question this answers: Docent did not answer one in this thread that it still remembers.";

/** `value` of both invokes (MessagingExtensionAction): the command, where it was used, the message, the form's fields. */
const actionSchema = z.object({
  commandId: z.literal(SAVE_VERIFIED_COMMAND_ID),
  commandContext: z.literal("message"),
  messagePayload: z
    .object({
      id: z.string().optional(),
      replyToId: z.string().nullish(),
      linkToMessage: z.string().nullish(),
      body: z.object({ contentType: z.string().optional(), content: z.string().nullish() }).loose().optional(),
      from: z
        .object({ user: z.object({ id: z.string(), displayName: z.string().nullish() }).loose().nullish(), application: z.unknown().nullish() })
        .loose()
        .nullish(),
    })
    .loose(),
  data: z.object({ question: z.string().optional(), answer: z.string().optional() }).loose().nullish(),
});

type MessageAction = z.infer<typeof actionSchema>;

/**
 * "Save as verified answer", Teams' message action: `composeExtension/fetchTask` opens a form (an Adaptive
 * Card dialog) with the thread's question and the chosen reply, both editable; `composeExtension/submitAction`
 * saves what was submitted, verified by whoever submitted it. Only the configured verifiers may; everyone
 * else sees a plain refusal in the dialog, which only they see.
 */
export async function answerVerifiedAction(activity: Activity, options: { core: DocentCore; logger: Logger; verifiers: string[] }): Promise<InvokeResponse> {
  const parsed = actionSchema.safeParse(activity.value);
  if (!parsed.success || !activity.conversation?.id) return { status: 400 };
  const action = parsed.data;
  const person = activity.from?.aadObjectId?.toLowerCase();
  if (!person || !options.verifiers.includes(person)) {
    options.logger.info({ user: activity.from?.aadObjectId }, "refused a verified answer from someone who is not a verifier");
    return dialogMessage(NOT_A_VERIFIER);
  }
  if (action.messagePayload.from?.application || !action.messagePayload.from?.user) return dialogMessage(NOT_A_PERSON);
  const reply = messageText(action.messagePayload.body?.content ?? "", action.messagePayload.body?.contentType);
  const remembered = await options.core.threadTurns(threadOf(activity.conversation.id, action)).then(answeredQuestion, () => null);

  if (activity.name === FETCH_TASK) {
    if (!reply) return dialogMessage(NOTHING_TO_SAVE);
    return {
      status: 200,
      body: {
        task: { type: "continue", value: { title: "Save as verified answer", height: "medium", width: "medium", card: verifiedForm(remembered ?? "", reply) } },
      },
    };
  }
  // A submitted form carries the (possibly edited) fields; without a form, the message and the thread decide.
  const question = (action.data?.question ?? remembered ?? "").trim();
  const answer = (action.data?.answer ?? reply).trim();
  if (!answer) return dialogMessage(NOTHING_TO_SAVE);
  if (!question) return dialogMessage(NO_QUESTION);
  try {
    await options.core.verified.save({
      question: question.slice(0, MAX_VERIFIED_QUESTION),
      answer: answer.slice(0, MAX_VERIFIED_ANSWER),
      verifiedBy: { name: activity.from?.name || "a Teams user", platform: "teams", id: person },
      link: /^https:\/\//i.test(action.messagePayload.linkToMessage ?? "") ? action.messagePayload.linkToMessage! : null,
    });
  } catch (error) {
    options.logger.error({ err: (error as Error).message }, "could not save a verified answer");
    return dialogMessage(SAVE_FAILED);
  }
  options.logger.info("saved a verified answer from Teams");
  return dialogMessage(savedConfirmation(question, "the message"));
}

/** A dialog with one plain message: what the person who used the action sees, and only they. */
function dialogMessage(text: string): InvokeResponse {
  return { status: 200, body: { task: { type: "message", value: text } } };
}

/**
 * The core's thread key for the conversation the action was used in: in a channel, the reply chain (Teams
 * names it in the conversation id, or the message names its root); elsewhere the whole chat.
 */
function threadOf(conversationId: string, action: MessageAction) {
  const channel = conversationId.split(";")[0]!;
  const root = action.messagePayload.replyToId;
  const thread = conversationId.includes(";messageid=") || !root ? conversationId : `${channel};messageid=${root}`;
  return { platform: "teams" as const, conversation: channel, thread };
}

/** A Teams message body (HTML, usually) as plain text, paragraphs kept. */
function messageText(content: string, contentType = "html"): string {
  if (contentType !== "html") return content.trim();
  return content
    .replace(/<at[^>]*>.*?<\/at>/gi, "")
    .replace(/<br\s*\/?>|<\/(p|div|li)>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** The form: an Adaptive Card (1.5, the newest Teams renders for bots) with both fields editable. */
function verifiedForm(question: string, answer: string) {
  return {
    contentType: "application/vnd.microsoft.card.adaptive",
    content: {
      type: "AdaptiveCard",
      $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
      version: "1.5",
      body: [
        { type: "TextBlock", text: "Docent will answer this question from this reply, citing you and linking the message.", wrap: true },
        {
          type: "Input.Text",
          id: "question",
          label: "Question",
          value: question,
          isRequired: true,
          errorMessage: "Say which question this answers",
          maxLength: MAX_VERIFIED_QUESTION,
        },
        {
          type: "Input.Text",
          id: "answer",
          label: "Verified answer",
          value: answer,
          isMultiline: true,
          isRequired: true,
          errorMessage: "The answer is empty",
          maxLength: MAX_VERIFIED_ANSWER,
        },
      ],
      actions: [{ type: "Action.Submit", title: "Save" }],
    },
  };
}

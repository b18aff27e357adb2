import { Activity } from "@microsoft/agents-activity";

/** An activity the bot posts; the conversation reference (from, recipient, conversation, …) is added on sending. */
export interface OutgoingActivity {
  type: string;
  text?: string;
  /** Only Teams' streaming protocol sets it: every part of a stream, and its final message, carry the stream id. */
  id?: string;
  /** Entities as they go on the wire: Teams defines many shapes (streaminfo, the AI message, mentions). */
  entities?: Array<{ type: string; [field: string]: any }>;
  channelData?: Record<string, unknown>;
}

/** The part of the Agents SDK's ConnectorClient the adapter uses (a structural type over it). */
export interface ConversationsApi {
  sendToConversation(conversationId: string, activity: Activity): Promise<{ id?: string }>;
  replyToActivity(conversationId: string, activityId: string, activity: Activity): Promise<{ id?: string }>;
}

export interface ConversationSender {
  /**
   * Posts an activity into the incoming message's conversation: as a reply to that message by default
   * (`POST …/activities/{replyToId}`), or plainly (`POST …/activities`, as Teams' streaming protocol asks).
   * Resolves with the id the connector gave it, when it gave one.
   */
  send(activity: OutgoingActivity, options?: { reply?: boolean }): Promise<string | undefined>;
}

/**
 * Sends into a conversation, also after its turn has ended (answers are written after the HTTP response).
 * It uses the turn's ConnectorClient directly rather than `TurnContext.sendActivity`, which deletes an
 * outgoing activity's `id` and always replies to the incoming message: Teams' streaming protocol needs
 * both the other way (see start-answer-stream.ts).
 */
export function createConversationSender(conversations: ConversationsApi, incoming: Activity): ConversationSender {
  const reference = incoming.getConversationReference();
  const conversationId = reference.conversation.id;
  return {
    async send(activity, options = {}) {
      const outgoing = Activity.fromObject(activity).applyConversationReference(reference);
      const replyToId = options.reply === false ? undefined : reference.activityId;
      if (replyToId) return (await conversations.replyToActivity(conversationId, replyToId, outgoing)).id || undefined;
      delete outgoing.replyToId;
      return (await conversations.sendToConversation(conversationId, outgoing)).id || undefined;
    },
  };
}

import { TurnContext, type Activity } from "botbuilder";

/** The part of botframework-connector's ConnectorClient the adapter uses (a structural type, so tests can fake it). */
export interface ConversationsApi {
  sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
  replyToActivity(conversationId: string, activityId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
}

export interface ConversationSender {
  /**
   * Posts an activity into the incoming message's conversation: as a reply to that message by default
   * (`POST …/activities/{replyToId}`), or plainly (`POST …/activities`, as Teams' streaming protocol asks).
   * Resolves with the id the connector gave it, when it gave one.
   */
  send(activity: Partial<Activity>, options?: { reply?: boolean }): Promise<string | undefined>;
}

/**
 * Sends into a conversation after its turn has ended. botbuilder revokes a TurnContext when the turn's
 * logic returns, and a proactive `continueConversationAsync` turn replies to a random id; so the adapter
 * keeps the turn's connector client and addresses activities itself, the way TurnContext would have.
 */
export function createConversationSender(conversations: ConversationsApi, incoming: Partial<Activity>): ConversationSender {
  const reference = TurnContext.getConversationReference(incoming);
  const conversationId = reference.conversation!.id;
  return {
    async send(activity, options = {}) {
      const outgoing = TurnContext.applyConversationReference({ ...activity }, reference) as Partial<Activity>;
      const replyToId = options.reply === false ? undefined : reference.activityId;
      if (replyToId) {
        outgoing.replyToId = replyToId;
        return (await conversations.replyToActivity(conversationId, replyToId, outgoing)).id || undefined;
      }
      delete outgoing.replyToId;
      return (await conversations.sendToConversation(conversationId, outgoing)).id || undefined;
    },
  };
}

/**
 * How a posted answer is found again when its feedback arrives: Teams message ids are unique only within
 * a conversation, so the reference names both (the channel, not the reply chain: `;messageid=` dropped).
 */
export function teamsAnswerRef(conversationId: string, messageId: string): string {
  return `teams:${conversationId.split(";")[0]}:${messageId}`;
}

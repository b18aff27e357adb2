import { teamsAnswerRef } from "../../../adapters/teams/teams-answer-ref.ts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BOT_APP_ID, channelMention, groupChatMessage, personalMessage, USER, type TeamsActivity } from "./fixtures/activities.ts";
import { indexTeamsCorpus, startTeamsHarness, type IndexedCorpus, type TeamsHarness } from "./start-teams-harness.ts";
import type { ReceivedActivity } from "../../helpers/fake-teams-connector.ts";

const markersIn = (text: string) => [...new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
const aiEntitiesOf = (activity: ReceivedActivity) => (activity.body.entities ?? []).filter((e: { type: string }) => e.type === "https://schema.org/Message");
/** The answer is linked to its message right after the connector took it: wait for that. */
const linkedAnswer = (teams: TeamsHarness, message: ReceivedActivity) =>
  vi.waitFor(async () => {
    const ref = teamsAnswerRef(message.conversationId, message.id);
    const stored = await teams.core.feedback.findAnswer(ref);
    if (!stored) throw new Error(`no answer linked to ${ref} yet`);
    return stored;
  });
const isAnswer = (conversationId: string) => (a: ReceivedActivity) => a.conversationId === conversationId && a.body.type === "message";

describe("Teams: questions in channels and chats, answered over the Bot Framework wire", () => {
  let corpus: IndexedCorpus;
  let teams: TeamsHarness;
  beforeAll(async () => {
    corpus = await indexTeamsCorpus();
    teams = await startTeamsHarness({ corpus });
  });
  afterAll(async () => {
    await teams.stop();
    await corpus.remove();
  });

  describe("a channel post that @mentions the bot", () => {
    let activity: Record<string, any>;
    let answer: ReceivedActivity;
    let response: { status: number; body: string };
    beforeAll(async () => {
      activity = channelMention(teams.connector.serviceUrl, "how many weeks of paid parental leave do I get?");
      response = await teams.post(activity);
      answer = await teams.connector.waitFor(isAnswer(activity.conversation.id));
    });

    it("is acknowledged with 200 at once, before the answer is written", () => {
      expect(response.status).toBe(200);
      expect(response.body).toBe("");
    });

    it("gets a typing activity first, in the post's reply chain", async () => {
      const first = teams.connector.received.find((a) => a.conversationId === activity.conversation.id)!;
      expect(first.body.type).toBe("typing");
      expect(first.replyToId).toBe(activity.id);
    });

    it("is answered in the reply chain of that post: the conversation id with ;messageid= and the post's id as replyToId", () => {
      expect(answer.conversationId).toBe(`19:abc@thread.tacv2;messageid=${activity.id}`);
      expect(answer.replyToId).toBe(activity.id);
      expect(answer.body.replyToId).toBe(activity.id);
      expect(answer.body.conversation.id).toBe(activity.conversation.id);
      expect(answer.body.from.id).toBe(`28:${BOT_APP_ID}`);
      expect(answer.body.recipient.id).toBe(USER.id);
    });

    it("answers the question without the mention, from the right document", () => {
      expect(answer.body.text).toMatch(/16 weeks/);
      expect(answer.body.text).not.toMatch(/<at>|KB Bot/);
    });

    it("carries exactly one AI message entity with every field intact (botbuilder 4.23.3 would strip them)", () => {
      const entities = aiEntitiesOf(answer);
      expect(entities).toHaveLength(1);
      const [entity] = entities;
      expect(entity).toMatchObject({ "@type": "Message", "@context": "https://schema.org", "@id": "", additionalType: ["AIGeneratedContent"] });
      expect(entity.citation.length).toBeGreaterThan(0);
      for (const citation of entity.citation) {
        expect(citation["@type"]).toBe("Claim");
        expect(citation.appearance["@type"]).toBe("DigitalDocument");
        expect(citation.appearance.name.length).toBeGreaterThan(0);
        expect(citation.appearance.name.length).toBeLessThanOrEqual(80);
        expect(citation.appearance.abstract.length).toBeGreaterThan(0);
        expect(citation.appearance.abstract.length).toBeLessThanOrEqual(160);
        expect(citation.appearance.url).toMatch(/^https:\/\/intranet\.example\.com\//);
      }
      expect(entity.citation.map((c: { appearance: { name: string } }) => c.appearance.name)).toContain("Parental leave");
    });

    it("uses [n] markers that match the citations' positions one to one", () => {
      const [entity] = aiEntitiesOf(answer);
      const positions = entity.citation.map((c: { position: number }) => c.position);
      expect(positions).toEqual(positions.map((_: number, i: number) => i + 1));
      expect(markersIn(answer.body.text)).toEqual(positions);
    });

    it("turns on Teams' feedback buttons", () => {
      expect(answer.body.channelData.feedbackLoop).toEqual({ type: "default" });
    });

    it("lists the sources in the text as well, for clients that show no citations", () => {
      expect(answer.body.text).toMatch(/Sources:/);
      expect(answer.body.text).toContain("Parental leave – https://intranet.example.com/people/parental-leave");
    });

    it("links the posted message to the answer, so its feedback finds it", async () => {
      const stored = await linkedAnswer(teams, answer);
      expect(stored.question).toBe("how many weeks of paid parental leave do I get?");
      expect(stored.platform).toBe("teams");
    });
  });

  it("removes the mention when the entity and the text disagree", async () => {
    const activity = channelMention(teams.connector.serviceUrl, "", {
      mentionText: "<at>KB Bot</at>",
      text: "<at>KB&nbsp;Bot</at> how do I submit an expense report?",
    });
    expect((await teams.post(activity)).status).toBe(200);
    const reply = await teams.connector.waitFor(isAnswer(activity.conversation.id));
    const stored = await linkedAnswer(teams, reply);
    expect(stored.question).toBe("how do I submit an expense report?");
  });

  it("keeps a follow-up in the same reply chain in the thread's memory", async () => {
    const first = channelMention(teams.connector.serviceUrl, "how do I submit an expense report?");
    await teams.post(first);
    await teams.connector.waitFor(isAnswer(first.conversation.id));
    const followUp: TeamsActivity = { ...channelMention(teams.connector.serviceUrl, "and when is it reimbursed?"), conversation: first.conversation };
    await teams.post(followUp);
    const reply = await teams.connector.waitFor((a) => a.replyToId === followUp.id && a.body.type === "message");
    expect(reply.conversationId).toBe(first.conversation.id);
    expect(reply.body.text).toMatch(/reimbursed/i);
    expect(await teams.core.knowsThread({ platform: "teams", conversation: "19:abc@thread.tacv2", thread: first.conversation.id })).toBe(true);
  });

  it("answers a bare mention with what the bot is for", async () => {
    const activity = channelMention(teams.connector.serviceUrl, "");
    await teams.post(activity);
    const reply = await teams.connector.waitFor(isAnswer(activity.conversation.id));
    expect(reply.body.text).toMatch(/Ask me a question/);
  });

  describe("a group chat", () => {
    it("answers when the bot is mentioned, as one message in the chat", async () => {
      const activity = groupChatMessage(teams.connector.serviceUrl, "how often are laptops replaced?", { mention: true });
      expect((await teams.post(activity)).status).toBe(200);
      const reply = await teams.connector.waitFor(isAnswer(activity.conversation.id));
      expect(reply.body.text).toMatch(/four years/);
      expect(reply.replyToId).toBe(activity.id);
      expect(aiEntitiesOf(reply)).toHaveLength(1);
      const kinds = teams.connector.received.filter((a) => a.conversationId === activity.conversation.id).map((a) => a.body.type);
      expect(kinds).toEqual(["typing", "message"]);
    });

    it("stays silent when the bot is not mentioned", async () => {
      const activity = groupChatMessage(teams.connector.serviceUrl, "how often are laptops replaced?", { mention: false });
      expect((await teams.post(activity)).status).toBe(200);
      // A mentioned message posted after it is answered; by then the unmentioned one would have been too.
      const marker = groupChatMessage(teams.connector.serviceUrl, "how much is the home office allowance?", { mention: true });
      await teams.post(marker);
      await teams.connector.waitFor(isAnswer(marker.conversation.id));
      expect(teams.connector.received.filter((a) => a.conversationId === activity.conversation.id)).toEqual([]);
    });
  });

  describe("a personal chat", () => {
    let activity: Record<string, any>;
    let stream: ReceivedActivity[];
    beforeAll(async () => {
      activity = personalMessage(teams.connector.serviceUrl, "how do I request parental leave?");
      expect((await teams.post(activity)).status).toBe(200);
      await teams.connector.waitFor(isAnswer(activity.conversation.id));
      stream = teams.connector.received.filter((a) => a.conversationId === activity.conversation.id);
    });

    it("answers every message, no mention needed", () => {
      expect(stream.at(-1)!.body.text).toMatch(/HR portal|manager/);
    });

    it("streams: an informative typing first, whose response gives the stream id", () => {
      const [first] = stream;
      expect(first!.body.type).toBe("typing");
      expect(first!.body.entities).toEqual([{ type: "streaminfo", streamType: "informative", streamSequence: 1 }]);
      expect(first!.status).toBe(201);
      expect(first!.body.text.length).toBeGreaterThan(0);
      expect(first!.body.text.length).toBeLessThanOrEqual(1000);
    });

    it("sends the stream to the conversation, not as replies", () => {
      for (const part of stream) expect(part.replyToId).toBeNull();
    });

    it("keeps the stream well-formed: one stream id, increasing sequence numbers, cumulative text, the final message last", () => {
      const streamId = stream[0]!.id;
      const infos = stream.map((a) => a.body.entities.find((e: { type: string }) => e.type === "streaminfo"));
      expect(infos.every(Boolean)).toBe(true);
      const updates = stream.slice(1, -1);
      for (const [i, update] of updates.entries()) {
        expect(update.body.type).toBe("typing");
        expect(infos[i + 1]).toEqual({ type: "streaminfo", streamType: "streaming", streamSequence: i + 2, streamId });
        if (i > 0) expect(update.body.text.startsWith(updates[i - 1]!.body.text)).toBe(true);
      }
      const final = stream.at(-1)!;
      expect(final.body.type).toBe("message");
      expect(infos.at(-1)).toEqual({ type: "streaminfo", streamType: "final", streamId });
      expect(final.body.id).toBe(streamId);
    });

    it("puts the AI label, citations and feedback buttons on the final message only", () => {
      const final = stream.at(-1)!;
      const [entity] = aiEntitiesOf(final);
      expect(aiEntitiesOf(final)).toHaveLength(1);
      expect(entity.additionalType).toEqual(["AIGeneratedContent"]);
      expect(markersIn(final.body.text)).toEqual(entity.citation.map((c: { position: number }) => c.position));
      expect(final.body.channelData.feedbackLoop).toEqual({ type: "default" });
      for (const part of stream.slice(0, -1)) expect(aiEntitiesOf(part)).toEqual([]);
    });

    it("links the answer to the stream id, which is the message's id in Teams", async () => {
      const stored = await linkedAnswer(teams, stream[0]!);
      expect(stored.question).toBe("how do I request parental leave?");
    });
  });
});

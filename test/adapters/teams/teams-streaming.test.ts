import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AnswerGenerator } from "../../../src/llm/answer-generator.ts";
import type { ReceivedActivity } from "../../helpers/fake-teams-connector.ts";
import { personalMessage } from "./fixtures/activities.ts";
import { indexTeamsCorpus, startTeamsHarness, type IndexedCorpus, type TeamsHarness } from "./start-teams-harness.ts";

const INTERVAL_MS = 120;
const SENTENCE = "Every employee gets 16 weeks of fully paid parental leave after the birth or adoption of a child.";

/** A model that types its answer a word every 15 ms, citing the parental leave page. */
const slowTypist: AnswerGenerator = {
  mode: "llm",
  name: "slow-typist",
  async generate(input, options = {}) {
    const n = input.passages.findIndex((p) => p.title === "Parental leave") + 1;
    const text = `${SENTENCE} [${n}]`;
    for (const word of text.split(/(?<= )/)) {
      options.onDelta?.(word);
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    return text;
  },
};

const streamInfoOf = (a: ReceivedActivity) => a.body.entities?.find((e: { type: string }) => e.type === "streaminfo");
const inChat = (teams: TeamsHarness, chatId: string) => teams.connector.received.filter((a) => a.conversationId === chatId);

describe("Teams: streaming an answer in a 1:1 chat", () => {
  let corpus: IndexedCorpus;
  let teams: TeamsHarness;
  beforeAll(async () => {
    corpus = await indexTeamsCorpus();
    teams = await startTeamsHarness({ corpus, adapter: { streamIntervalMs: INTERVAL_MS }, dependencies: (base) => ({ ...base, generator: slowTypist }) });
  });
  afterAll(async () => {
    await teams.stop();
    await corpus.remove();
  });

  describe("while the model types", () => {
    let stream: ReceivedActivity[];
    beforeAll(async () => {
      const activity = personalMessage(teams.connector.serviceUrl, "how much paid parental leave do I get?");
      await teams.post(activity);
      await teams.connector.waitFor((a) => a.conversationId === activity.conversation.id && a.body.type === "message");
      stream = inChat(teams, activity.conversation.id);
    });

    it("sends informative, then several cumulative streaming updates, then the final message", () => {
      expect(stream.map((a) => streamInfoOf(a)?.streamType)).toEqual(["informative", ...Array(stream.length - 2).fill("streaming"), "final"]);
      expect(stream.length).toBeGreaterThanOrEqual(4);
      const updates = stream.slice(1, -1).map((a) => a.body.text as string);
      for (let i = 1; i < updates.length; i++) expect(updates[i]!.startsWith(updates[i - 1]!)).toBe(true);
      expect(updates.at(-1)!.length).toBeGreaterThan(updates[0]!.length);
    });

    it("numbers the requests 1, 2, 3… under one stream id, and leaves the final one unnumbered", () => {
      const streamId = stream[0]!.id;
      const infos = stream.map(streamInfoOf);
      expect(infos.slice(0, -1).map((info) => info.streamSequence)).toEqual(stream.slice(0, -1).map((_, i) => i + 1));
      expect(infos.slice(1).every((info) => info.streamId === streamId)).toBe(true);
      expect(infos.at(-1)).toEqual({ type: "streaminfo", streamType: "final", streamId });
    });

    it("keeps Teams' pace: one request at a time, at least the interval apart", () => {
      for (let i = 1; i < stream.length - 1; i++) expect(stream[i]!.at - stream[i - 1]!.at).toBeGreaterThanOrEqual(INTERVAL_MS - 5);
    });

    it("ends with the verified answer, its citation and the AI label", () => {
      const final = stream.at(-1)!;
      expect(final.body.text).toContain(`${SENTENCE} [1]`);
      const entity = final.body.entities.find((e: { type: string }) => e.type === "https://schema.org/Message");
      expect(entity.citation).toEqual([expect.objectContaining({ position: 1, appearance: expect.objectContaining({ name: "Parental leave" }) })]);
    });
  });

  it("answers a second question asked during a stream in one message: Teams allows one stream per chat", async () => {
    const chatId = "a:1busy-chat";
    const first = personalMessage(teams.connector.serviceUrl, "how much paid parental leave do I get?", { chatId });
    const second = personalMessage(teams.connector.serviceUrl, "and who is eligible for parental leave?", { chatId });
    await teams.post(first);
    await teams.post(second);
    await vi.waitFor(() => expect(inChat(teams, chatId).filter((a) => a.body.type === "message")).toHaveLength(2), { timeout: 10_000 });
    const plain = inChat(teams, chatId).filter((a) => a.replyToId === second.id);
    expect(plain.map((a) => a.body.type)).toEqual(["typing", "message"]);
    expect(plain.every((a) => !streamInfoOf(a))).toBe(true);
  });

  it("stops posting when Teams ends the stream (403: the user pressed Stop)", async () => {
    const chatId = "a:1stopped-chat";
    teams.connector.failWhen((body) => body.conversation?.id === chatId && streamInfoOf({ body } as ReceivedActivity)?.streamType === "streaming", 403);
    const activity = personalMessage(teams.connector.serviceUrl, "how much paid parental leave do I get?", { chatId });
    await teams.post(activity);
    await vi.waitFor(() => expect(teams.logs.some((l) => /Teams ended the stream/.test(l.msg))).toBe(true), { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 3 * INTERVAL_MS));
    expect(inChat(teams, chatId).map((a) => a.status)).toEqual([201, 403]);
  });

  it("delivers the answer as one message when the stream cannot start", async () => {
    const chatId = "a:1no-stream-chat";
    teams.connector.failWhen((body) => body.conversation?.id === chatId && streamInfoOf({ body } as ReceivedActivity)?.streamType === "informative", 400);
    const activity = personalMessage(teams.connector.serviceUrl, "how much paid parental leave do I get?", { chatId });
    await teams.post(activity);
    const answer = await teams.connector.waitFor((a) => a.conversationId === chatId && a.body.type === "message");
    expect(answer.replyToId).toBe(activity.id);
    expect(streamInfoOf(answer)).toBeUndefined();
    expect(answer.body.text).toContain(SENTENCE);
    expect(answer.body.entities.filter((e: { type: string }) => e.type === "https://schema.org/Message")).toHaveLength(1);
  });
});

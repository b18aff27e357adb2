import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { APOLOGY } from "../../../src/core/answer-in-thread.ts";
import { startFakeModelServer, type FakeModelServer } from "../../helpers/fake-model-server.ts";
import { channelMention, personalMessage } from "./fixtures/activities.ts";
import { indexTeamsCorpus, startTeamsHarness, type IndexedCorpus, type TeamsHarness } from "./start-teams-harness.ts";

describe("Teams: failures are said in the conversation", () => {
  let corpus: IndexedCorpus;
  beforeAll(async () => {
    corpus = await indexTeamsCorpus();
  });
  afterAll(() => corpus.remove());

  describe("when the core cannot answer at all", () => {
    let teams: TeamsHarness;
    beforeAll(async () => {
      teams = await startTeamsHarness({
        corpus,
        wrapCore: (core) => ({ ...core, ask: () => Promise.reject(new Error("the index cannot be read: disk unavailable")) }),
      });
    });
    afterAll(() => teams.stop());

    it("apologizes in the channel post's reply chain and logs the detail", async () => {
      const activity = channelMention(teams.connector.serviceUrl, "how do I submit an expense report?");
      expect((await teams.post(activity)).status).toBe(200);
      const reply = await teams.connector.waitFor((a) => a.conversationId === activity.conversation.id && a.body.type === "message");
      expect(reply.body.text).toBe(APOLOGY);
      expect(reply.replyToId).toBe(activity.id);
      const logged = teams.logs.find((line) => line.msg === "could not answer a Teams question; apologized in the thread");
      expect(JSON.stringify(logged)).toContain("disk unavailable");
    });

    it("closes a 1:1 stream with the apology as its final message", async () => {
      const activity = personalMessage(teams.connector.serviceUrl, "how do I submit an expense report?");
      await teams.post(activity);
      const final = await teams.connector.waitFor((a) => a.conversationId === activity.conversation.id && a.body.type === "message");
      expect(final.body.text).toBe(APOLOGY);
      expect(final.body.entities).toEqual([
        { type: "streaminfo", streamType: "final", streamId: teams.connector.received.find((a) => a.conversationId === activity.conversation.id)!.id },
      ]);
    });
  });

  describe("when the language model server fails", () => {
    let model: FakeModelServer;
    let teams: TeamsHarness;
    beforeAll(async () => {
      model = await startFakeModelServer();
      model.script(() => ({ status: 500 }));
      teams = await startTeamsHarness({ corpus, env: { OPENAI_BASE_URL: model.url, DOCENT_CHAT_MODEL: "fake-chat" } });
    });
    afterAll(async () => {
      await teams.stop();
      await model.close();
    });

    it("still answers, quoting the sources, and says why", async () => {
      const activity = channelMention(teams.connector.serviceUrl, "how do I submit an expense report?");
      await teams.post(activity);
      const reply = await teams.connector.waitFor((a) => a.conversationId === activity.conversation.id && a.body.type === "message");
      expect(reply.body.text).toMatch(/language model isn't responding/);
      expect(reply.body.text).toMatch(/finance portal/);
      expect(reply.body.entities[0].citation.length).toBeGreaterThan(0);
      expect(model.requests.some((r) => r.path === "/v1/chat/completions")).toBe(true);
      await vi.waitFor(() => expect(teams.logs.some((line) => /language model failed/.test(line.msg))).toBe(true));
    });
  });

  describe("when every answering slot is busy", () => {
    let model: FakeModelServer;
    let teams: TeamsHarness;
    beforeAll(async () => {
      model = await startFakeModelServer();
      model.script(() => ({ reply: "Expense reports go through the finance portal [1].", delayMs: 400 }));
      teams = await startTeamsHarness({ corpus, env: { OPENAI_BASE_URL: model.url, DOCENT_CHAT_MODEL: "fake-chat", DOCENT_MAX_CONCURRENT: "1" } });
    });
    afterAll(async () => {
      await teams.stop();
      await model.close();
    });

    it("tells the second asker that the question waits in line, then answers both", async () => {
      const first = channelMention(teams.connector.serviceUrl, "how do I submit an expense report?");
      const second = channelMention(teams.connector.serviceUrl, "how do I submit an expense report?");
      second.conversation.id = second.conversation.id.replace(/messageid=\d+/, "messageid=1700000999000");
      await Promise.all([teams.post(first), teams.post(second)]);
      const notice = await teams.connector.waitFor((a) => a.body.type === "message" && /in line/.test(a.body.text ?? ""));
      const answers = await Promise.all(
        [first, second].map((activity) =>
          teams.connector.waitFor(
            (a) => a.conversationId === activity.conversation.id && a.body.type === "message" && /finance portal/.test(a.body.text ?? ""),
          ),
        ),
      );
      expect(answers).toHaveLength(2);
      expect(notice.body.text).toMatch(/next in line/);
    });
  });
});

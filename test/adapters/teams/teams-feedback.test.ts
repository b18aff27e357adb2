import { teamsAnswerRef } from "../../../adapters/teams/teams-answer-ref.ts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ReceivedActivity } from "../../helpers/fake-teams-connector.ts";
import { channelMention, feedbackInvoke, personalMessage } from "./fixtures/activities.ts";
import { indexTeamsCorpus, startTeamsHarness, type IndexedCorpus, type TeamsHarness } from "./start-teams-harness.ts";

describe("Teams: the feedback buttons under an answer", () => {
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

  /** Asks, waits for the answer at the connector and for its link to the message id. */
  async function answered(activity: Record<string, any>): Promise<ReceivedActivity> {
    await teams.post(activity);
    const answer = await teams.connector.waitFor((a) => a.conversationId === activity.conversation.id && a.body.type === "message");
    await vi.waitFor(async () => expect(await teams.core.feedback.findAnswer(teamsAnswerRef(answer.conversationId, answer.id))).not.toBeNull());
    return answer;
  }

  it("records a thumbs-up with its comment against the streamed answer, and answers 200 with an empty body", async () => {
    const question = personalMessage(teams.connector.serviceUrl, "how much is the home office allowance?");
    const answer = await answered(question);
    const response = await teams.post(
      feedbackInvoke(teams.connector.serviceUrl, {
        replyToId: answer.id,
        reaction: "like",
        text: "Exactly what I needed",
        conversationId: question.conversation.id,
      }),
    );
    expect(response.status).toBe(200);
    expect(response.body).toBe("");
    const report = await teams.core.feedback.report();
    expect(report.items).toContainEqual(
      expect.objectContaining({
        platform: "teams",
        rating: "up",
        question: "how much is the home office allowance?",
        comment: "Exactly what I needed",
        docIds: ["remote-work.md"],
      }),
    );
  });

  it("records a thumbs-down without a comment against a channel answer", async () => {
    const question = channelMention(teams.connector.serviceUrl, "where do I report a stolen laptop?");
    const answer = await answered(question);
    const response = await teams.post(
      feedbackInvoke(teams.connector.serviceUrl, { replyToId: answer.id, reaction: "dislike", conversationId: question.conversation.id }),
    );
    expect(response.status).toBe(200);
    expect(response.body).toBe("");
    const report = await teams.core.feedback.report();
    expect(report.items).toContainEqual(
      expect.objectContaining({ platform: "teams", rating: "down", question: "where do I report a stolen laptop?", comment: null }),
    );
  });

  it("answers 200 to feedback on a message it does not know, and says so in the log", async () => {
    const response = await teams.post(feedbackInvoke(teams.connector.serviceUrl, { replyToId: "1699999999999", reaction: "like" }));
    expect(response.status).toBe(200);
    expect(response.body).toBe("");
    expect(teams.logs.some((line) => /not a known answer/.test(line.msg))).toBe(true);
  });

  it("answers 400, never 5xx, to a feedback invoke whose value is not feedback", async () => {
    const invoke = feedbackInvoke(teams.connector.serviceUrl, { replyToId: "1700000000000", reaction: "like" });
    for (const value of [{ actionName: "feedback", actionValue: { reaction: "love" } }, "feedback", null]) {
      const response = await teams.post({ ...invoke, value });
      expect(response.status).toBe(400);
    }
    expect((await teams.post({ ...invoke, replyToId: undefined })).status).toBe(400);
  });

  it("declines an invoke the bot does not offer with 400, never a server error", async () => {
    const invoke = { ...feedbackInvoke(teams.connector.serviceUrl, { replyToId: "1700000000000", reaction: "like" }), name: "adaptiveCard/action" };
    expect((await teams.post(invoke)).status).toBe(400);
  });
});

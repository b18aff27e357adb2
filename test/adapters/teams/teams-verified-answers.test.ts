import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { savedConfirmation } from "../../../src/core/verified-answer-replies.ts";
import { FETCH_TASK, NOT_A_PERSON, NOT_A_VERIFIER, SAVE_VERIFIED_COMMAND_ID, SUBMIT_ACTION } from "../../../adapters/teams/answer-verified-action.ts";
import type { ReceivedActivity } from "../../helpers/fake-teams-connector.ts";
import { channelMention, messageActionInvoke, type TeamsActivity, USER } from "./fixtures/activities.ts";
import { indexTeamsCorpus, startTeamsHarness, type IndexedCorpus, type TeamsHarness } from "./start-teams-harness.ts";

const QUESTION = "can I bring my dog to the office?";
const REPLY_HTML = "<p>Dogs are welcome in the office on Fridays, on a leash,</p><p>once the office manager has their vaccination record.</p>";
const OUTSIDER = { id: "29:1user-two", name: "User Two", aadObjectId: "6f1c0b8e-3333-4000-8000-000000000003" };

/**
 * "Save as verified answer", Teams' message action, over HTTP: the invokes Teams sends for a message action
 * (fetchTask, then submitAction with the dialog's fields), answered in the HTTP response, and the next
 * question answered from the saved reply with its citation at the fake connector.
 */
describe("Teams: verified answers from the message action", () => {
  let corpus: IndexedCorpus;
  let teams: TeamsHarness;
  beforeAll(async () => {
    corpus = await indexTeamsCorpus();
    teams = await startTeamsHarness({ corpus, configure: (config) => (config.verifiers = { slack: [], teams: [USER.aadObjectId] }) });
  });
  afterAll(async () => {
    await teams.stop();
    await corpus.remove();
  });

  const ask = async (question: string): Promise<{ rootId: string; answer: ReceivedActivity }> => {
    const activity = channelMention(teams.connector.serviceUrl, question);
    expect((await teams.post(activity)).status).toBe(200);
    const answer = await teams.connector.waitFor((a) => a.conversationId === activity.conversation.id && a.body.type === "message");
    return { rootId: activity.id, answer };
  };
  const invoke = async (activity: TeamsActivity) => {
    const response = await teams.post(activity);
    expect(response.status).toBe(200);
    return JSON.parse(response.body);
  };

  let rootId: string;
  const reply = { id: "1700000099000", html: REPLY_HTML };

  it("opens a form with the thread's question and the reply, both editable, for a listed verifier", async () => {
    ({ rootId } = await ask(QUESTION));
    const body = await invoke(messageActionInvoke(teams.connector.serviceUrl, { name: FETCH_TASK, commandId: SAVE_VERIFIED_COMMAND_ID, rootId, reply }));
    expect(body.task).toMatchObject({
      type: "continue",
      value: { title: "Save as verified answer", card: { contentType: "application/vnd.microsoft.card.adaptive" } },
    });
    const card = body.task.value.card.content;
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5", actions: [{ type: "Action.Submit", title: "Save" }] });
    const fields = Object.fromEntries(card.body.filter((b: { id?: string }) => b.id).map((b: { id: string; value: string }) => [b.id, b.value]));
    expect(fields).toEqual({
      question: QUESTION,
      answer: "Dogs are welcome in the office on Fridays, on a leash,\nonce the office manager has their vaccination record.",
    });
  });

  it("saves the submitted form as a verified answer by the person who submitted it, linked to the message", async () => {
    const body = await invoke(
      messageActionInvoke(teams.connector.serviceUrl, {
        name: SUBMIT_ACTION,
        commandId: SAVE_VERIFIED_COMMAND_ID,
        rootId,
        reply,
        data: {
          question: "Can I bring my dog to the office?",
          answer: "Dogs are welcome on Fridays, on a leash, once the office manager has their vaccination record.",
        },
      }),
    );
    expect(body).toEqual({ task: { type: "message", value: savedConfirmation("Can I bring my dog to the office?", "the message") } });
    expect(await teams.core.verified.list()).toEqual([
      expect.objectContaining({
        question: "Can I bring my dog to the office?",
        verifiedBy: { name: USER.name, platform: "teams", id: USER.aadObjectId },
        link: `https://teams.microsoft.com/l/message/19:abc@thread.tacv2/${reply.id}`,
      }),
    ]);
  });

  it("answers the repeated question from it, with a Teams citation reading “Verified by <name>, <date>” that links the message", async () => {
    const [saved] = await teams.core.verified.list();
    const { answer } = await ask("may I bring my dog into the office?");
    expect(answer.body.text).toContain("vaccination record");
    const entity = answer.body.entities.find((e: { type: string }) => e.type === "https://schema.org/Message");
    expect(entity.citation[0]).toMatchObject({
      "@type": "Claim",
      position: 1,
      appearance: { "@type": "DigitalDocument", name: `Verified by ${USER.name}, ${saved!.verifiedAt.slice(0, 10)}`, url: saved!.link },
    });
  });

  it("refuses someone who is not a listed verifier, in the dialog only they see, and saves nothing", async () => {
    for (const name of [FETCH_TASK, SUBMIT_ACTION] as const) {
      const body = await invoke(
        messageActionInvoke(teams.connector.serviceUrl, {
          name,
          commandId: SAVE_VERIFIED_COMMAND_ID,
          rootId,
          reply,
          from: OUTSIDER,
          data: { question: QUESTION, answer: "Dogs are never allowed." },
        }),
      );
      expect(body).toEqual({ task: { type: "message", value: NOT_A_VERIFIER } });
    }
    expect(await teams.core.verified.list()).toHaveLength(1);
  });

  it("declines a bot's message, and answers a command it does not know with 400", async () => {
    const botMessage = { id: "1700000099500", html: "<p>An answer</p>", application: true };
    const body = await invoke(
      messageActionInvoke(teams.connector.serviceUrl, { name: FETCH_TASK, commandId: SAVE_VERIFIED_COMMAND_ID, rootId, reply: botMessage }),
    );
    expect(body).toEqual({ task: { type: "message", value: NOT_A_PERSON } });
    const unknown = await teams.post(messageActionInvoke(teams.connector.serviceUrl, { name: FETCH_TASK, commandId: "somethingElse", rootId, reply }));
    expect(unknown.status).toBe(400);
  });
});

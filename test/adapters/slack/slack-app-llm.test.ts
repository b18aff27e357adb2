import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUED_STATUS } from "../../../adapters/slack/create-working-sign.ts";
import { NOT_GROUNDED_NOTE } from "../../../adapters/slack/render-answer-blocks.ts";
import { startFakeModelServer, type ChatBehaviour, type ChatRequest, type FakeModelServer } from "../../helpers/fake-model-server.ts";
import { ALICE, CHANNEL, directMessageEvent, DM, eventCallback, mentionEvent, TEAM } from "./slack-payloads.ts";
import { HANDBOOK_URL, startSlackTestApp, type SlackTestApp } from "./start-slack-test-app.ts";

/** The number the prompt gave a document's passage, so a scripted reply can cite it correctly. */
function sourceNumber(request: ChatRequest, title: string): number {
  const prompt = request.messages.map((m) => m.content).join("\n");
  const match = new RegExp(`<source id="(\\d+)" title="${title}`).exec(prompt);
  if (!match) throw new Error(`the prompt has no source titled ${title}`);
  return Number(match[1]);
}

/**
 * With a language model (the fake OpenAI-compatible server): the answer streams into Slack as the model
 * writes it, and a model that fails still leaves the thread with an answer that says so.
 */
describe("Docent in Slack with a language model", () => {
  let model: FakeModelServer;
  let app: SlackTestApp;
  let reply: (request: ChatRequest) => ChatBehaviour;

  beforeAll(async () => {
    model = await startFakeModelServer();
    model.script((request) => reply(request));
    // One answering slot, so that a second question at the same time has to wait in line.
    app = await startSlackTestApp({
      env: { OPENAI_BASE_URL: model.url, OPENAI_API_KEY: "sk-test-000000000000000000", DOCENT_CHAT_MODEL: "fake-chat" },
      limits: { maxConcurrent: 1 },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await model?.close();
  });

  const finished = (channel: string, threadTs: string) =>
    app.fake.waitFor(
      () => app.fake.thread(channel, threadTs).find((m) => !m.streaming && m.blocks.some((b) => b.type === "context_actions")),
      `the answer in ${threadTs}`,
    );

  it("streams the model's words into the thread, then adds the sources and buttons below them", async () => {
    let leave = 0;
    reply = (request) => {
      leave = sourceNumber(request, "Parental Leave");
      return { reply: `The primary caregiver gets 16 weeks of fully paid parental leave [${leave}].`, chunkSize: 6 };
    };
    const event = mentionEvent({ text: "how many weeks of parental leave does the primary caregiver get?" });
    await app.send(eventCallback(event));
    const message = await finished(CHANNEL, event.ts);
    // The best match is numbered first, so what streamed needs no renumbering and stays as it is.
    expect(leave).toBe(1);

    const start = app.fake.callsTo("chat.startStream").find((c) => c.args.thread_ts === event.ts)!;
    expect(start.args).toMatchObject({ channel: CHANNEL, recipient_user_id: ALICE, recipient_team_id: TEAM });
    expect(start.args.markdown_text.length).toBeLessThan(20);
    expect(app.fake.callsTo("chat.appendStream").filter((c) => c.args.ts === message.ts).length).toBeGreaterThan(0);
    expect(message.markdown).toBe("The primary caregiver gets 16 weeks of fully paid parental leave [1].");
    const stop = app.fake.callsTo("chat.stopStream").find((c) => c.args.ts === message.ts)!;
    expect(stop.args.blocks.map((b: { type: string }) => b.type)).toEqual(["section", "context_actions"]);
    expect(app.fake.messageText(message)).toContain(`<${HANDBOOK_URL}leave/parental-leave.md|[1] Parental Leave>`);
    expect(app.fake.callsTo("chat.update").filter((c) => c.args.ts === message.ts)).toHaveLength(0);
    expect(app.fake.thread(CHANNEL, event.ts)).toHaveLength(1);
  });

  it("replaces the streamed text with the verified answer when its citations were renumbered", async () => {
    reply = (request) => {
      const leave = sourceNumber(request, "Parental Leave");
      // "[source n]" is how models sometimes cite; the core rewrites it to "[1]", so the text changes.
      return {
        reply: `The secondary caregiver gets 8 weeks of fully paid parental leave [source ${leave}]. Nobody checks this sentence [${leave}].`,
        chunkSize: 10,
      };
    };
    const event = directMessageEvent({ text: "how many weeks of parental leave does the secondary caregiver get?" });
    await app.send(eventCallback(event));
    const message = await finished(DM, event.ts);
    const update = app.fake.callsTo("chat.update").find((c) => c.args.ts === message.ts)!;
    expect(update).toBeDefined();
    const text = app.fake.messageText(message);
    expect(text).toContain("The secondary caregiver gets 8 weeks of fully paid parental leave [1].");
    expect(text).not.toContain("[source");
    expect(text).toContain(NOT_GROUNDED_NOTE);
    expect(message.markdown).toBe("");
  });

  it("acknowledges at once however slow the model is, and shows a sign of work right away", async () => {
    reply = (request) => ({
      reply: `Forward the suspicious email to security@fernhill.example [${sourceNumber(request, "Reporting Phishing")}].`,
      delayMs: 1200,
    });
    const event = mentionEvent({ text: "what should I do with a suspicious email?" });
    const sent = performance.now();
    const response = await app.send(eventCallback(event));
    const acked = performance.now() - sent;
    expect(response.status).toBe(200);
    expect(acked).toBeLessThan(300);
    const status = await app.fake.waitFor(
      () => app.fake.callsTo("assistant.threads.setStatus").find((c) => c.args.thread_ts === event.ts),
      "the loading status",
    );
    expect(status.at - sent).toBeLessThan(500);
    const message = await finished(CHANNEL, event.ts);
    expect(app.fake.messageText(message)).toMatch(/security@fernhill\.example/);
  });

  it("tells the asker when the question waits in line behind others, then answers it", async () => {
    reply = (request) => ({ reply: `Submit the expense report within 30 days of the trip [${sourceNumber(request, "Travel & Expenses")}].`, delayMs: 400 });
    const first = directMessageEvent({ text: "how do I submit an expense report?", user: "U0FIRST01", channel: "D0FIRST01" });
    const second = directMessageEvent({ text: "when do I have to submit my expense report?", user: "U0SECOND1", channel: "D0SECOND1" });
    await Promise.all([app.send(eventCallback(first)), app.send(eventCallback(second))]);
    const statuses = await app.fake.waitFor(() => {
      const queued = app.fake
        .callsTo("assistant.threads.setStatus")
        .filter((c) => c.args.status === QUEUED_STATUS && [first.ts, second.ts].includes(c.args.thread_ts));
      return queued.length > 0 && queued;
    }, "the waiting-in-line status");
    expect(statuses).toHaveLength(1);
    expect(statuses[0]!.args.loading_messages).toEqual(["Lots of questions right now: yours is next in line."]);
    for (const event of [first, second]) expect(app.fake.messageText(await finished(event.channel, event.ts))).toMatch(/30 days/);
  });

  it("still answers in the thread when the model fails, saying so, from the sources", async () => {
    reply = () => ({ status: 500 });
    const event = mentionEvent({ text: "how do I submit an expense report?" });
    await app.send(eventCallback(event));
    const message = await finished(CHANNEL, event.ts);
    const text = app.fake.messageText(message);
    expect(text).toMatch(/^Sorry, the language model isn't responding right now/);
    expect(text).toMatch(/30 days/);
    expect(text).toContain(`<${HANDBOOK_URL}travel/expenses.md|[1] Travel &amp; Expenses>`);
    expect(message.thread_ts).toBe(event.ts);
  });
});

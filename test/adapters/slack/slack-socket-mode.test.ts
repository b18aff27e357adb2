import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directMessageEvent, DM, eventCallback, feedbackClick } from "./slack-payloads.ts";
import { startSlackTestApp, type SlackTestApp } from "./start-slack-test-app.ts";

/**
 * With SLACK_APP_TOKEN the app connects out to Slack over a WebSocket (Socket Mode) instead of taking
 * HTTP requests: the fake Slack hands out the socket URL from apps.connections.open, says hello, pushes
 * envelopes and collects the acks.
 */
describe("Docent in Slack over Socket Mode", () => {
  let app: SlackTestApp;
  beforeAll(async () => {
    app = await startSlackTestApp({ env: { SLACK_APP_TOKEN: "xapp-1-A0DOCENT-1-0123456789abcdef" } });
  });
  afterAll(() => app?.stop());

  it("connects with the app-level token and mounts no HTTP endpoint", async () => {
    const [open] = app.fake.callsTo("apps.connections.open");
    expect(open!.args.__token).toBe("xapp-1-A0DOCENT-1-0123456789abcdef");
    expect(app.fake.socket.connections()).toBe(1);
    expect(app.adapter.routes).toEqual([]);
    expect(app.adapter.banner).toMatch(/Socket Mode/);
    expect((await app.send(eventCallback(directMessageEvent({ text: "hello" })))).status).toBe(404);
  });

  it("acks each envelope and answers the question in its thread", async () => {
    const event = directMessageEvent({ text: "how do I submit an expense report?" });
    app.fake.socket.send({
      envelope_id: "env-question-1",
      type: "events_api",
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: "",
      payload: eventCallback(event),
    });
    await app.fake.waitFor(() => app.fake.socket.acks.includes("env-question-1"), "the ack");
    const reply = await app.fake.waitFor(
      () => app.fake.thread(DM, event.ts).find((m) => !m.streaming && m.blocks.some((b) => b.type === "context_actions")),
      "the answer",
    );
    expect(app.fake.messageText(reply)).toMatch(/30 days/);

    // A retried envelope is acked again but not answered again.
    app.fake.socket.send({
      envelope_id: "env-question-2",
      type: "events_api",
      accepts_response_payload: false,
      retry_attempt: 1,
      retry_reason: "timeout",
      payload: eventCallback(event),
    });
    await app.fake.waitFor(() => app.fake.socket.acks.includes("env-question-2"), "the second ack");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(app.fake.thread(DM, event.ts)).toHaveLength(1);

    // Interactivity arrives over the socket too.
    const answerId = String(reply.blocks.find((b) => b.type === "context_actions").elements[0].positive_button.value).replace(/:up$/, "");
    app.fake.socket.send({
      envelope_id: "env-click-1",
      type: "interactive",
      accepts_response_payload: false,
      payload: feedbackClick({ value: `${answerId}:up`, channel: DM, messageTs: reply.ts }),
    });
    await app.fake.waitFor(() => app.fake.socket.acks.includes("env-click-1"), "the click's ack");
    await app.fake.waitFor(() => app.fake.callsTo("chat.postEphemeral").length > 0, "the thanks");
    expect((await app.core.feedback.report()).positive).toBe(1);
  });
});

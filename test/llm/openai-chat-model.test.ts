import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatModelError } from "../../src/llm/chat-model.ts";
import { createOpenAIChatModel } from "../../src/llm/openai-chat-model.ts";
import { silentLogger } from "../../src/logger.ts";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server.ts";

describe("the OpenAI-compatible chat model", () => {
  let server: FakeModelServer;
  beforeAll(async () => (server = await startFakeModelServer()));
  afterAll(() => server.close());

  const model = (timeoutMs = 2000) => createOpenAIChatModel({ model: "fake-chat", baseURL: server.url, timeoutMs, logger: silentLogger() });
  const chatRequests = () => server.requests.filter((r) => r.path === "/v1/chat/completions");
  const messages = [{ role: "user" as const, content: "hello" }];

  it("streams the reply's pieces in order and returns the whole text", async () => {
    server.script(() => ({ reply: "Annual leave is 25 days [1].", chunkSize: 5 }));
    const deltas: string[] = [];
    const text = await model().complete(messages, { onDelta: (d) => deltas.push(d) });
    expect(text).toBe("Annual leave is 25 days [1].");
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join("")).toBe(text);
    expect(chatRequests().at(-1)!.body).toMatchObject({ model: "fake-chat", stream: true, messages });
  });

  it("retries once after a 500 and then succeeds", async () => {
    const before = chatRequests().length;
    let calls = 0;
    server.script(() => (calls++ === 0 ? { status: 500 } : { reply: "fine" }));
    expect(await model().complete(messages)).toBe("fine");
    expect(chatRequests().length - before).toBe(2);
  });

  it("does not retry a 400, and says what the server answered", async () => {
    const before = chatRequests().length;
    server.script(() => ({ status: 400, body: { error: { message: "bad request" } } }));
    await expect(model().complete(messages)).rejects.toThrow("the model server answered HTTP 400");
    expect(chatRequests().length - before).toBe(1);
  });

  it("gives up with a timeout error when the server stalls before answering", async () => {
    server.script(() => ({ stallAfterChars: 0, reply: "never" }));
    const started = Date.now();
    const error = await model(300).complete(messages).catch((e) => e);
    expect(error).toBeInstanceOf(ChatModelError);
    expect(error.kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2000); // one retry, each 300 ms
  });

  it("does not retry a stream that stalls after text was shown, so nothing is repeated", async () => {
    const before = chatRequests().length;
    server.script(() => ({ stallAfterChars: 10, reply: "Half an answer that never ends" }));
    const deltas: string[] = [];
    const error = await model(300).complete(messages, { onDelta: (d) => deltas.push(d) }).catch((e) => e);
    expect(error, String(error)).toBeInstanceOf(ChatModelError);
    expect(error.kind).toBe("timeout");
    expect(deltas.join("")).toBe("Half an an");
    expect(chatRequests().length - before).toBe(1);
  });

  it("turns a garbage response into a clear error", async () => {
    server.script(() => ({ garbage: true }));
    const error = await model().complete(messages).catch((e) => e);
    expect(error).toBeInstanceOf(ChatModelError);
  });

  it("treats an empty reply as a failure", async () => {
    server.script(() => ({ reply: "" }));
    await expect(model().complete(messages)).rejects.toThrow(/empty reply/);
  });
});

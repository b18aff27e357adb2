import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ChatModelError } from "../../src/llm/chat-model.ts";
import { createOpenAIChatModel, type OpenAIChatModelOptions } from "../../src/llm/openai-chat-model.ts";
import { silentLogger } from "../../src/logger.ts";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server.ts";

describe("the OpenAI-compatible chat model", () => {
  let server: FakeModelServer;
  beforeAll(async () => (server = await startFakeModelServer()));
  afterAll(() => server.close());
  beforeEach(() => void server.requests.splice(0));

  const model = (timeoutMs = 2000, extra: Partial<OpenAIChatModelOptions> = {}) =>
    createOpenAIChatModel({ model: "fake-chat", baseURL: server.url, timeoutMs, logger: silentLogger(), ...extra });
  const chatRequests = () => server.requests.filter((r) => r.path === "/v1/chat/completions");
  const messages = [{ role: "user" as const, content: "hello" }];
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.fail("expected a failure"),
      (error: unknown) => error as ChatModelError,
    );

  it("streams the reply's pieces in order and returns the whole text", async () => {
    server.script(() => ({ reply: "Annual leave is 25 days [1].", chunkSize: 5, chunkDelayMs: 5 }));
    const deltas: string[] = [];
    const text = await model().complete(messages, { onDelta: (d) => deltas.push(d), maxTokens: 50, temperature: 0 });
    expect(text).toBe("Annual leave is 25 days [1].");
    expect(deltas).toEqual(["Annua", "l lea", "ve is", " 25 d", "ays [", "1]."]);
    const [request] = chatRequests();
    expect(request!.body).toMatchObject({ model: "fake-chat", stream: true, messages, max_tokens: 50, temperature: 0 });
    // Local servers need no key; the SDK still sends one, a harmless placeholder.
    expect(request!.headers.authorization).toBe("Bearer not-needed");
  });

  it("sends the configured API key", async () => {
    await model(2000, { apiKey: "sk-test-key" }).complete(messages);
    expect(chatRequests()[0]!.headers.authorization).toBe("Bearer sk-test-key");
  });

  it("retries once after a 500 and then succeeds", async () => {
    let calls = 0;
    server.script(() => (calls++ === 0 ? { status: 500 } : { reply: "fine" }));
    const deltas: string[] = [];
    expect(await model().complete(messages, { onDelta: (d) => deltas.push(d) })).toBe("fine");
    expect(deltas).toEqual(["fine"]);
    expect(chatRequests()).toHaveLength(2);
  });

  it("retries a 429 after the wait the server asks for", async () => {
    let calls = 0;
    server.script(() => (calls++ === 0 ? { status: 429, headers: { "retry-after-ms": "400" } } : { reply: "fine" }));
    const started = Date.now();
    expect(await model().complete(messages)).toBe("fine");
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(chatRequests()).toHaveLength(2);
  });

  it("gives up after its extra attempts with the HTTP status in plain words", async () => {
    server.script(() => ({ status: 503 }));
    const error = await failureOf(model().complete(messages));
    expect(error).toBeInstanceOf(ChatModelError);
    expect(error).toMatchObject({ kind: "http", message: "the model server answered HTTP 503" });
    expect(chatRequests()).toHaveLength(2);

    server.requests.splice(0);
    await failureOf(model(2000, { retries: 0 }).complete(messages));
    expect(chatRequests()).toHaveLength(1);
  });

  it("does not retry a 400, and says what the server answered", async () => {
    server.script(() => ({ status: 400, body: { error: { message: "bad request" } } }));
    const error = await failureOf(model().complete(messages));
    expect(error).toMatchObject({ kind: "http", message: "the model server answered HTTP 400" });
    expect(chatRequests()).toHaveLength(1);
  });

  it("gives up with a timeout error when the server stalls before answering, after one retry", async () => {
    server.script(() => ({ stallAfterChars: 0, reply: "never" }));
    const started = Date.now();
    const error = await failureOf(model(300).complete(messages));
    expect(error).toBeInstanceOf(ChatModelError);
    expect(error).toMatchObject({ kind: "timeout", message: "the model server did not answer within 0.3 s" });
    expect(chatRequests()).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(1500); // two attempts of 300 ms and a short pause
  });

  it("does not retry a stream that stalls after text was shown, so nothing is repeated", async () => {
    server.script(() => ({ stallAfterChars: 10, reply: "Half an answer that never ends", chunkSize: 4 }));
    const deltas: string[] = [];
    const error = await failureOf(model(300).complete(messages, { onDelta: (d) => deltas.push(d) }));
    expect(error).toBeInstanceOf(ChatModelError);
    expect(error.kind).toBe("timeout");
    expect(deltas.join("")).toBe("Half an an");
    expect(chatRequests()).toHaveLength(1);
  });

  it("turns a garbage response into a ChatModelError", async () => {
    server.script(() => ({ garbage: true }));
    const error = await failureOf(model().complete(messages));
    expect(error).toBeInstanceOf(ChatModelError);
    expect(error.message).toMatch(/not a chat completion/);
  });

  it("treats an empty reply as a failure, and tries once more", async () => {
    server.script(() => ({ reply: "" }));
    const error = await failureOf(model().complete(messages));
    expect(error).toMatchObject({ kind: "empty", message: "the model server sent an empty reply" });
    expect(chatRequests()).toHaveLength(2);
  });

  it("stops when the caller aborts, with the caller's reason, and does not retry", async () => {
    const already = AbortSignal.abort(new Error("caller left"));
    await expect(model().complete(messages, { signal: already })).rejects.toThrow("caller left");
    expect(chatRequests()).toHaveLength(0);

    server.script(() => ({ stallAfterChars: 6, reply: "Partly there" }));
    const controller = new AbortController();
    const deltas: string[] = [];
    const pending = model(5000).complete(messages, {
      signal: controller.signal,
      onDelta: (d) => (deltas.push(d), controller.abort(new Error("user cancelled"))),
    });
    await expect(pending).rejects.toThrow("user cancelled");
    expect(deltas).toEqual(["Partly"]);
    expect(chatRequests()).toHaveLength(1);
  });

  it("never logs the API key or what the users asked, even at debug level", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "trace" }, { write: (line: string) => void lines.push(line) });
    let calls = 0;
    server.script(() => [{ status: 500 }, { reply: "the secret answer" }][calls++] ?? { garbage: true as const });
    const chat = model(2000, { apiKey: "sk-do-not-log-this-key-123456", logger });
    const question = [{ role: "user" as const, content: "what is my colleague's salary?" }];
    await chat.complete(question);
    await failureOf(chat.complete(question));
    const log = lines.join("");
    expect(log).toMatch(/retrying/);
    expect(log).toMatch(/"attempt":2/);
    expect(log).not.toMatch(/sk-do-not-log|salary|secret answer/);
  });
});

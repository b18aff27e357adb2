import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.ts";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  return { logger: createLogger({ level: "debug", destination }), text: () => lines.join("") };
}

describe("the logger", () => {
  it("redacts tokens, secrets and authorization headers wherever they appear in logged objects", () => {
    const { logger, text } = capture();
    logger.info(
      { token: "xoxb-123456789012-abcdefghij", config: { signingSecret: "8f742231b10e8888abcd99yyyzzz85a5", apiKey: "sk-abcdefghijklmnopqrstuvwx" } },
      "configured",
    );
    logger.info({ req: { headers: { authorization: "Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig" } } }, "request");
    logger.info({ env: { SLACK_BOT_TOKEN: "xoxb-1", MicrosoftAppPassword: "p@ss", SHAREPOINT_CLIENT_SECRET: "sp~secret" } }, "env");
    logger.info({ graph: { clientId: "app", clientSecret: "graph~secret" }, access_token: "eyJ0eXAi.graph-token" }, "graph");
    const out = text();
    for (const secret of [
      "xoxb-123456789012",
      "8f742231b10e8888",
      "sk-abcdefghijklmnop",
      "eyJhbGciOiJSUzI1NiJ9",
      "p@ss",
      "sp~secret",
      "graph~secret",
      "graph-token",
    ])
      expect(out).not.toContain(secret);
    expect(out).toContain("[Redacted]");
  });

  it("redacts live sources' credentials: the Confluence token, the config's sourceCredentials, a Basic authorization", () => {
    const { logger, text } = capture();
    logger.info({ env: { CONFLUENCE_API_TOKEN: "ATATT3xFfGF0confluence" }, config: { sourceCredentials: { WIKI_TOKEN: "wiki-s3cret-value" } } }, "env");
    logger.warn({ err: "request failed with authorization Basic ZG9jZW50QGFjbWUudGVzdDpzM2NyM3Q=" }, "Confluence call failed");
    const out = text();
    for (const secret of ["ATATT3xFfGF0confluence", "wiki-s3cret-value", "ZG9jZW50QGFjbWUudGVzdDpzM2NyM3Q="]) expect(out).not.toContain(secret);
  });

  it("scrubs token shapes out of messages and error text too", () => {
    const { logger, text } = capture();
    logger.error({ err: new Error("Slack said invalid_auth for xoxb-999999999999-zzzzzzzzzz") }, "call failed with Authorization: Bearer abcdefghijklmnop");
    const out = text();
    expect(out).not.toContain("xoxb-999999999999");
    expect(out).not.toContain("abcdefghijklmnop");
    expect(out).toContain("invalid_auth");
  });

  it("scrubs secrets in any string field, and credentials inside URLs", () => {
    const { logger, text } = capture();
    logger.warn({ err: "Slack said invalid_auth for xoxb-999999999999-zzzzzzzzzz", reason: "Authorization: Bearer abcdefghijklmnop" }, "rejected");
    logger.error({ source: "handbook", err: "git clone https://deploy:ghp_s3cr3tt0ken@git.example.com/kb.git failed" }, "sync failed");
    const out = text();
    for (const secret of ["xoxb-999999999999", "abcdefghijklmnop", "ghp_s3cr3tt0ken", "deploy:"]) expect(out).not.toContain(secret);
    expect(out).toContain("https://[Redacted]@git.example.com/kb.git");
  });
});

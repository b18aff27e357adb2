import { describe, expect, it } from "vitest";
import { readSlackPayload } from "../../../adapters/slack/read-slack-payload.ts";
import { normalizeSlackApiUrl } from "../../../adapters/slack/slack-client-options.ts";
import { verifySlackRequest } from "../../../adapters/slack/verify-slack-request.ts";
import { signSlackRequest } from "../../helpers/fake-slack-api.ts";

// Slack's worked example ("Verifying requests from Slack"), also bolt-js's ExpressReceiver test vector.
const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const TIMESTAMP = 1531420618;
const BODY =
  "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
const SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
const AT = TIMESTAMP * 1000 + 60_000;

const verify =
  (overrides: Partial<Parameters<typeof verifySlackRequest>[0]> = {}) =>
  () =>
    verifySlackRequest({ signingSecret: SECRET, body: BODY, signature: SIGNATURE, timestamp: String(TIMESTAMP), nowMilliseconds: AT, ...overrides });

describe("signing and verifying Slack requests", () => {
  it("signs exactly as Slack does (Slack's published known answer)", () => {
    expect(signSlackRequest(SECRET, TIMESTAMP, BODY)).toBe(SIGNATURE);
  });

  it("accepts Slack's example within five minutes, in either direction", () => {
    expect(verify()).not.toThrow();
    expect(verify({ nowMilliseconds: TIMESTAMP * 1000 - 4 * 60_000 })).not.toThrow();
  });

  it("rejects each kind of bad request with one plain sentence", () => {
    expect(verify({ nowMilliseconds: TIMESTAMP * 1000 + 5 * 60_000 + 1000 })).toThrow("request is stale");
    expect(verify({ body: BODY.replace("foobar", "foobaz") })).toThrow("signature mismatch");
    expect(verify({ signingSecret: "another-secret" })).toThrow("signature mismatch");
    expect(verify({ signature: "v0=abc" })).toThrow("signature mismatch");
    expect(verify({ signature: undefined })).toThrow("the x-slack-signature header is missing or not a v0 signature");
    expect(verify({ signature: SIGNATURE.replace("v0=", "v1=") })).toThrow("not a v0 signature");
    expect(verify({ timestamp: undefined })).toThrow("the x-slack-request-timestamp header is missing or not a number");
    expect(verify({ timestamp: ["1", "2"] })).toThrow("x-slack-request-timestamp");
  });
});

describe("reading a verified body before Bolt sees it", () => {
  it("accepts Slack's envelopes: JSON events, form-encoded interactivity, the SSL check", () => {
    expect(readSlackPayload("application/json", JSON.stringify({ type: "event_callback", event: { type: "app_mention" } }))).toEqual({
      kind: "routed",
      type: "event_callback",
    });
    expect(readSlackPayload("application/json", JSON.stringify({ type: "url_verification", challenge: "x" }))).toEqual({
      kind: "routed",
      type: "url_verification",
    });
    expect(
      readSlackPayload(
        "application/x-www-form-urlencoded",
        new URLSearchParams({ payload: JSON.stringify({ type: "block_actions", user: { id: "U1" }, actions: [] }) }).toString(),
      ),
    ).toEqual({ kind: "routed", type: "block_actions" });
    expect(readSlackPayload("application/x-www-form-urlencoded", "ssl_check=1&token=x")).toEqual({ kind: "ssl_check" });
    expect(readSlackPayload("application/json", JSON.stringify({ type: "app_rate_limited", minute_rate_limited: 1 }))).toEqual({ kind: "rate_limited" });
  });

  it("refuses what Bolt would choke on, saying what is wrong", () => {
    expect(() => readSlackPayload("application/json", "{not json")).toThrow("the body is not valid JSON");
    expect(() => readSlackPayload("application/json", "null")).toThrow();
    expect(() => readSlackPayload("application/json", "[1,2]")).toThrow();
    expect(() => readSlackPayload("application/json", JSON.stringify({ type: "event_callback" }))).toThrow("an event_callback without an event");
    expect(() => readSlackPayload("application/json", JSON.stringify({ type: "something_new" }))).toThrow("unsupported payload type something_new");
    const form = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    expect(() => readSlackPayload("application/x-www-form-urlencoded", form({ type: "block_actions", actions: [] }))).toThrow(
      "a block_actions payload without a user",
    );
    expect(() => readSlackPayload("application/x-www-form-urlencoded", form({ type: "block_actions", user: { id: "U1" }, actions: [null] }))).toThrow(
      "a block_actions payload without a list of actions",
    );
    expect(() => readSlackPayload("application/x-www-form-urlencoded", form({ type: "view_submission", user: "U1" }))).toThrow(
      "a view_submission payload without a user",
    );
    expect(() => readSlackPayload("application/x-www-form-urlencoded", "payload=%7Bnope")).toThrow("the body is not valid JSON");
    expect(() => readSlackPayload("application/x-www-form-urlencoded", "command=%2Fdocent")).toThrow("the form body has no payload");
    expect(() => readSlackPayload("text/plain", "hello")).toThrow("unsupported content type text/plain");
  });
});

describe("SLACK_API_URL", () => {
  it("always reaches the Web client ending in /api/", () => {
    expect(normalizeSlackApiUrl(undefined)).toBe("https://slack.com/api/");
    expect(normalizeSlackApiUrl("http://127.0.0.1:4000")).toBe("http://127.0.0.1:4000/api/");
    expect(normalizeSlackApiUrl("http://127.0.0.1:4000/api")).toBe("http://127.0.0.1:4000/api/");
    expect(normalizeSlackApiUrl("https://proxy.example.com/slack/api/")).toBe("https://proxy.example.com/slack/api/");
  });
});

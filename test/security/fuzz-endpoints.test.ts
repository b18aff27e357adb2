import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackAdapter } from "../../adapters/slack/create-slack-adapter.ts";
import { createTeamsAdapter } from "../../adapters/teams/create-teams-adapter.ts";
import { createWebAdapter } from "../../adapters/web/create-web-adapter.ts";
import { createLogger } from "../../src/logger.ts";
import type { DocentServer } from "../../src/server/start-docent.ts";
import { deliverToSlackApp, signSlackRequest, startFakeSlackApi, type FakeSlackApi } from "../helpers/fake-slack-api.ts";
import { startFakeTeamsConnector, type FakeTeamsConnector } from "../helpers/fake-teams-connector.ts";
import { startTestDocent } from "../helpers/start-test-docent.ts";
import { directMessageEvent, eventCallback, feedbackClick, mentionEvent } from "../adapters/slack/slack-payloads.ts";
import { channelMention, feedbackInvoke, personalMessage } from "../adapters/teams/fixtures/activities.ts";

const SIGNING_SECRET = "fuzz-signing-secret-0123456789abcdef";
const BOT_TOKEN = "xoxb-111111111111-222222222222-fuzzfuzzfuzzfuzz";

/** A seeded generator: a failing case can be replayed. */
function random(seed: number) {
  return () => ((seed = (seed * 1664525 + 1013904223) % 2 ** 32), seed / 2 ** 32);
}

const NASTY: unknown[] = [
  null,
  0,
  -1,
  1e308,
  true,
  "",
  "\u0000\u001b[31m<script>alert(1)</script>",
  "x".repeat(50_000),
  [],
  {},
  [[[[[]]]]],
  { __proto__: { admin: true } },
  "<@U0BOTDOCENT>",
  "&lt;&amp;",
  "😀".repeat(1000),
];

/** Changes one value somewhere in a JSON tree: a different type, a nasty string, or a deleted key. */
function mutateJson(value: unknown, rand: () => number, depth = 0): unknown {
  if (value === null || typeof value !== "object" || depth > 6) return NASTY[Math.floor(rand() * NASTY.length)];
  const copy: any = Array.isArray(value) ? [...value] : { ...value };
  const keys = Object.keys(copy);
  if (keys.length === 0) return NASTY[Math.floor(rand() * NASTY.length)];
  const key = keys[Math.floor(rand() * keys.length)]!;
  const roll = rand();
  if (roll < 0.15 && !Array.isArray(copy)) delete copy[key];
  else if (roll < 0.35) copy[key] = NASTY[Math.floor(rand() * NASTY.length)];
  else copy[key] = mutateJson(copy[key], rand, depth + 1);
  return copy;
}

/** Damages raw bytes: flips, truncation, or junk appended. */
function mutateText(text: string, rand: () => number): string {
  const roll = rand();
  if (roll < 0.3) return text.slice(0, Math.floor(rand() * text.length));
  if (roll < 0.6) {
    const chars = [...text];
    for (let i = 0; i < 1 + rand() * 5; i++) chars[Math.floor(rand() * chars.length)] = String.fromCharCode(Math.floor(rand() * 256));
    return chars.join("");
  }
  if (roll < 0.8) return text + String.fromCharCode(...Array.from({ length: 20 }, () => Math.floor(rand() * 256)));
  return Array.from({ length: Math.floor(rand() * 300) }, () => String.fromCharCode(Math.floor(rand() * 128))).join("");
}

describe("endpoints under random and mutated input", () => {
  let docent: DocentServer;
  let stop: () => Promise<void>;
  let slackApi: FakeSlackApi;
  let connector: FakeTeamsConnector;
  let logs = "";

  beforeAll(async () => {
    slackApi = await startFakeSlackApi({ botUserId: "U0BOTDOCENT" });
    connector = await startFakeTeamsConnector();
    const destination = new Writable({ write: (chunk, _enc, done) => ((logs += String(chunk)), done()) });
    ({ docent, stop } = await startTestDocent({
      adapters: [createSlackAdapter, createTeamsAdapter, createWebAdapter],
      env: {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slackApi.url.replace(/\/api\/$/, ""),
        OPENAI_API_KEY: "sk-fuzz-0000000000000000000000",
        OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
      },
      logger: createLogger({ level: "debug", destination }),
    }));
  }, 60_000);
  afterAll(async () => {
    await stop();
    await slackApi.close();
    await connector.close();
  });

  it.each([20261128, 7, 4242, 99, 123456, 31337, 2718])(
    "never answers bad input with a 5xx, never crashes, and still answers real questions after (seed %i)",
    async (seedValue) => {
      const rand = random(seedValue);
      const slackUrl = `${docent.url}/slack/events`;
      const teamsUrl = `${docent.url}/api/messages`;
      const slackSeeds = [
        eventCallback(mentionEvent({ text: "vacation days?" })),
        eventCallback(directMessageEvent({ text: "vpn setup" })),
        { type: "url_verification", challenge: "abc", token: "t" },
      ];
      const teamsSeeds = [
        channelMention(connector.serviceUrl, "vpn"),
        personalMessage(connector.serviceUrl, "vacation"),
        feedbackInvoke(connector.serviceUrl, { replyToId: "x", reaction: "like" }),
      ];
      const statuses: number[] = [];
      const failures: string[] = [];
      let cases = 0;

      for (let i = 0; i < 150; i++) {
        const seed = slackSeeds[i % slackSeeds.length]!;
        const timestamp = Math.floor(Date.now() / 1000);
        const form = i % 5 === 4;
        const raw = rand() < 0.5 ? JSON.stringify(mutateJson(seed, rand)) : mutateText(JSON.stringify(seed), rand);
        const body = form
          ? `payload=${encodeURIComponent(i % 2 ? raw : JSON.stringify(mutateJson(feedbackClick({ value: "a:down", messageTs: "1.2" }), rand)))}`
          : raw;
        const signed = rand() < 0.85;
        const response = await fetch(slackUrl, {
          method: "POST",
          headers: {
            "content-type": form ? "application/x-www-form-urlencoded" : "application/json",
            "x-slack-request-timestamp": String(timestamp),
            "x-slack-signature": signed ? signSlackRequest(SIGNING_SECRET, timestamp, body) : `v0=${"0".repeat(64)}`,
          },
          body,
        });
        statuses.push(response.status);
        if (response.status >= 500) failures.push(`slack ${body.slice(0, 300)}`);
        cases++;
      }
      for (let i = 0; i < 150; i++) {
        const seed = teamsSeeds[i % teamsSeeds.length]!;
        const body = rand() < 0.6 ? JSON.stringify(mutateJson(seed, rand)) : mutateText(JSON.stringify(seed), rand);
        const response = await fetch(teamsUrl, { method: "POST", headers: { "content-type": "application/json" }, body });
        statuses.push(response.status);
        if (response.status >= 500) failures.push(`teams ${body.slice(0, 300)}`);
        cases++;
      }
      expect(cases).toBe(300);
      expect(failures).toEqual([]);
      expect((await fetch(`${docent.url}/healthz`)).status).toBe(200);

      // Still serving real traffic.
      const ok = await deliverToSlackApp(slackUrl, eventCallback(mentionEvent({ text: "how many vacation days can I carry over?" })), {
        signingSecret: SIGNING_SECRET,
      });
      expect(ok.status).toBe(200);
    },
    120_000,
  );

  it("keeps tokens and secrets out of everything it logged", async () => {
    await new Promise((r) => setTimeout(r, 500));
    expect(logs.length).toBeGreaterThan(1000);
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, "sk-fuzz-0000000000000000000000", "xoxb-111111111111"]) expect(logs).not.toContain(secret);
  });
});

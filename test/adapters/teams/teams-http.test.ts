import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { UNAUTHENTICATED_WARNING } from "../../../adapters/teams/create-teams-adapter.ts";
import { BOT_APP_ID, channelMention, personalMessage } from "./fixtures/activities.ts";
import { indexTeamsCorpus, startTeamsHarness, type IndexedCorpus, type TeamsHarness } from "./start-teams-harness.ts";

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("Teams: /api/messages over HTTP", () => {
  let corpus: IndexedCorpus;
  beforeAll(async () => {
    corpus = await indexTeamsCorpus();
  });
  afterAll(() => corpus.remove());

  describe("with MicrosoftAppId set", () => {
    let teams: TeamsHarness;
    beforeAll(async () => {
      teams = await startTeamsHarness({ corpus, env: { MicrosoftAppId: BOT_APP_ID, MicrosoftAppPassword: "not-a-real-secret" } });
    });
    afterAll(() => teams.stop());

    it("refuses an activity without a Bot Framework token with 401, and does not answer it", async () => {
      const activity = channelMention(teams.connector.serviceUrl, "how do I submit an expense report?");
      expect((await teams.post(activity)).status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(teams.connector.received).toEqual([]);
    });

    it("refuses a bad token with 401", async () => {
      // botbuilder prints each AuthenticationError's stack trace itself; keep the test output readable.
      const consoleError = vi.spyOn(console, "error").mockImplementation(() => undefined);
      const activity = channelMention(teams.connector.serviceUrl, "how do I submit an expense report?");
      const forged = `${base64url({ alg: "none", typ: "JWT" })}.${base64url({ iss: "https://attacker.example", aud: BOT_APP_ID })}.`;
      for (const authorization of ["Bearer not-a-jwt", `Bearer ${forged}`, "Basic dXNlcjpwYXNz"]) {
        expect((await teams.post(activity, { authorization })).status).toBe(401);
      }
      consoleError.mockRestore();
      expect(teams.connector.received).toEqual([]);
    });

    it("does not warn, and its banner names the app id", () => {
      expect(teams.logs.some((line) => line.msg === UNAUTHENTICATED_WARNING)).toBe(false);
      expect(teams.adapter.banner).toContain(BOT_APP_ID);
    });
  });

  describe("without MicrosoftAppId (local testing)", () => {
    let teams: TeamsHarness;
    beforeAll(async () => {
      teams = await startTeamsHarness({ corpus });
    });
    afterAll(() => teams.stop());

    it("warns loudly at start, and says so in the banner", () => {
      const warning = teams.logs.find((line) => line.msg === UNAUTHENTICATED_WARNING);
      expect(warning?.level).toBe(40);
      expect(UNAUTHENTICATED_WARNING).toBe("Teams endpoint /api/messages accepts unauthenticated requests: MicrosoftAppId is not set. For local testing only.");
      expect(teams.adapter.banner).toMatch(/WITHOUT authentication/);
    });

    it("refuses to reply to a serviceUrl that is not this machine, so nobody can send answers elsewhere", async () => {
      const activity = personalMessage("http://attacker.example.com/", "how often are laptops replaced?");
      const response = await teams.post(activity);
      expect(response.status).toBe(403);
      await new Promise((r) => setTimeout(r, 200));
      expect(teams.connector.received.filter((a) => a.conversationId === activity.conversation.id)).toEqual([]);
    });

    it("answers malformed JSON with 400 and keeps serving", async () => {
      const bad = await teams.post('{"type": "message", "text": ');
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body)).toEqual({ error: "the request body is not valid JSON" });
      const activity = personalMessage(teams.connector.serviceUrl, "how often are laptops replaced?");
      expect((await teams.post(activity)).status).toBe(200);
      await teams.connector.waitFor((a) => a.conversationId === activity.conversation.id && a.body.type === "message");
    });

    it("answers 400 to JSON that is not an activity botbuilder can process", async () => {
      const activity = personalMessage(teams.connector.serviceUrl, "hello");
      const broken = [
        [activity],
        { ...activity, serviceUrl: undefined },
        { ...activity, serviceUrl: "file:///etc/passwd" },
        { ...activity, conversation: {} },
        { ...activity, type: "" },
      ];
      for (const body of broken) {
        const response = await teams.post(body);
        expect(response.status).toBe(400);
        expect(JSON.parse(response.body).error).toMatch(/not a Bot Framework activity/);
      }
    });

    it("answers 413 to a body over 256 KB", async () => {
      const activity = personalMessage(teams.connector.serviceUrl, "x".repeat(300 * 1024));
      expect((await teams.post(activity)).status).toBe(413);
    });

    it("answers 405 to anything but POST", async () => {
      const response = await fetch(`${teams.url}/api/messages`);
      expect(response.status).toBe(405);
    });

    it("answers 200 to activities it has nothing to say to (a bot added to a team)", async () => {
      const update = { ...personalMessage(teams.connector.serviceUrl, ""), type: "conversationUpdate", text: undefined, membersAdded: [{ id: "28:bot" }] };
      expect((await teams.post(update)).status).toBe(200);
    });
  });
});

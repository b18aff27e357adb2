import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { channelMention, personalMessage } from "./fixtures/activities.ts";
import { indexTeamsCorpus, startTeamsHarness, type IndexedCorpus, type TeamsHarness } from "./start-teams-harness.ts";

describe("Teams: what the Agents SDK refuses is the sender's mistake", () => {
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

  it("answers 400, never 500, to an activity the SDK's own schema refuses (an empty id, an empty locale)", async () => {
    const activity = personalMessage(teams.connector.serviceUrl, "how often are laptops replaced?");
    for (const body of [
      { ...activity, id: "" },
      { ...activity, locale: "" },
    ]) {
      const response = await teams.post(body);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body).error).toMatch(/^not a Bot Framework activity: (id|locale) /);
    }
    expect(teams.logs.some((line) => line.level >= 50)).toBe(false);
    // Still serving.
    expect((await teams.post(activity)).status).toBe(200);
    await teams.connector.waitFor((a) => a.conversationId === activity.conversation.id && a.body.type === "message");
  });

  it("answers a channel question whose mention entity lacks its account (the SDK would read mentioned.id and throw)", async () => {
    const activity = channelMention(teams.connector.serviceUrl, "how often are laptops replaced?");
    activity.entities = [{ type: "mention", text: "<at>KB Bot</at>" }];
    expect((await teams.post(activity)).status).toBe(200);
    const answer = await teams.connector.waitFor((a) => a.conversationId === activity.conversation.id && a.body.type === "message");
    expect(answer.body.text).toMatch(/four years/);
  });

  it("starts and answers without MicrosoftAppId under NODE_ENV=production (the container), where the SDK wants a client id", async () => {
    vi.stubEnv("NODE_ENV", "production");
    try {
      const production = await startTeamsHarness({ corpus });
      try {
        const activity = personalMessage(production.connector.serviceUrl, "how often are laptops replaced?");
        expect((await production.post(activity)).status).toBe(200);
        const answer = await production.connector.waitFor((a) => a.conversationId === activity.conversation.id && a.body.type === "message");
        expect(answer.body.text).toMatch(/four years/);
        // Anonymous, as before: no token is asked for, none is sent.
        expect(answer.authorization).toBeUndefined();
      } finally {
        await production.stop();
      }
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

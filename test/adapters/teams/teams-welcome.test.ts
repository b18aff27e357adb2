import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../../helpers/corpus.ts";
import type { ReceivedActivity } from "../../helpers/fake-teams-connector.ts";
import { BOT, TENANT, USER, type TeamsActivity } from "./fixtures/activities.ts";
import { indexTeamsCorpus, startTeamsHarness, TEAMS_CORPUS, type IndexedCorpus, type TeamsHarness } from "./start-teams-harness.ts";

let counter = 0;

/** What Teams sends when members join a conversation: the bot itself when the app is installed there. */
function membersAdded(serviceUrl: string, members: { id: string; name?: string }[], conversation: Record<string, unknown>): TeamsActivity {
  return {
    type: "conversationUpdate",
    id: `f:welcome-${++counter}`,
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl,
    from: USER,
    recipient: BOT,
    conversation,
    membersAdded: members,
    channelData: { tenant: { id: TENANT }, eventType: "teamMemberAdded" },
  };
}

/** What Teams sends alongside, for the same installation (we welcome on the conversationUpdate only). */
function installationAdded(serviceUrl: string, conversation: Record<string, unknown>): TeamsActivity {
  return {
    type: "installationUpdate",
    action: "add",
    id: `f:install-${++counter}`,
    channelId: "msteams",
    serviceUrl,
    from: USER,
    recipient: BOT,
    conversation,
    channelData: { tenant: { id: TENANT } },
  };
}

const personalChat = () => ({ id: `a:1welcome-chat-${++counter}`, conversationType: "personal", tenantId: TENANT });
const teamChannel = () => ({ id: `19:team-${++counter}@thread.tacv2`, conversationType: "channel", isGroup: true, tenantId: TENANT });
const inConversation = (teams: TeamsHarness, id: string) => teams.connector.received.filter((a) => a.conversationId === id);

describe("Teams: the welcome message when the app is installed", () => {
  let corpus: IndexedCorpus;
  let config: { path: string; remove: () => Promise<void> };
  let teams: TeamsHarness;
  beforeAll(async () => {
    corpus = await indexTeamsCorpus();
    config = await tempDir("docent-teams-config-");
    const file = join(config.path, "docent.config.json");
    await writeFile(
      file,
      JSON.stringify({
        sources: [
          { name: "Employee handbook", path: TEAMS_CORPUS },
          { name: "IT wiki", path: TEAMS_CORPUS, collection: "it" },
        ],
      }),
    );
    teams = await startTeamsHarness({ corpus, env: { DOCENT_CONFIG: file } });
  });
  afterAll(async () => {
    await teams.stop();
    await corpus.remove();
    await config.remove();
  });

  describe("in a personal chat", () => {
    let welcome: ReceivedActivity;
    let conversation: ReturnType<typeof personalChat>;
    beforeAll(async () => {
      conversation = personalChat();
      expect((await teams.post(installationAdded(teams.connector.serviceUrl, conversation))).status).toBe(200);
      const response = await teams.post(membersAdded(teams.connector.serviceUrl, [BOT], conversation));
      expect(response.status).toBe(200);
      expect(response.body).toBe("");
      welcome = await teams.connector.waitFor((a) => a.conversationId === conversation.id);
    });

    it("posts one message into the chat, not as a reply", () => {
      expect(welcome.body.type).toBe("message");
      expect(welcome.replyToId).toBeNull();
      expect(welcome.body.from.id).toBe(BOT.id);
    });

    it("says what it answers from (the configured sources), how to ask here, and that answers cite sources", () => {
      expect(welcome.body.text).toContain("Employee handbook and IT wiki");
      expect(welcome.body.text).toMatch(/just type your question here/i);
      expect(welcome.body.text).toMatch(/cites the documents/);
      expect(welcome.body.text.length).toBeLessThan(400);
    });

    it("is sent once for the installation, though Teams also sent an installationUpdate", async () => {
      // Anything more for this chat would have arrived by the time a later install's welcome does.
      const other = personalChat();
      await teams.post(membersAdded(teams.connector.serviceUrl, [BOT], other));
      await teams.connector.waitFor((a) => a.conversationId === other.id);
      expect(inConversation(teams, conversation.id)).toHaveLength(1);
    });
  });

  it("tells a team channel to @mention the bot", async () => {
    const channel = teamChannel();
    await teams.post(membersAdded(teams.connector.serviceUrl, [BOT], channel));
    const welcome = await teams.connector.waitFor((a) => a.conversationId === channel.id);
    expect(welcome.replyToId).toBeNull();
    expect(welcome.body.text).toContain(`@${BOT.name}`);
    expect(welcome.body.text).toContain("Employee handbook and IT wiki");
  });

  it("does not greet every person who joins later", async () => {
    const channel = teamChannel();
    expect((await teams.post(membersAdded(teams.connector.serviceUrl, [{ id: "29:new-colleague", name: "New Colleague" }], channel))).status).toBe(200);
    const marker = teamChannel();
    await teams.post(membersAdded(teams.connector.serviceUrl, [BOT], marker));
    await teams.connector.waitFor((a) => a.conversationId === marker.id);
    expect(inConversation(teams, channel.id)).toEqual([]);
  });
});

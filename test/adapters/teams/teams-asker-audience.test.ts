import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DocentCore } from "../../../src/core/docent-core.ts";
import type { Question } from "../../../src/core/types.ts";
import { EVERYONE, groupPrincipal, userPrincipal } from "../../../src/shared/principals.ts";
import { startFakeGraph, type FakeGraph } from "../../helpers/fake-graph.ts";
import { freePort } from "../../helpers/free-port.ts";
import type { ReceivedActivity } from "../../helpers/fake-teams-connector.ts";
import { channelMention, groupChatMessage, personalMessage, USER, type TeamsActivity } from "./fixtures/activities.ts";
import { indexTeamsCorpus, startTeamsHarness, type IndexedCorpus, type TeamsHarness } from "./start-teams-harness.ts";

const GROUPS = ["0a6e1c52-1111-4a8e-9c11-000000000001", "0a6e1c52-2222-4a8e-9c11-000000000002", "0a6e1c52-3333-4a8e-9c11-000000000003"];
const UPN = "User.One@contoso.com";

/** The core the adapter talks to, recording each question it is asked: the boundary where the audience is visible. */
function recordingCore(asked: Question[]) {
  return (core: DocentCore): DocentCore => ({
    ...core,
    ask: (question, options) => {
      asked.push(question);
      return core.ask(question, options);
    },
  });
}

/** The same activity as Teams sends it from the fake Graph's tenant. */
const inTenant = (activity: TeamsActivity, tenantId: string): TeamsActivity => ({
  ...activity,
  conversation: { ...activity.conversation, tenantId },
  channelData: { ...activity.channelData, tenant: { id: tenantId } },
});
const isAnswer = (conversationId: string) => (a: ReceivedActivity) => a.conversationId.startsWith(conversationId.split(";")[0]!) && a.body.type === "message";

describe("Teams: who an answer is for", () => {
  let corpus: IndexedCorpus;
  let graph: FakeGraph;
  let teams: TeamsHarness;
  const asked: Question[] = [];

  beforeAll(async () => {
    corpus = await indexTeamsCorpus();
    graph = await startFakeGraph();
    graph.pageSize = 2;
    graph.addUser({ id: USER.aadObjectId, userPrincipalName: UPN, mail: "user.one@contoso.com", groups: GROUPS });
    teams = await startTeamsHarness({
      corpus,
      env: {
        GRAPH_API_URL: graph.apiUrl,
        MICROSOFT_LOGIN_URL: graph.loginUrl,
        SHAREPOINT_CLIENT_ID: graph.clientId,
        SHAREPOINT_CLIENT_SECRET: graph.clientSecret,
      },
      wrapCore: recordingCore(asked),
    });
  });
  afterAll(async () => {
    await teams.stop();
    await graph.close();
    await corpus.remove();
  });

  const ask = async (activity: TeamsActivity) => {
    const before = asked.length;
    expect((await teams.post(activity)).status).toBe(200);
    await teams.connector.waitFor(isAnswer(activity.conversation.id));
    expect(asked.length).toBe(before + 1);
    return asked.at(-1)!;
  };

  it("asks in a personal chat for the asker: their object id, UPN, mail and every group Graph lists, across pages", async () => {
    const question = await ask(inTenant(personalMessage(teams.connector.serviceUrl, "how many weeks of paid parental leave do I get?"), graph.tenantId));

    expect(question.audience).toEqual({ kind: "private", principals: expect.any(Array) });
    const principals = question.audience?.kind === "private" ? question.audience.principals : [];
    expect([...principals].sort()).toEqual([EVERYONE, userPrincipal(USER.aadObjectId), userPrincipal(UPN), ...GROUPS.map(groupPrincipal)].sort());
    // Three groups and a directory role, two per page: the nextLink was followed.
    expect(graph.graphRequests(/transitiveMemberOf$/).length).toBe(2);
  });

  it("reuses the asker's groups for the next question instead of asking Graph again", async () => {
    const before = graph.graphRequests().length;
    const question = await ask(inTenant(personalMessage(teams.connector.serviceUrl, "what about travel expenses?"), graph.tenantId));
    expect(question.audience?.kind).toBe("private");
    expect(graph.graphRequests().length).toBe(before);
  });

  it("asks in a channel or a group chat for everyone there, without looking anyone up", async () => {
    const before = graph.graphRequests().length;
    const inChannel = await ask(inTenant(channelMention(teams.connector.serviceUrl, "how many weeks of paid parental leave?"), graph.tenantId));
    const inGroup = await ask(
      inTenant(groupChatMessage(teams.connector.serviceUrl, "how many weeks of paid parental leave?", { mention: true }), graph.tenantId),
    );
    expect(inChannel.audience).toEqual({ kind: "shared" });
    expect(inGroup.audience).toEqual({ kind: "shared" });
    expect(graph.graphRequests().length).toBe(before);
  });
});

describe("Teams: the asker's groups when Graph is slow", () => {
  it("answers after a few seconds without the groups, and has them for the next question", async () => {
    const corpus = await indexTeamsCorpus();
    const graph = await startFakeGraph();
    graph.addUser({ id: USER.aadObjectId, userPrincipalName: UPN, groups: GROUPS.slice(0, 1) });
    graph.delayRequests(/^\/users\//, 4_000);
    const asked: Question[] = [];
    const teams = await startTeamsHarness({
      corpus,
      env: {
        GRAPH_API_URL: graph.apiUrl,
        MICROSOFT_LOGIN_URL: graph.loginUrl,
        SHAREPOINT_CLIENT_ID: graph.clientId,
        SHAREPOINT_CLIENT_SECRET: graph.clientSecret,
      },
      wrapCore: recordingCore(asked),
    });
    try {
      const first = inTenant(personalMessage(teams.connector.serviceUrl, "how many weeks of paid parental leave do I get?"), graph.tenantId);
      const started = performance.now();
      await teams.post(first);
      await teams.connector.waitFor(isAnswer(first.conversation.id));
      expect(performance.now() - started).toBeLessThan(3_900);
      expect(asked[0]?.audience).toEqual({ kind: "private", principals: [EVERYONE, userPrincipal(USER.aadObjectId)] });
      expect(teams.logs.some((line) => line.level === 40 && /slow to list the asker's groups/.test(line.msg))).toBe(true);

      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const second = inTenant(personalMessage(teams.connector.serviceUrl, "and travel expenses?"), graph.tenantId);
      await teams.post(second);
      await teams.connector.waitFor(isAnswer(second.conversation.id));
      expect(asked[1]?.audience).toEqual({ kind: "private", principals: expect.arrayContaining([groupPrincipal(GROUPS[0]!), userPrincipal(UPN)]) });
    } finally {
      await teams.stop();
      await graph.close();
      await corpus.remove();
    }
  });
});

describe("Teams: the asker's groups when Graph cannot be reached", () => {
  it("answers from what everyone may read and the asker's own ids, and logs a warning instead of failing", async () => {
    const corpus = await indexTeamsCorpus();
    const asked: Question[] = [];
    const closed = `http://127.0.0.1:${await freePort()}`;
    const teams = await startTeamsHarness({
      corpus,
      env: { GRAPH_API_URL: `${closed}/v1.0`, MICROSOFT_LOGIN_URL: closed, SHAREPOINT_CLIENT_ID: "app", SHAREPOINT_CLIENT_SECRET: "never-logged-secret" },
      wrapCore: recordingCore(asked),
    });
    try {
      const activity = personalMessage(teams.connector.serviceUrl, "how many weeks of paid parental leave do I get?");
      expect((await teams.post(activity)).status).toBe(200);
      const answer = await teams.connector.waitFor(isAnswer(activity.conversation.id));

      expect(answer.body.text).toMatch(/week/i);
      expect(asked[0]?.audience).toEqual({ kind: "private", principals: [EVERYONE, userPrincipal(USER.aadObjectId)] });
      expect(teams.logs.some((line) => line.level === 40 && /asker's groups/.test(line.msg))).toBe(true);
      expect(JSON.stringify(teams.logs)).not.toContain("never-logged-secret");
    } finally {
      await teams.stop();
      await corpus.remove();
    }
  });
});

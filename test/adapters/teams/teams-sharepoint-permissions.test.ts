import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/logger.ts";
import { openIndex } from "../../../src/retrieval/open-index.ts";
import { syncSources } from "../../../src/retrieval/sync-sources.ts";
import { tempDir } from "../../helpers/corpus.ts";
import { startFakeGraph, type FakeGraph } from "../../helpers/fake-graph.ts";
import type { ReceivedActivity } from "../../helpers/fake-teams-connector.ts";
import { channelMention, personalMessage, USER, type TeamsActivity } from "./fixtures/activities.ts";
import { startTeamsHarness, type IndexedCorpus, type TeamsHarness } from "./start-teams-harness.ts";

const HR_GROUP = "5f0c2a4e-8b1d-4c3a-9e7f-2b6d8a1c4e90";
const OUTSIDER = { id: "29:1user-two", name: "User Two", aadObjectId: "6f1c0b8e-2222-4000-8000-000000000002" };
const RESTRICTED_URL = "https://contoso.sharepoint.com/Documents/HR/salary-bands.md";
const RESTRICTED_PHRASE = "periwinkle";
const QUESTIONS = [
  "what are the salary bands?",
  "how much does a senior engineer earn?",
  "what is the periwinkle salary band?",
  "salary bands for engineers",
  "what does band four pay?",
  "who decides salary bands?",
  "how are salaries reviewed?",
  "what is the pay range for managers?",
  "tell me about compensation bands",
  "periwinkle band pay range",
];

/**
 * The end-to-end rule of issue #14 over Teams' wire, with a SharePoint library from a fake Graph: a file
 * shared only with the HR group is never cited, nor quoted, in a channel or to someone outside HR, and is
 * cited in a 1:1 chat with a member of HR.
 */
describe("Teams answers respect SharePoint permissions", () => {
  let dir: { path: string; remove: () => Promise<void> };
  let graph: FakeGraph;
  let teams: TeamsHarness;
  let corpus: IndexedCorpus;

  beforeAll(async () => {
    dir = await tempDir("docent-spo-teams-");
    graph = await startFakeGraph();
    const documents = graph.addSite("contoso.sharepoint.com:/sites/HR", ["Documents"])[0]!;
    graph.putFile(
      documents,
      "HR/salary-bands.md",
      `# Salary bands\n\nSenior engineers are paid in the ${RESTRICTED_PHRASE} band, from 90,000 to 120,000 a year. Salary bands are reviewed every spring by the compensation committee.\n`,
      [{ id: "g", roles: ["read"], grantedToV2: { group: { id: HR_GROUP, displayName: "HR" } } }],
    );
    graph.putFile(documents, "Handbook/holidays.md", "# Holidays\n\nEveryone gets twenty-eight days of holiday a year, bank holidays included.\n", [
      { id: "l", roles: ["read"], link: { scope: "organization", type: "view" } },
    ]);
    graph.addUser({ id: USER.aadObjectId, userPrincipalName: "user.one@contoso.com", groups: [HR_GROUP] });
    graph.addUser({ id: OUTSIDER.aadObjectId, userPrincipalName: "user.two@contoso.com", groups: [] });
    const env = {
      GRAPH_API_URL: graph.apiUrl,
      MICROSOFT_LOGIN_URL: graph.loginUrl,
      SHAREPOINT_CLIENT_ID: graph.clientId,
      SHAREPOINT_CLIENT_SECRET: graph.clientSecret,
      DOCENT_RATE_LIMIT_PER_MINUTE: "100",
    };
    const dbPath = join(dir.path, "db");
    const index = await openIndex(dbPath);
    const [outcome] = await syncSources(
      index,
      [
        {
          name: "sharepoint",
          type: "sharepoint",
          tenantId: graph.tenantId,
          sites: ["contoso.sharepoint.com:/sites/HR"],
          collection: "default",
          prettyUrls: false,
        },
      ],
      { logger: silentLogger(), graph: { apiUrl: graph.apiUrl, loginUrl: graph.loginUrl, clientId: graph.clientId, clientSecret: graph.clientSecret } },
    );
    expect(outcome).toMatchObject({ added: 2 });
    corpus = { index, dbPath, remove: async () => index.close() };
    teams = await startTeamsHarness({ corpus, env });
  });
  afterAll(async () => {
    await teams?.stop();
    await corpus?.remove();
    await graph.close();
    await dir.remove();
  });

  const inTenant = (activity: TeamsActivity): TeamsActivity => ({
    ...activity,
    conversation: { ...activity.conversation, tenantId: graph.tenantId },
    channelData: { ...activity.channelData, tenant: { id: graph.tenantId } },
  });
  /** The answer Teams receives for an activity: its text and the addresses it cites. */
  const answerTo = async (activity: TeamsActivity) => {
    expect((await teams.post(inTenant(activity))).status).toBe(200);
    const answer: ReceivedActivity = await teams.connector.waitFor((a) => a.conversationId === activity.conversation.id && a.body.type === "message", 20_000);
    const urls = (answer.body.entities ?? []).flatMap((e: { citation?: { appearance: { url?: string } }[] }) =>
      (e.citation ?? []).map((c) => c.appearance.url),
    );
    return { text: String(answer.body.text ?? ""), urls };
  };
  const leaks = (answer: { text: string; urls: string[] }) => (answer.urls.includes(RESTRICTED_URL) || answer.text.includes(RESTRICTED_PHRASE) ? 1 : 0);

  // Asked first, in a test of their own, so a missing answer fails there and the counts below are only about leaks.
  const leaked = { channel: -1, outsider: -1 };
  it("answers every question in a channel and in an outsider's 1:1 chat", async () => {
    leaked.channel = 0;
    for (const question of QUESTIONS) leaked.channel += leaks(await answerTo(channelMention(teams.connector.serviceUrl, question)));
    leaked.outsider = 0;
    for (const question of QUESTIONS.slice(0, 4))
      leaked.outsider += leaks(await answerTo({ ...personalMessage(teams.connector.serviceUrl, question), from: OUTSIDER }));
  });

  it("never cites or quotes the HR-only file in a channel, across many questions (leaks: 0)", () => {
    expect(leaked.channel).toBe(0);
  });

  it("never cites or quotes it in a 1:1 chat with someone outside HR (leaks: 0)", () => {
    expect(leaked.outsider).toBe(0);
  });

  it("cites it in a 1:1 chat with a member of HR", async () => {
    const answer = await answerTo(personalMessage(teams.connector.serviceUrl, "what is the periwinkle salary band?"));
    expect(answer.urls).toContain(RESTRICTED_URL);
  });
});

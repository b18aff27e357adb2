import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { teamsAnswerRef } from "../../../adapters/teams/teams-answer-ref.ts";
import { openIndex } from "../../../src/retrieval/open-index.ts";
import { syncSources } from "../../../src/retrieval/sync-sources.ts";
import { tempDir } from "../../helpers/corpus.ts";
import type { ReceivedActivity } from "../../helpers/fake-teams-connector.ts";
import { channelMention, feedbackInvoke, TENANT } from "./fixtures/activities.ts";
import { startTeamsHarness, type IndexedCorpus, type TeamsHarness } from "./start-teams-harness.ts";

/** The channel that owns the "policies" source, and the one a page's front matter names instead. */
const POLICY_CHANNEL = "19:policy-team@thread.tacv2";
const SABBATICAL_CHANNEL = "19:sabbatical-owners@thread.tacv2";
const OWNERS = new Set([POLICY_CHANNEL, SABBATICAL_CHANNEL]);

/** Three pages written for this test: two owned by the source's channel (one overridden by its front matter), one in an unowned source. */
async function indexOwnedCorpus(): Promise<IndexedCorpus> {
  const dir = await tempDir("docent-teams-owners-");
  await mkdir(join(dir.path, "policies"));
  await mkdir(join(dir.path, "notes"));
  await writeFile(
    join(dir.path, "policies/bicycle-allowance.md"),
    "# Bicycle allowance\n\nEmployees who cycle to the office receive a bicycle allowance of 20 euros a month, paid with the salary.\n",
  );
  await writeFile(
    join(dir.path, "policies/sabbatical.md"),
    `---\ntitle: Sabbatical leave\nowner:\n  teams: "${SABBATICAL_CHANNEL}"\n---\n\n# Sabbatical leave\n\nAfter five years of service an employee may take a sabbatical of up to three months, unpaid.\n`,
  );
  await writeFile(join(dir.path, "notes/printer.md"), "# Printer\n\nThe printer on the third floor is named Gutenberg; it prints double-sided by default.\n");
  const dbPath = join(dir.path, "db");
  const index = await openIndex(dbPath);
  await syncSources(
    index,
    [
      { name: "policies", type: "folder", path: join(dir.path, "policies"), collection: "default", prettyUrls: false, owner: { teams: POLICY_CHANNEL } },
      { name: "notes", type: "folder", path: join(dir.path, "notes"), collection: "default", prettyUrls: false },
    ],
    { logger: pino({ level: "silent" }) },
  );
  return {
    index,
    dbPath,
    remove: async () => {
      index.close();
      await dir.remove();
    },
  };
}

/**
 * Owner routing in Teams, over HTTP: the feedback invoke is posted to /api/messages as Teams sends it, and
 * the proactive message to the owner's channel is read at the fake connector (the feedback's serviceUrl).
 */
describe("Teams: a disliked answer with a reason goes to the owner's channel", () => {
  let corpus: IndexedCorpus;
  let teams: TeamsHarness;
  beforeAll(async () => {
    corpus = await indexOwnedCorpus();
    teams = await startTeamsHarness({ corpus });
  });
  afterAll(async () => {
    await teams?.stop();
    await corpus?.remove();
  });

  const ownerPosts = (): ReceivedActivity[] => teams.connector.received.filter((a) => OWNERS.has(a.conversationId));

  /** Asks in a channel thread; resolves with the question and the answer once the store links it to its message id. */
  async function ask(text: string) {
    const question = channelMention(teams.connector.serviceUrl, text);
    await teams.post(question);
    const answer = await teams.connector.waitFor((a) => a.conversationId === question.conversation.id && a.body.type === "message");
    await vi.waitFor(async () => expect(await teams.core.feedback.findAnswer(teamsAnswerRef(answer.conversationId, answer.id))).not.toBeNull());
    return { question, answer, ref: teamsAnswerRef(answer.conversationId, answer.id) };
  }

  async function vote(asked: Awaited<ReturnType<typeof ask>>, reaction: "like" | "dislike", text?: string) {
    const response = await teams.post(
      feedbackInvoke(teams.connector.serviceUrl, { replyToId: asked.answer.id, reaction, text, conversationId: asked.question.conversation.id }),
    );
    expect(response.status).toBe(200);
  }

  /** Waits for the routing's decision about an answer, as logged. */
  const decided = (message: RegExp, asked: { ref: string }) =>
    vi.waitFor(async () => {
      const answerId = (await teams.core.feedback.findAnswer(asked.ref))!.id;
      const line = teams.logs.find((l) => message.test(l.msg) && l.answer === answerId);
      expect(line).toBeTruthy();
      return line!;
    });

  it("posts the question, the answer, the reason and a link to the answer into the owner's channel, through the feedback's service URL", async () => {
    const asked = await ask("how much is the bicycle allowance per month?");
    await vote(asked, "dislike", "It does not say whether e-bikes count.");

    const post = await teams.connector.waitFor((a) => a.conversationId === POLICY_CHANNEL);
    // A new message in the channel (POST …/conversations/{owner}/activities), not a reply to anything.
    expect(post.replyToId).toBeNull();
    expect(post.body).toMatchObject({ type: "message", conversation: { id: POLICY_CHANNEL }, serviceUrl: teams.connector.serviceUrl });
    const text = String(post.body.text);
    expect(text).toContain("how much is the bicycle allowance per month?");
    expect(text).toContain("It does not say whether e-bikes count.");
    expect(text).toMatch(/bicycle allowance of 20 euros/);
    expect(text).toContain("bicycle-allowance.md");
    const rootId = asked.question.conversation.id.split("messageid=")[1]!;
    expect(text).toContain(
      `(https://teams.microsoft.com/l/message/${encodeURIComponent("19:abc@thread.tacv2")}/${asked.answer.id}?tenantId=${TENANT}&parentMessageId=${rootId})`,
    );
    const report = await teams.core.feedback.report();
    expect(report.items).toContainEqual(expect.objectContaining({ platform: "teams", rating: "down", comment: "It does not say whether e-bikes count." }));
  });

  it("tells the owner once a day per gap: a second 👎 on a reworded question routes nothing", async () => {
    const before = ownerPosts().length;
    const asked = await ask("what is the monthly bicycle allowance?");
    await vote(asked, "dislike", "Still nothing about e-bikes.");
    await decided(/already routed to its owner today/, asked);
    expect(ownerPosts()).toHaveLength(before);
  });

  it("routes nothing for a document without an owner", async () => {
    const before = ownerPosts().length;
    const asked = await ask("what is the third floor printer called?");
    await vote(asked, "dislike", "It was renamed.");
    await decided(/cited documents have no owner here/, asked);
    expect(ownerPosts()).toHaveLength(before);
  });

  it("routes nothing for a 👍 (even with a comment) or a 👎 without one; the front matter's owner wins over the source's", async () => {
    const before = ownerPosts().length;
    const liked = await ask("how many months can a sabbatical last?");
    await vote(liked, "like", "Great, thanks");
    const bare = await ask("may I take a sabbatical after five years of service?");
    await vote(bare, "dislike");

    // Both cited the owned page (so only the missing reason, or the 👍, kept them from being routed).
    const items = (await teams.core.feedback.report()).items;
    for (const question of ["how many months can a sabbatical last?", "may I take a sabbatical after five years of service?"])
      expect(items.find((item) => item.question === question)).toMatchObject({ docIds: ["sabbatical.md"] });

    const disliked = await ask("how long is a sabbatical after five years of service?");
    await vote(disliked, "dislike", "Say whether the pension keeps accruing.");
    await decided(/told the owner/, disliked);
    const posts = ownerPosts().slice(before);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.conversationId).toBe(SABBATICAL_CHANNEL);
    expect(String(posts[0]!.body.text)).toContain("Say whether the pension keeps accruing.");
    expect(String(posts[0]!.body.text)).toContain("how long is a sabbatical after five years of service?");
  });
});

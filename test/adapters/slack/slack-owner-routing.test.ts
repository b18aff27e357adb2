import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeMessage, SlackApiCall } from "../../helpers/fake-slack-api.ts";
import { tempDir } from "../../helpers/corpus.ts";
import { ALICE, DM, directMessageEvent, eventCallback, feedbackClick, feedbackReasonSubmission } from "./slack-payloads.ts";
import { startSlackTestApp, type SlackTestApp } from "./start-slack-test-app.ts";

/** The team that owns the "policies" source, and the person a front matter names instead for one page. */
const POLICY_TEAM = "C0POLICYTEAM";
const LEAVE_OWNER = "U0LEAVEOWNER";
const OWNERS = new Set([POLICY_TEAM, LEAVE_OWNER]);

/**
 * Owner routing in Slack, over the wire: a 👎 click and its reason form arrive as signed interactivity
 * payloads, and what the owner is told is read back from the fake Web API's chat.postMessage calls.
 */
describe("Slack: a disliked answer with a reason goes to the owner of the cited document", () => {
  let app: SlackTestApp;
  let corpus: { path: string; remove: () => Promise<void> };

  beforeAll(async () => {
    corpus = await tempDir("docent-owners-");
    await mkdir(join(corpus.path, "policies"));
    await mkdir(join(corpus.path, "notes"));
    await writeFile(
      join(corpus.path, "policies/bicycle-allowance.md"),
      "# Bicycle allowance\n\nEmployees who cycle to the office receive a bicycle allowance of 20 euros a month, paid with the salary.\n",
    );
    await writeFile(
      join(corpus.path, "policies/sabbatical.md"),
      `---\ntitle: Sabbatical leave\nowner: ${LEAVE_OWNER}\n---\n\n# Sabbatical leave\n\nAfter five years of service an employee may take a sabbatical of up to three months, unpaid.\n`,
    );
    await writeFile(
      join(corpus.path, "policies/parking.md"),
      "# Parking\n\nCars park in the underground garage on Mill Street; ask reception for a parking card.\n",
    );
    await writeFile(
      join(corpus.path, "notes/printer.md"),
      "# Printer\n\nThe printer on the third floor is named Gutenberg; it prints double-sided by default.\n",
    );
    app = await startSlackTestApp({
      configure: (config) => {
        config.sources = [
          { name: "policies", type: "folder", path: join(corpus.path, "policies"), collection: "default", prettyUrls: false, owner: { slack: POLICY_TEAM } },
          { name: "notes", type: "folder", path: join(corpus.path, "notes"), collection: "default", prettyUrls: false },
        ];
      },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await corpus?.remove();
  });

  const ownerPosts = (): SlackApiCall[] => app.fake.callsTo("chat.postMessage").filter((call) => OWNERS.has(call.args.channel));

  /** Asks in a DM and returns the finished answer (with its feedback buttons) and its id. */
  async function ask(text: string): Promise<{ reply: FakeMessage; answerId: string; threadTs: string }> {
    const event = directMessageEvent({ text, user: ALICE });
    await app.send(eventCallback(event));
    const reply = await app.fake.waitFor(
      () => app.fake.thread(DM, event.ts).find((m) => !m.streaming && m.blocks.some((b) => b.type === "context_actions")),
      `the answer to "${text}"`,
    );
    const buttons = reply.blocks.find((b) => b.type === "context_actions").elements[0];
    return { reply, answerId: String(buttons.positive_button.value).replace(/:up$/, ""), threadTs: event.ts };
  }

  /** 👎 on the answer, then its reason form submitted as Slack sends it (form-encoded, signed). */
  async function dislike(asked: { reply: FakeMessage; answerId: string; threadTs: string }, reason: string): Promise<void> {
    const formsBefore = app.fake.callsTo("views.open").length;
    await app.send(feedbackClick({ value: `${asked.answerId}:down`, channel: DM, messageTs: asked.reply.ts, threadTs: asked.threadTs }), { form: true });
    const form = await app.fake.waitFor(() => app.fake.callsTo("views.open")[formsBefore], "the reason form");
    const metadata = JSON.parse(form.args.view.private_metadata);
    expect(metadata).toEqual({ answerId: asked.answerId, channel: DM, ts: asked.reply.ts });
    const response = await app.send(feedbackReasonSubmission({ answerId: asked.answerId, reason, message: { channel: metadata.channel, ts: metadata.ts } }), {
      form: true,
    });
    expect(response.status).toBe(200);
  }

  const logged = (message: RegExp, answerId: string) =>
    app.fake.waitFor(() => app.logs.find((line) => message.test(line.msg) && line.answer === answerId), `the log line ${message} for ${answerId}`);

  it("posts the question, the shortened answer, the reason and the answer's permalink to the source's owner channel", async () => {
    const asked = await ask("how much is the bicycle allowance per month?");
    await dislike(asked, "It does not say whether e-bikes count.");

    const [post] = await app.fake.waitFor(() => (ownerPosts().length ? ownerPosts() : null), "the owner's message");
    expect(post!.args.channel).toBe(POLICY_TEAM);
    const text = String(post!.args.text);
    expect(text).toContain("how much is the bicycle allowance per month?");
    expect(text).toContain("It does not say whether e-bikes count.");
    expect(text).toMatch(/bicycle allowance of 20 euros/);
    expect(text).toContain("bicycle-allowance.md");
    // The permalink Slack gave for the answer message, asked with the channel and ts the form carried.
    const permalink = app.fake.callsTo("chat.getPermalink").at(-1)!;
    expect(permalink.args).toMatchObject({ channel: DM, message_ts: asked.reply.ts });
    expect(text).toContain(`<https://fernhill.slack.com/archives/${DM}/p${asked.reply.ts.replace(".", "")}|`);
    // The vote and its reason are stored as ever.
    const report = await app.core.feedback.report();
    expect(report.items).toContainEqual(expect.objectContaining({ rating: "down", comment: "It does not say whether e-bikes count." }));
  });

  it("tells the owner once a day per gap: a second 👎 on a reworded question routes nothing", async () => {
    const before = ownerPosts().length;
    const asked = await ask("what is the monthly bicycle allowance?");
    await dislike(asked, "Still no word on e-bikes.");
    await logged(/already routed to its owner today/, asked.answerId);
    expect(ownerPosts()).toHaveLength(before);
  });

  it("routes nothing for a document without an owner", async () => {
    const before = ownerPosts().length;
    const asked = await ask("what is the third floor printer called?");
    await dislike(asked, "The printer was renamed.");
    await logged(/cited documents have no owner here/, asked.answerId);
    expect(ownerPosts()).toHaveLength(before);
  });

  it("routes nothing for a 👍 or for a 👎 whose form is sent without a reason; the front matter's owner wins over the source's", async () => {
    const before = ownerPosts().length;
    const liked = await ask("how many months can a sabbatical last?");
    await app.send(feedbackClick({ value: `${liked.answerId}:up`, channel: DM, messageTs: liked.reply.ts, threadTs: liked.threadTs }), { form: true });
    const silent = await ask("may I take a sabbatical after five years of service?");
    await dislike(silent, "   ");
    await waitForAsync(async () =>
      (await app.core.feedback.report()).items.find(
        (item) => item.question === "may I take a sabbatical after five years of service?" && item.rating === "down",
      ),
    );

    // Both cited the owned page (so only the 👍, or the missing reason, kept them from being routed).
    for (const question of ["how many months can a sabbatical last?", "may I take a sabbatical after five years of service?"]) {
      const item = await waitForAsync(async () => (await app.core.feedback.report()).items.find((i) => i.question === question));
      expect(item.docIds).toEqual(["sabbatical.md"]);
    }

    // Then a 👎 with a reason on a third sabbatical question: only that one reaches an owner, the page's own
    // (its front matter), not the source's.
    const disliked = await ask("how long is a sabbatical after five years of service?");
    await dislike(disliked, "It should say whether the pension keeps accruing.");
    await logged(/told the owner/, disliked.answerId);
    const posts = ownerPosts().slice(before);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.args.channel).toBe(LEAVE_OWNER);
    expect(String(posts[0]!.args.text)).toContain("pension keeps accruing");
    expect(String(posts[0]!.args.text)).toContain("how long is a sabbatical after five years of service?");
  });

  it("keeps the feedback when posting to the owner fails, and says so in the log as a warning", async () => {
    const asked = await ask("where can I park my car at the office?");
    app.fake.fail("chat.postMessage", { error: "channel_not_found" }, 1);
    await dislike(asked, "The garage moved.");
    await app.fake.waitFor(() => app.logs.find((line) => /could not post to the owner/.test(line.msg) && line.level === 40), "the warning");
    const report = await app.core.feedback.report();
    expect(report.items).toContainEqual(
      expect.objectContaining({ question: "where can I park my car at the office?", rating: "down", comment: "The garage moved." }),
    );
    expect(app.fake.callsTo("chat.postEphemeral").at(-1)!.args.text).toMatch(/Thanks for the feedback/);
  });
});

async function waitForAsync<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_THREAD_TITLE_CHARS } from "../../../adapters/slack/create-thread-titler.ts";
import { SUGGESTED_PROMPTS, SUGGESTED_PROMPTS_TITLE } from "../../../adapters/slack/generic-prompts.ts";
import { ALICE, BOB, CHANNEL, directMessageEvent, DM, eventCallback, mentionEvent, nextTs, TEAM } from "./slack-payloads.ts";
import { startSlackTestApp, type SlackTestApp } from "./start-slack-test-app.ts";

/** The prompts made from the fixture index: its best-covered documents, taking turns between its two sources. */
const TOPIC_PROMPTS = ["Parental Leave", "Office Wi-Fi", "Reporting Phishing", "Travel & Expenses"].map((topic) => ({
  title: topic,
  message: `What do our documents say about ${topic}?`,
}));

/** What Bolt's client adds to every call: the bot token (as the fake reads it from the header) and the event's workspace. */
const SENT_BY_BOLT = { __token: "xoxb-test-token-0000", team_id: TEAM };

/** `assistant_thread_started` as Slack's event reference shows it. */
function threadStarted(fields: { user: string; channel: string; threadTs: string }) {
  return {
    type: "assistant_thread_started",
    assistant_thread: {
      user_id: fields.user,
      context: { channel_id: CHANNEL, team_id: TEAM, enterprise_id: null },
      channel_id: fields.channel,
      thread_ts: fields.threadTs,
    },
    event_ts: nextTs(),
  };
}

function homeOpened(user: string, tab: "home" | "messages", channel = `D0HOME${user}`) {
  return { type: "app_home_opened", user, channel, tab, event_ts: nextTs() };
}

/** A Home view as views.publish accepts it: Block Kit's documented limits for the blocks this app uses. */
const plainText = z.object({ type: z.literal("plain_text"), text: z.string().min(1).max(150), emoji: z.boolean().optional() }).strict();
const mrkdwn = z.object({ type: z.literal("mrkdwn"), text: z.string().min(1).max(3000) }).strict();
const homeViewSchema = z
  .object({
    type: z.literal("home"),
    blocks: z
      .array(
        z.discriminatedUnion("type", [
          z.object({ type: z.literal("header"), text: plainText }).strict(),
          z.object({ type: z.literal("section"), text: mrkdwn }).strict(),
          z.object({ type: z.literal("divider") }).strict(),
          z.object({ type: z.literal("context"), elements: z.array(mrkdwn).min(1).max(10) }).strict(),
        ]),
      )
      .min(1)
      .max(100),
  })
  .strict();

describe("Slack's agent experience: suggested prompts, thread titles, the Home tab", () => {
  let app: SlackTestApp;

  beforeAll(async () => {
    app = await startSlackTestApp({
      configure: (config) => {
        // A DM whose scope names a collection the index does not have: no topic to suggest.
        config.scopes = { "slack:D0EMPTYSCOPE": ["no-such-collection"] };
      },
    });
  });
  afterAll(() => app?.stop());

  const finalReply = (channel: string, threadTs: string) =>
    app.fake.waitFor(
      () => app.fake.thread(channel, threadTs).find((m) => !m.streaming && m.blocks.some((b) => b.type === "context_actions")),
      `the final answer in thread ${threadTs}`,
    );
  const titlesFor = (channel: string) => app.fake.callsTo("assistant.threads.setTitle").filter((c) => c.args.channel_id === channel);
  const publishedFor = (user: string) => app.fake.callsTo("views.publish").filter((c) => c.args.user_id === user);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

  it("suggests prompts on the thread Slack names when an assistant thread starts, made from the index's best-covered documents", async () => {
    const threadTs = nextTs();
    expect((await app.send(eventCallback(threadStarted({ user: BOB, channel: "D0ASSIST01", threadTs })))).status).toBe(200);
    const call = await app.fake.waitFor(
      () => app.fake.callsTo("assistant.threads.setSuggestedPrompts").find((c) => c.args.channel_id === "D0ASSIST01"),
      "the suggested prompts",
    );
    expect(call.args).toEqual({ channel_id: "D0ASSIST01", thread_ts: threadTs, title: SUGGESTED_PROMPTS_TITLE, prompts: TOPIC_PROMPTS, ...SENT_BY_BOLT });
  });

  it("falls back to the generic prompts when nothing in the conversation's scope is indexed", async () => {
    await app.send(eventCallback(homeOpened(BOB, "messages", "D0EMPTYSCOPE")));
    const call = await app.fake.waitFor(
      () => app.fake.callsTo("assistant.threads.setSuggestedPrompts").find((c) => c.args.channel_id === "D0EMPTYSCOPE"),
      "the suggested prompts",
    );
    expect(call.args.thread_ts).toBeUndefined();
    expect(call.args.prompts).toEqual(SUGGESTED_PROMPTS);
  });

  it("titles an agent thread after its first question, and only that one", async () => {
    const question = directMessageEvent({ text: "  how many weeks of\nparental leave do I get?  ", user: ALICE, channel: "D0TITLE01" });
    await app.send(eventCallback(question));
    await finalReply("D0TITLE01", question.ts);
    const titled = await app.fake.waitFor(() => titlesFor("D0TITLE01")[0], "the thread's title");
    expect(titled.args).toEqual({ channel_id: "D0TITLE01", thread_ts: question.ts, title: "how many weeks of parental leave do I get?", ...SENT_BY_BOLT });

    const followUp = directMessageEvent({ text: "and for adoption?", user: ALICE, channel: "D0TITLE01", thread_ts: question.ts });
    await app.send(eventCallback(followUp));
    await finalReply("D0TITLE01", question.ts);
    await app.fake.waitFor(
      () => app.fake.thread("D0TITLE01", question.ts).filter((m) => m.blocks.some((b) => b.type === "context_actions")).length === 2,
      "the follow-up's answer",
    );
    // A reply in a thread whose start this process never saw (from before a restart) renames nothing either.
    const oldThread = nextTs();
    const lateReply = directMessageEvent({ text: "what about twins?", user: ALICE, channel: "D0TITLE01", thread_ts: oldThread });
    await app.send(eventCallback(lateReply));
    await finalReply("D0TITLE01", oldThread);
    await settle();
    expect(titlesFor("D0TITLE01")).toHaveLength(1);
  });

  it("titles an assistant thread (started by Slack) with the first question asked in it, cut to a sensible length", async () => {
    const threadTs = nextTs();
    await app.send(eventCallback(threadStarted({ user: ALICE, channel: "D0TITLE02", threadTs })));
    const long = "what should I do when I get an email that asks me to confirm my password on a page that looks like our login page but has a strange address?";
    await app.send(eventCallback(directMessageEvent({ text: long, user: ALICE, channel: "D0TITLE02", thread_ts: threadTs })));
    const titled = await app.fake.waitFor(() => titlesFor("D0TITLE02")[0], "the thread's title");
    expect(titled.args.thread_ts).toBe(threadTs);
    expect(titled.args.title).toBe("what should I do when I get an email that asks me to…");
    expect(titled.args.title.length).toBeLessThanOrEqual(MAX_THREAD_TITLE_CHARS);
    await finalReply("D0TITLE02", threadTs);
  });

  it("sets no title in channel threads, which are no agent threads", async () => {
    const mention = mentionEvent({ text: "how do I report a phishing email?" });
    await app.send(eventCallback(mention));
    await finalReply(CHANNEL, mention.ts);
    await settle();
    expect(titlesFor(CHANNEL)).toHaveLength(0);
  });

  it("answers without waiting for the title", async () => {
    app.fake.delay("assistant.threads.setTitle", 3000);
    try {
      const question = directMessageEvent({ text: "how do I submit an expense report?", user: BOB, channel: "D0TITLE03" });
      const started = performance.now();
      await app.send(eventCallback(question));
      await finalReply("D0TITLE03", question.ts);
      expect(performance.now() - started).toBeLessThan(2500);
      // The title's request is still held by Slack while the answer is already posted.
      expect(titlesFor("D0TITLE03")).toHaveLength(0);
      await app.fake.waitFor(() => titlesFor("D0TITLE03")[0], "the delayed title", 6000);
    } finally {
      app.fake.delay("assistant.threads.setTitle", 0);
    }
  });

  it("still answers when Slack refuses the title (missing_scope), and logs why without secrets", async () => {
    app.fake.fail("assistant.threads.setTitle", { error: "missing_scope" });
    const question = directMessageEvent({ text: "who approves my travel expenses?", user: BOB, channel: "D0TITLE04" });
    await app.send(eventCallback(question));
    const reply = await finalReply("D0TITLE04", question.ts);
    expect(app.fake.messageText(reply)).toMatch(/Travel &amp; Expenses/);
    const refused = await app.fake.waitFor(
      () => app.logs.find((line) => line.msg.startsWith("could not set the thread's title") && line.channel === "D0TITLE04"),
      "the logged refusal",
    );
    expect(refused).toMatchObject({ level: 40, err: "missing_scope", thread: question.ts });
    expect(JSON.stringify(app.logs)).not.toContain("xoxb-test-token-0000");
  });

  it("publishes a Home tab with the sources, how to ask, and the person's own recent questions", async () => {
    const bobsQuestion = directMessageEvent({ text: "how many weeks of parental leave for the secondary caregiver?", user: BOB, channel: "D0HOMEQ01" });
    await app.send(eventCallback(bobsQuestion));
    await finalReply("D0HOMEQ01", bobsQuestion.ts);
    const carol = "U0CAROL001";
    const first = directMessageEvent({ text: "how do I report a phishing email?", user: carol, channel: "D0HOMEQ02" });
    await app.send(eventCallback(first));
    await finalReply("D0HOMEQ02", first.ts);
    const second = directMessageEvent({ text: "Can I expense a &lt;taxi&gt; &amp; a train ticket?", user: carol, channel: "D0HOMEQ02" });
    await app.send(eventCallback(second));
    await finalReply("D0HOMEQ02", second.ts);

    expect((await app.send(eventCallback(homeOpened(carol, "home")))).status).toBe(200);
    const published = await app.fake.waitFor(() => publishedFor(carol)[0], "the Home tab");
    expect(Object.keys(published.args).sort()).toEqual(["__token", "team_id", "user_id", "view"]);
    const parsed = homeViewSchema.safeParse(published.args.view);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);

    const texts = (published.args.view.blocks as any[])
      .flatMap((b) => [b.text?.text, ...(b.elements ?? []).map((e: any) => e.text)])
      .filter(Boolean) as string[];
    const all = texts.join("\n");
    // Each source with its document count and its last sync, as `docent sources` reports them.
    expect(texts.find((t) => t.startsWith("*handbook*"))).toMatch(
      /^\*handbook\*: 3 documents\nLast synced <!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+> \((just now|\d+ minutes? ago)\)$/,
    );
    expect(texts.find((t) => t.startsWith("*office-notes*"))).toMatch(/^\*office-notes\*: 1 document\nLast synced /);
    expect(all).toContain(`mention <@${app.fake.botUserId}>`);
    expect(all).toMatch(/Messages tab/);
    expect(all).toMatch(/agent pane/);
    expect(all).toMatch(/cites its sources/);
    expect(all).toMatch(/:\+1: and :-1:/);
    // Newest first, escaped for mrkdwn; someone else's question never shows.
    const recent = texts.find((t) => t.includes("phishing email"))!;
    expect(recent.split("\n").map((line) => line.replace(/ {2}_<!date.*$/, ""))).toEqual([
      "• Can I expense a &lt;taxi&gt; &amp; a train ticket?",
      "• how do I report a phishing email?",
    ]);
    expect(all).not.toContain("secondary caregiver");
  });

  it("publishes at most once per person in a short while, and shows a first-time visitor an empty history", async () => {
    const dave = "U0DAVE0001";
    await app.send(eventCallback(homeOpened(dave, "home")));
    const published = await app.fake.waitFor(() => publishedFor(dave)[0], "the Home tab");
    expect(JSON.stringify(published.args.view)).toContain("Nothing yet");
    await app.send(eventCallback(homeOpened(dave, "home")));
    await app.send(eventCallback(homeOpened(dave, "home")));
    await settle();
    expect(publishedFor(dave)).toHaveLength(1);
  });

  it("logs a refused views.publish (Home tab switched off) and keeps answering", async () => {
    app.fake.fail("views.publish", { error: "not_enabled" });
    const erin = "U0ERIN0001";
    await app.send(eventCallback(homeOpened(erin, "home")));
    const refused = await app.fake.waitFor(() => app.logs.find((line) => line.msg.startsWith("could not publish the Home tab")), "the logged refusal");
    expect(refused).toMatchObject({ level: 40, err: "not_enabled" });
    // (The Web API client's own debug lines echo request bodies; what Docent logs at info and above names nobody.)
    expect(JSON.stringify(app.logs.filter((line) => line.level >= 30))).not.toContain(erin);
    const question = directMessageEvent({ text: "how do I report a phishing email?", user: erin, channel: "D0ERIN" });
    await app.send(eventCallback(question));
    await finalReply("D0ERIN", question.ts);
  });
});

describe("Slack's suggested prompts from the config file", () => {
  let app: SlackTestApp;
  const configured = [
    { title: "Holidays", message: "Which public holidays do we get this year?" },
    { title: "Laptop", message: "How do I get a new laptop?" },
  ];

  beforeAll(async () => {
    app = await startSlackTestApp({ configure: (config) => void (config.slackBehaviour.suggestedPrompts = configured) });
  });
  afterAll(() => app?.stop());

  it("offers exactly the configured prompts, in an agent DM and in an assistant thread", async () => {
    await app.send(eventCallback(homeOpened(ALICE, "messages", DM)));
    const threadTs = nextTs();
    await app.send(eventCallback(threadStarted({ user: ALICE, channel: "D0ASSIST02", threadTs })));
    const calls = await app.fake.waitFor(() => {
      const all = app.fake.callsTo("assistant.threads.setSuggestedPrompts");
      return all.length === 2 && all;
    }, "both calls");
    const byChannel = Object.fromEntries(calls.map((c) => [c.args.channel_id, c.args]));
    expect(byChannel[DM]).toEqual({ channel_id: DM, title: SUGGESTED_PROMPTS_TITLE, prompts: configured, ...SENT_BY_BOLT });
    expect(byChannel["D0ASSIST02"]).toEqual({
      channel_id: "D0ASSIST02",
      thread_ts: threadTs,
      title: SUGGESTED_PROMPTS_TITLE,
      prompts: configured,
      ...SENT_BY_BOLT,
    });
  });
});

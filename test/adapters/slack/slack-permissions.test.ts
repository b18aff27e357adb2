import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../../src/core/types.ts";
import { WIKI_SPACES, WIKI_USERS, wikiPages } from "../../helpers/confluence-wiki.ts";
import { startFakeConfluence, type FakeConfluence } from "../../helpers/fake-confluence.ts";
import type { FakeMessage } from "../../helpers/fake-slack-api.ts";
import { ALICE, BOB, CHANNEL, directMessageEvent, eventCallback, mentionEvent } from "./slack-payloads.ts";
import { startSlackTestApp, type SlackTestApp } from "./start-slack-test-app.ts";

const CAROL = "U0CAROL001";
const ALICE_DM = "D0ALICE001";
const CAROL_DM = "D0CAROL001";

/** Questions only restricted pages answer (salary bands, bonus table: Alice; litigation hold: Alice and Carol). */
const RESTRICTED_QUESTIONS = [
  "what is the quartz salary band for senior engineers?",
  "where does the quartz salary band start?",
  "how much does the zircon bonus pay?",
  "what percentage is the zircon bonus?",
  "what does a litigation hold freeze?",
  "which garnet mailboxes does a litigation hold cover?",
  "salary bands",
  "bonus table",
];
/** Anything of a restricted page: titles, ids in links, and words only they contain. */
const RESTRICTED_MARKS = [/salary bands/i, /bonus table/i, /litigation hold/i, /quartz/i, /zircon/i, /garnet/i, /\/pages\/10[23]\//, /\/pages\/200\//];

/**
 * Permission-aware answers in Slack, end to end: a Confluence site (a fake one on 127.0.0.1) with
 * restricted pages is synced into the index; signed Slack events ask about them in a channel and in DMs.
 * A channel only ever gets what everyone may read; a DM gets what its asker may read, found by email
 * through `users.info`.
 */
describe("permission-aware answers in Slack", () => {
  let wiki: FakeConfluence;
  let app: SlackTestApp;
  const answers: Answer[] = [];

  beforeAll(async () => {
    wiki = await startFakeConfluence({ spaces: WIKI_SPACES, users: WIKI_USERS, pages: wikiPages() });
    process.env.DOCENT_TEST_WIKI_EMAIL = wiki.email;
    process.env.DOCENT_TEST_WIKI_TOKEN = wiki.token;
    app = await startSlackTestApp({
      env: { DOCENT_RATE_LIMIT_PER_MINUTE: "1000" },
      slackUsers: { [ALICE]: { email: "alice@acme.test" }, [BOB]: { email: "bob@acme.test" }, [CAROL]: { email: "CAROL@acme.test" } },
      configure: (config) => {
        config.sources = [
          {
            name: "wiki",
            type: "confluence",
            url: wiki.url,
            spaces: ["HR", "LEGAL"],
            collection: "wiki",
            prettyUrls: false,
            everyoneGroups: ["confluence-users"],
            emailEnv: "DOCENT_TEST_WIKI_EMAIL",
            tokenEnv: "DOCENT_TEST_WIKI_TOKEN",
          },
        ];
      },
      wrapCore: (core) => ({
        ...core,
        async ask(question, options) {
          const answer = await core.ask(question, options);
          answers.push(answer);
          return answer;
        },
      }),
    });
  }, 30_000);
  afterAll(async () => {
    await app?.stop();
    await wiki?.close();
    delete process.env.DOCENT_TEST_WIKI_EMAIL;
    delete process.env.DOCENT_TEST_WIKI_TOKEN;
  });

  const finalReply = (channel: string, threadTs: string) =>
    app.fake.waitFor(
      () => app.fake.thread(channel, threadTs).find((m) => !m.streaming && m.blocks.some((b) => b.type === "context_actions")),
      `the answer in ${channel} ${threadTs}`,
      10_000,
    );
  const answerOf = (message: FakeMessage) => {
    const buttons = message.blocks.find((b) => b.type === "context_actions").elements[0];
    const id = String(buttons.positive_button.value).replace(/:up$/, "");
    return answers.find((a) => a.id === id)!;
  };
  /** What the reader of a reply sees, and what the answer cites, checked for anything of a restricted page. */
  const leaks = (message: FakeMessage, allowed: RegExp[] = []) => {
    const answer = answerOf(message);
    const seen = [app.fake.messageText(message), ...answer.citations.map((c) => `${c.title} ${c.url} ${c.snippet}`)].join("\n");
    return RESTRICTED_MARKS.filter((mark) => !allowed.some((ok) => ok.source === mark.source) && mark.test(seen)).length;
  };
  const ask = async (event: ReturnType<typeof mentionEvent> | ReturnType<typeof directMessageEvent>) => {
    expect((await app.send(eventCallback(event))).status).toBe(200);
    return finalReply(event.channel, event.ts);
  };

  it("never cites a restricted page in a channel, whoever asks, and declines without hinting at it", async () => {
    let leaked = 0;
    for (const text of RESTRICTED_QUESTIONS) {
      // Alice may read every restricted page, but the channel's other members may not.
      for (const user of [ALICE, BOB]) leaked += leaks(await ask(mentionEvent({ text, user, channel: CHANNEL })));
    }
    expect(leaked).toBe(0);
    // Nobody in a channel was looked up: the audience is shared whoever asks.
    expect(app.fake.callsTo("users.info")).toEqual([]);
  }, 60_000);

  it("never cites a restricted page in a DM to someone outside its readers", async () => {
    let leaked = 0;
    for (const text of RESTRICTED_QUESTIONS) leaked += leaks(await ask(directMessageEvent({ text, user: BOB })));
    // Carol may read the litigation hold, never the salary pages.
    for (const text of RESTRICTED_QUESTIONS)
      leaked += leaks(await ask(directMessageEvent({ text, user: CAROL, channel: CAROL_DM })), [/litigation hold/i, /garnet/i, /\/pages\/200\//]);
    expect(leaked).toBe(0);
  }, 60_000);

  it("cites a restricted page in a DM to a permitted reader, who is looked up once", async () => {
    const before = app.fake.callsTo("users.info").filter((c) => c.args.user === ALICE).length;
    const salary = answerOf(await ask(directMessageEvent({ text: "what is the quartz salary band for senior engineers?", user: ALICE, channel: ALICE_DM })));
    expect(salary.mode).not.toBe("no-answer");
    expect(salary.citations[0]).toMatchObject({ docId: "102", title: "Salary bands", url: `${wiki.url}/spaces/HR/pages/102/Salary+bands` });
    const hold = answerOf(await ask(directMessageEvent({ text: "what does a litigation hold freeze?", user: ALICE, channel: ALICE_DM })));
    expect(hold.citations[0]?.docId).toBe("200");
    const carol = answerOf(await ask(directMessageEvent({ text: "what does a litigation hold freeze?", user: CAROL, channel: CAROL_DM })));
    expect(carol.citations[0]?.docId).toBe("200");
    // The email is cached for the conversation: two questions, one lookup.
    expect(app.fake.callsTo("users.info").filter((c) => c.args.user === ALICE).length - before).toBe(1);
  }, 30_000);

  it("answers a DM from everyone's pages when Slack will not say who asks, and does not ask again for every question", async () => {
    const DAVE = "U0DAVE0001";
    const DAVE_DM = "D0DAVE0001";
    app.fake.fail("users.info", { error: "missing_scope" });
    const first = answerOf(await ask(directMessageEvent({ text: "how many weeks of moonbeam leave does a parent get?", user: DAVE, channel: DAVE_DM })));
    const second = await ask(directMessageEvent({ text: "what is the quartz salary band for senior engineers?", user: DAVE, channel: DAVE_DM }));
    expect(first.citations[0]?.docId).toBe("101");
    expect(leaks(second)).toBe(0);
    expect(app.fake.callsTo("users.info").filter((c) => c.args.user === DAVE)).toHaveLength(1);
    expect(app.logs.some((line) => /could not look up a DM's asker/.test(line.msg))).toBe(true);
  });

  it("answers everyone's pages in a channel as before", async () => {
    const reply = await ask(mentionEvent({ text: "how many weeks of moonbeam leave does a parent get?", user: BOB }));
    expect(answerOf(reply).citations[0]).toMatchObject({ docId: "101", title: "Parental leave" });
  });
});

import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackAdapter } from "../../../adapters/slack/create-slack-adapter.ts";
import { createWebAdapter } from "../../../adapters/web/create-web-adapter.ts";
import type { DocentServer } from "../../../src/server/start-docent.ts";
import { tempDir } from "../../helpers/corpus.ts";
import { startFakeSlackApi, type FakeSlackApi } from "../../helpers/fake-slack-api.ts";
import { startTestDocent } from "../../helpers/start-test-docent.ts";

const OWNER = "C0POLICYTEAM";

/** Parses a server-sent-event body into [event, data] pairs. */
function events(body: string): [string, any][] {
  return body
    .split("\n\n")
    .filter(Boolean)
    .map((raw) => [/^event: (.*)$/m.exec(raw)![1]!, JSON.parse(/^data: (.*)$/m.exec(raw)![1]!)]);
}

/** The playground's feedback reaches a document's owner in Slack when the server also runs the Slack adapter. */
describe("the playground: a 👎 with a comment goes to the owner through Slack", () => {
  let fake: FakeSlackApi;
  let docent: DocentServer;
  let stop: () => Promise<void>;
  let corpus: { path: string; remove: () => Promise<void> };

  beforeAll(async () => {
    corpus = await tempDir("docent-web-owners-");
    await mkdir(join(corpus.path, "policies"));
    await writeFile(
      join(corpus.path, "policies/bicycle.md"),
      "# Bicycle allowance\n\nEmployees who cycle to the office receive a bicycle allowance of 20 euros a month.\n",
    );
    await writeFile(
      join(corpus.path, "policies/parking.md"),
      "# Parking\n\nCars park in the underground garage on Mill Street; ask reception for a parking card.\n",
    );
    fake = await startFakeSlackApi();
    ({ docent, stop } = await startTestDocent({
      adapters: [createSlackAdapter, createWebAdapter],
      env: { SLACK_BOT_TOKEN: "xoxb-test-token-0000", SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5", SLACK_API_URL: fake.url },
      configure: (config) => {
        config.sources = [
          { name: "policies", type: "folder", path: join(corpus.path, "policies"), collection: "default", prettyUrls: false, owner: { slack: OWNER } },
        ];
      },
    }));
  });
  afterAll(async () => {
    await stop?.();
    await fake?.close();
    await corpus?.remove();
  });

  const post = (path: string, body: object) =>
    fetch(`${docent.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const ask = async (text: string, thread: string) => events(await (await post("/api/ask", { text, thread, user: "u1" })).text()).at(-1)![1];
  const ownerPosts = () => fake.callsTo("chat.postMessage").filter((call) => call.args.channel === OWNER);

  it("routes the comment sent after a 👎 (the playground's form), and nothing for a 👍 with a comment", async () => {
    const liked = await ask("how much is the bicycle allowance?", "w1");
    expect(liked.citations.map((c: { docId: string }) => c.docId)).toEqual(["bicycle.md"]);
    expect((await post("/api/feedback", { answerId: liked.id, user: "u1", rating: "up", comment: "Spot on" })).status).toBe(200);

    const disliked = await ask("where do I park my car?", "w2");
    expect(disliked.citations.map((c: { docId: string }) => c.docId)).toEqual(["parking.md"]);
    expect((await post("/api/feedback", { answerId: disliked.id, user: "u1", rating: "down" })).status).toBe(200);
    expect((await post("/api/feedback", { answerId: disliked.id, user: "u1", comment: "The garage moved to Elm Street." })).status).toBe(200);
    // Routed after the response. Only this one reaches the owner: the 👍 before it (another gap) sent nothing.
    await fake.waitFor(() => ownerPosts().length > 0, "the owner's message");
    const posts = ownerPosts();
    expect(posts).toHaveLength(1);
    expect(String(posts[0]!.args.text)).toContain("where do I park my car?");
    expect(String(posts[0]!.args.text)).toContain("The garage moved to Elm Street.");
    expect(String(posts[0]!.args.text)).toContain("parking.md");
  });
});

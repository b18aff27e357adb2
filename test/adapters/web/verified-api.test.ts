import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebAdapter } from "../../../adapters/web/create-web-adapter.ts";
import type { DocentServer } from "../../../src/server/start-docent.ts";
import { startTestDocent } from "../../helpers/start-test-docent.ts";

const LINK = "https://fernhill.slack.com/archives/C123ABC456/p1715000002000002?thread_ts=1715000001.000001&cid=C123ABC456";

/** The final `answer` event of a server-sent-event body. */
function finalAnswer(body: string) {
  const last = body.split("\n\n").filter(Boolean).at(-1)!;
  expect(/^event: (.*)$/m.exec(last)![1]).toBe("answer");
  return JSON.parse(/^data: (.*)$/m.exec(last)![1]!);
}

describe("verified answers in the playground's admin API", () => {
  let docent: DocentServer;
  let stop: () => Promise<void>;
  beforeAll(async () => ({ docent, stop } = await startTestDocent({ adapters: [createWebAdapter] })));
  afterAll(() => stop());

  const send = (method: string, path: string, body?: object) =>
    fetch(`${docent.url}${path}`, { method, headers: { "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
  let thread = 0;
  const ask = async (text: string) => finalAnswer(await (await send("POST", "/api/ask", { text, thread: `v${++thread}`, user: "u1" })).text());

  let id: string;

  it("saves an expert's answer from the admin form, and answers the repeated question from it, citing who verified it and when", async () => {
    expect((await ask("Can I bring my dog to the office?")).mode).toBe("no-answer");
    const saved = await send("POST", "/api/admin/verified", {
      question: "Can I bring my dog to the office?",
      answer: "Dogs are welcome on Fridays, on a leash, once the office manager has their vaccination record.",
      verifiedBy: "Dana Reyes",
      link: LINK,
    });
    expect(saved.status).toBe(201);
    const { verified } = await saved.json();
    id = verified.id;
    expect(verified).toMatchObject({ docId: `verified/${id}`, verifiedBy: { name: "Dana Reyes", platform: "web", id: "admin" }, link: LINK, retired: false });

    const answer = await ask("May I bring my dog along to the office?");
    expect(answer.mode).toBe("extractive");
    expect(answer.text).toContain("vaccination record");
    expect(answer.citations[0]).toMatchObject({ docId: `verified/${id}`, title: `Verified by Dana Reyes, ${verified.verifiedAt.slice(0, 10)}`, url: LINK });
  });

  it("lists and edits verified answers; the next answer uses the new wording and the editor's name", async () => {
    const listed = await (await send("GET", "/api/admin/verified")).json();
    expect(listed.verified.map((v: { id: string }) => v.id)).toEqual([id]);
    const edited = await send("PATCH", `/api/admin/verified/${id}`, {
      answer: "Dogs are welcome on Fridays, on a leash, after a short sign-up with the front desk.",
      verifiedBy: "Sam Okafor",
    });
    expect(edited.status).toBe(200);
    const answer = await ask("Can I bring my dog to the office?");
    expect(answer.text).toContain("front desk");
    expect(answer.text).not.toContain("vaccination record");
    expect(answer.citations[0].title).toMatch(/^Verified by Sam Okafor, \d{4}-\d\d-\d\d$/);
  });

  it("turns away bad input with a clear error and saves nothing", async () => {
    const empty = await send("POST", "/api/admin/verified", { question: "Dogs?", answer: "  ", verifiedBy: "Dana" });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toMatch(/answer: the answer is empty/);
    const badLink = await send("POST", "/api/admin/verified", { question: "Dogs?", answer: "Yes.", verifiedBy: "Dana", link: "javascript:alert(1)" });
    expect((await badLink.json()).error).toMatch(/link: the link must be an http\(s\) address/);
    expect((await send("PATCH", "/api/admin/verified/no-such-id", { verifiedBy: "Dana", answer: "x" })).status).toBe(404);
    expect((await send("PUT", "/api/admin/verified")).status).toBe(405);
    expect((await (await send("GET", "/api/admin/verified")).json()).verified).toHaveLength(1);
  });

  it("retires a verified answer: the question is declined again, and the answer is listed only with ?all=1", async () => {
    const retired = await send("DELETE", `/api/admin/verified/${id}`);
    expect(await retired.json()).toEqual({ retired: id });
    const answer = await ask("Can I bring my dog to the office?");
    expect(answer.citations.map((c: { docId: string }) => c.docId)).not.toContain(`verified/${id}`);
    expect(answer.mode).toBe("no-answer");
    expect((await (await send("GET", "/api/admin/verified")).json()).verified).toEqual([]);
    expect((await (await send("GET", "/api/admin/verified?all=1")).json()).verified).toEqual([expect.objectContaining({ id, retired: true })]);
    expect((await send("DELETE", `/api/admin/verified/${id}`)).status).toBe(404);
  });
});

describe("verified answers behind the admin token", () => {
  it("refuses to save without the token, and saves with it", async () => {
    const { docent, stop } = await startTestDocent({ adapters: [createWebAdapter], env: { DOCENT_ADMIN_TOKEN: "s3cret-token" } });
    try {
      const save = (headers: Record<string, string>) =>
        fetch(`${docent.url}/api/admin/verified`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({ question: "Can I bring my dog?", answer: "On Fridays.", verifiedBy: "Dana Reyes" }),
        });
      const refused = await save({ authorization: "Bearer wrong-token!" });
      expect(refused.status).toBe(401);
      expect((await refused.json()).error).toMatch(/DOCENT_ADMIN_TOKEN/);
      expect(await docent.core.verified.list()).toEqual([]);
      expect((await save({ authorization: "Bearer s3cret-token" })).status).toBe(201);
      expect(await docent.core.verified.list()).toHaveLength(1);
    } finally {
      await stop();
    }
  });
});

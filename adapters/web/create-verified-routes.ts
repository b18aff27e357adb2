import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { VerifiedAnswers } from "../../src/feedback/verified-answers.ts";
import { MAX_VERIFIED_ANSWER, MAX_VERIFIED_QUESTION, type Verifier } from "../../src/feedback/verified-answer-store.ts";
import { sendJson, type HttpRoute } from "../../src/server/http-route.ts";

export const VERIFIED_PATH = "/api/admin/verified";

const link = z
  .string()
  .trim()
  .max(3000)
  .refine((value) => /^https?:\/\/\S+$/i.test(value), "the link must be an http(s) address")
  .nullable()
  .optional();
const name = z.string().trim().min(1, "say who verified it").max(100);
const saveSchema = z
  .object({
    question: z.string().trim().min(1, "the question is empty").max(MAX_VERIFIED_QUESTION),
    answer: z.string().trim().min(1, "the answer is empty").max(MAX_VERIFIED_ANSWER),
    verifiedBy: name,
    link,
  })
  .strict();
const editSchema = z
  .object({
    question: z.string().trim().min(1, "the question is empty").max(MAX_VERIFIED_QUESTION).optional(),
    answer: z.string().trim().min(1, "the answer is empty").max(MAX_VERIFIED_ANSWER).optional(),
    verifiedBy: name,
    link,
  })
  .strict();

export interface VerifiedRoutesOptions {
  verified: VerifiedAnswers;
  /** The admin token check every admin route shares. */
  guarded: (handle: HttpRoute["handle"]) => HttpRoute["handle"];
  parse: <T>(req: IncomingMessage, res: ServerResponse, schema: z.ZodType<T>) => Promise<T | null>;
}

/**
 * The admin view's verified answers: list (GET, `?all=1` with the retired ones), save (POST), edit (PATCH
 * /<id>) and retire (DELETE /<id>). Whoever holds the admin token may: the form names the expert.
 */
export function createVerifiedRoutes(options: VerifiedRoutesOptions): HttpRoute[] {
  const { verified, guarded, parse } = options;
  const byAdmin = (who: string): Verifier => ({ name: who, platform: "web", id: "admin" });
  return [
    {
      path: VERIFIED_PATH,
      handle: guarded(async (req, res) => {
        if (req.method === "GET") {
          const all = new URL(req.url ?? "/", "http://localhost").searchParams.get("all");
          sendJson(res, 200, { verified: await verified.list({ includeRetired: all === "1" || all === "true" }) });
          return;
        }
        if (req.method !== "POST") return methodNotAllowed(res, "GET, POST");
        const body = await parse(req, res, saveSchema);
        if (!body) return;
        const saved = await verified.save({ question: body.question, answer: body.answer, verifiedBy: byAdmin(body.verifiedBy), link: body.link ?? null });
        sendJson(res, 201, { verified: saved });
      }),
    },
    {
      path: `${VERIFIED_PATH}/`,
      handle: guarded(async (req, res) => {
        const id = decodeURIComponent((req.url ?? "").split("?")[0]!.slice(VERIFIED_PATH.length + 1));
        if (!/^[A-Za-z0-9-]{1,100}$/.test(id)) return sendJson(res, 404, { error: "unknown verified answer" });
        if (req.method === "DELETE") {
          const retired = await verified.retire(id);
          sendJson(res, retired ? 200 : 404, retired ? { retired: id } : { error: "unknown or already retired verified answer" });
          return;
        }
        if (req.method !== "PATCH") return methodNotAllowed(res, "PATCH, DELETE");
        const body = await parse(req, res, editSchema);
        if (!body) return;
        const edited = await verified.edit(id, { question: body.question, answer: body.answer, link: body.link }, byAdmin(body.verifiedBy));
        sendJson(res, edited ? 200 : 404, edited ? { verified: edited } : { error: "unknown or retired verified answer" });
      }),
    },
  ];
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader("allow", allow);
  sendJson(res, 405, { error: `use ${allow}` });
}

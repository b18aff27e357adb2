import { describeAge } from "../../src/core/describe-age.ts";
import type { Answer } from "../../src/core/types.ts";

/** What the playground page renders: the answer as the core made it, with sources in display order. */
export function toWebAnswer(answer: Answer) {
  return {
    id: answer.id,
    text: answer.text,
    mode: answer.mode,
    grounded: answer.grounded,
    unsupported: answer.unsupported,
    citations: answer.citations.map((c) => ({
      n: c.n,
      title: c.title,
      heading: c.heading,
      url: c.url,
      docId: c.docId,
      snippet: c.snippet,
      updatedAt: c.updatedAt,
      age: describeAge(c.updatedAt),
    })),
  };
}

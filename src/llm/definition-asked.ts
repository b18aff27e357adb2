/**
 * "What's Hokusai?", "what are demo days?": a question that asks what something is. Returns a test for the
 * sentences that say it ("Hokusai is a CLI tool for…", "Demo Days are a celebration of…"), or null when the
 * question asks something else.
 */
export function definitionAsked(question: string): ((sentence: string) => boolean) | null {
  const asked = /^(?:what|who)(?:['’]s|s| is| are)\s+(?:an?\s+|the\s+)?([^?!.,;:]{1,40}?)(?:\s+(?:used for|for|about|exactly|again))?\s*[?!.]*$/iu.exec(
    question.trim(),
  );
  const words = asked?.[1]?.match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length > 4) return null;
  const subject = `${words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[\\s-]+")}s?`;
  // "X is a/the …", also "X (the abbreviation) is …". (An apposition, "…Deskpass, a desk service", reads the
  // same as a clause: "after a PIP, a team member is…".)
  const copula = new RegExp(
    String.raw`^(?:the\s+|an?\s+|our\s+)?${subject}(?:\s*\([^)]*\))?\s+(?:is|are|was|refers to|means|stands for)\s+(?:an?|the|one|our)\b`,
    "iu",
  );
  return (sentence) => copula.test(sentence);
}

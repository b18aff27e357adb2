import { termSet } from "../shared/content-terms.ts";

const AUXILIARY = String.raw`(?:can|could|do|does|did|is|are|should|will|would)\b(?!['’]t\b)`;
/** Words that open a question: where a second one starts after "and" or "also". "When do…" asks; "when the IC splits…," and "can't tell if…" say. */
const ASKING = String.raw`(?:(?:how|what|who|whom|whose|which|why)\b|${AUXILIARY}|(?:when|where)\s+${AUXILIARY})`;
/** "…, and how long until I hear back?", "…? also what employer FEIN…": where one question ends and the next begins. */
const NEXT_QUESTION = new RegExp(String.raw`(?<=\?)\s+|[,;]\s*(?:and|also|plus)?\s*(?=${ASKING})|\s+(?:and|also|plus)\s+(?=${ASKING})`, "i");
const OPENS_QUESTION = new RegExp(String.raw`^(?:(?:and|also|plus|so|but)\s+)?${ASKING}`, "i");

/**
 * The questions a message asks, when it asks more than one ("can I borrow sick hours? how many, and what
 * paperwork do I need?"): each of them with words of its own, which the answer should speak to. What the
 * asker says about their situation ("out of sick leave and need surgery next month.") asks nothing. A part
 * without a content word of its own ("how many", "how?") leans on the one before it, and stays with it.
 * Returns [] for a message that asks one thing.
 */
export function questionParts(question: string): string[] {
  const asking = question
    .split(/(?<=[.!])\s+/)
    .filter((sentence) => sentence.includes("?"))
    .join(" ");
  const parts: string[] = [];
  for (const piece of asking.split(NEXT_QUESTION)) {
    const part = piece.trim();
    // "I'm on a gliding schedule, is there a limit…?": the clause before the comma says, and asks nothing.
    if (!part || !(part.endsWith("?") || OPENS_QUESTION.test(part))) continue;
    if (parts.length > 0 && termSet(part).size === 0) parts[parts.length - 1] += ` ${part}`;
    else parts.push(part);
  }
  return parts.filter((part) => termSet(part).size > 0).length > 1 ? parts : [];
}

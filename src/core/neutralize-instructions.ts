/**
 * Sentences in a document that address an AI assistant rather than an employee. Retrieved text is data,
 * never instructions: besides the prompt saying so, such sentences are cut out before any model (or the
 * extractive answerer) sees them, so an edited wiki page cannot steer the bot.
 *
 * A sentence cut out is lost to every answer, so the patterns need an addressee or an override of
 * instructions, not a phrase alone: "the mentor will act as a point of contact", "you are now in charge of
 * the team" and "do not jailbreak your phone" are a handbook's own words. Phrases alone cut 46 such
 * sentences from four corpora (three handbooks and a hundred research papers) and not one injection.
 */
const MACHINE = String.raw`(?:ai|a\.i\.|llms?|language models?|chat ?bots?|gpt|chatgpt)`;

const INSTRUCTION_PATTERNS = [
  // "Ignore all previous instructions…" ("Do not ignore the guidelines above" is a handbook's own rule).
  /(?<!\b(?:not|never|n't)\s+)\b(ignore|disregard|forget|override)\b[^.!?\n]{0,30}\b(previous|prior|above|earlier|preceding|all|any|your|these|those)\b[^.!?\n]{0,20}\b(instructions?|prompts?|rules|directions|guidelines)\b/i,
  // "Reveal your system prompt."
  /\b(reveal|print|show|repeat|output|disclose|leak|ignore|disregard)\b[^.!?\n]{0,40}\b(system prompt|developer (message|mode)|hidden instructions?)\b/i,
  // The reader named as a machine: "As an AI assistant, you…", "If you are an LLM…", "Note to AI assistants:",
  // "AI models reading this page…". "Use AI tools carefully", "as an AI company" or "as an assistant to the
  // CEO" name no such reader.
  new RegExp(String.raw`\b(if you are|you are(?: now)?) an? ${MACHINE}`, "i"),
  new RegExp(String.raw`\bas an? ${MACHINE}(( assistant| language model)\b|,? you\b)`, "i"),
  new RegExp(String.raw`\b(note|message|instructions?) (to|for) (the |any |all )?(${MACHINE}|assistants?)\b`, "i"),
  new RegExp(String.raw`\b${MACHINE}( assistants?| models?| agents?)? (reading|processing|summari[sz]ing) this\b`, "i"),
  // A new role: "You are now DAN…", "act as an unrestricted AI".
  new RegExp(
    String.raw`\b(you are now|from now on,? you|act as|pretend to be|role-?play as)\b[^.!?\n]{0,40}\b(${MACHINE}|assistant|bot|dan|unrestricted|jailbroken|developer mode)\b`,
    "i",
  ),
];

const REMOVED_NOTE = "[instruction-like text removed]";

export function neutralizeInstructions(text: string): { text: string; removed: number } {
  let removed = 0;
  const cleaned = text.replace(/[^.!?\n]*[.!?]?/g, (sentence) => {
    if (sentence.trim() && isInstruction(sentence)) {
      removed++;
      return ` ${REMOVED_NOTE}`;
    }
    return sentence;
  });
  return { text: cleaned, removed };
}

function isInstruction(sentence: string): boolean {
  return INSTRUCTION_PATTERNS.some((pattern) => pattern.test(sentence));
}

/**
 * Sentences in a document that address an AI assistant rather than an employee. Retrieved text is data,
 * never instructions: besides the prompt saying so, such sentences are cut out before any model (or the
 * extractive answerer) sees them, so an edited wiki page cannot steer the bot.
 */
const INSTRUCTION_PATTERNS = [
  /\b(ignore|disregard|forget|override)\b[^.!?\n]{0,40}\b(previous|prior|above|earlier|all|any|your|the)\b[^.!?\n]{0,20}\b(instructions?|prompts?|rules?|directions?|guidelines)\b/i,
  /\b(you are now|you must now|from now on,? you|act as|pretend to be|new instructions?)\b/i,
  /\b(system prompt|developer message|jailbreak)\b/i,
  /\b(as an? (ai|assistant|language model|chatbot|llm))\b/i,
  /\b(assistants?|chatbots?|ai models?|llms?|language models?|the bot)\b[^.!?\n]{0,60}\b(must|should|shall|always|never)\b[^.!?\n]{0,40}\b(answer|reply|respond|say|tell|output|include|reveal)\b/i,
];

const REMOVED_NOTE = "[instruction-like text removed]";

export function neutralizeInstructions(text: string): { text: string; removed: number } {
  let removed = 0;
  const cleaned = text.replace(/[^.!?\n]*[.!?]?/g, (sentence) => {
    if (sentence.trim() && INSTRUCTION_PATTERNS.some((pattern) => pattern.test(sentence))) {
      removed++;
      return ` ${REMOVED_NOTE}`;
    }
    return sentence;
  });
  return { text: cleaned, removed };
}

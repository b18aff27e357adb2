import type { Turn } from "./types.ts";

/**
 * The question Docent last answered in a thread: the person's turn right before its latest answer. What an
 * expert's reply in that thread answers, when it is saved as a verified answer. Null when Docent never answered.
 */
export function answeredQuestion(turns: Turn[]): string | null {
  const lastAnswer = turns.map((turn) => turn.role).lastIndexOf("assistant");
  const asked = turns.slice(0, Math.max(lastAnswer, 0)).filter((turn) => turn.role === "user");
  return asked.at(-1)?.text ?? null;
}

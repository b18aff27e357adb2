/** What an expert is told when saving a verified answer: the same words on every platform. */
export const NOTHING_TO_SAVE = "That message has no text to save as an answer.";
export const SAVE_FAILED = "Sorry, I couldn't save that verified answer just now. Please try again in a minute.";

/** `idName` is what the platform calls the id an admin adds to the list ("Slack member ID"). */
export function notAVerifier(idName: string): string {
  return `Sorry, only the people listed as verifiers in Docent's configuration can save verified answers. Ask whoever runs Docent to add your ${idName}.`;
}

/** `source` is what the citation will link to ("this thread", "the message"). */
export function savedConfirmation(question: string, source: string): string {
  return `Saved as the verified answer to “${question}”. Docent answers this question from it now, citing you and linking ${source}.`;
}

import { isEnglishWord } from "../shared/english-words.ts";
import type { Acronyms } from "./read-acronyms.ts";

/**
 * A question with what its acronyms stand for added, and the acronym added where it spells out what one
 * stands for, as the knowledge base defines them (readAcronyms): pages say "PPL" where the asker writes
 * "paid parental leave", and the other way round. An acronym counts when typed in capitals, or in lower
 * case when it is no English word ("ppl", but not "it" for IT). Nothing is added twice, so expanding an
 * expanded question changes nothing.
 */
export function expandAcronyms(question: string, acronyms: Acronyms): string {
  if (acronyms.size === 0) return question;
  const lower = words(question);
  const added: string[] = [];
  for (const word of new Set(question.match(/[\p{L}\p{N}&]+/gu) ?? [])) {
    const expansion = acronyms.get(word.toLowerCase());
    const typedAsAcronym = word === word.toUpperCase() || !isEnglishWord(word.toLowerCase());
    if (expansion && typedAsAcronym && !lower.includes(words(expansion))) added.push(expansion);
  }
  for (const [acronym, expansion] of acronyms) {
    if (lower.includes(words(expansion)) && !lower.includes(` ${acronym} `)) added.push(acronym.toUpperCase());
  }
  return added.length ? `${question} ${added.join(" ")}` : question;
}

/** Lower-case words between spaces, so a phrase is found only as whole words. */
function words(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}&]+/gu, " ")
    .trim()} `;
}

/**
 * A question with one typo, as people make them in chat: the two middle letters of its longest word
 * (six letters or more) swapped ("passwords" → "paswsords"). Questions without such a word stay as they are.
 */
export function withTypo(question: string): string {
  const longest = (question.match(/\p{L}{6,}/gu) ?? []).reduce((best, word) => (word.length > best.length ? word : best), "");
  if (!longest) return question;
  const middle = Math.floor(longest.length / 2);
  return question.replace(longest, longest.slice(0, middle - 1) + longest[middle] + longest[middle - 1] + longest.slice(middle + 1));
}

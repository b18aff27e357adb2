/** Capitalised words after a sentence's first: names ("Portugal", "Expensify", "Kandji"), lower case. */
export function namesIn(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/(?<=[\p{L}\p{N},;:)]\s+)\p{Lu}\p{L}*/gu)) names.add(match[0].toLowerCase());
  return names;
}

/** Days, months and seasons ("may" is a stop word: a verb far more often). */
const CALENDAR = new Set([
  ..."monday tuesday wednesday thursday friday saturday sunday".split(" "),
  ..."january february march april june july august september october november december".split(" "),
  ..."spring summer autumn winter".split(" "),
]);

/**
 * The words of a text that say where or when rather than what: names that are not acronyms ("Portugal",
 * "Tokyo", but not "HSA", which names a thing one may have), and days, months and seasons, lower case.
 */
export function particularsIn(text: string): Set<string> {
  const particulars = new Set([...namesIn(text)].filter((name) => !text.includes(name.toUpperCase())));
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) if (CALENDAR.has(word)) particulars.add(word);
  return particulars;
}

/** Capitalised words after a sentence's first: names ("Portugal", "Expensify", "Kandji"), lower case. */
export function namesIn(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/(?<=[\p{L}\p{N},;:)]\s+)\p{Lu}\p{L}*/gu)) names.add(match[0].toLowerCase());
  return names;
}

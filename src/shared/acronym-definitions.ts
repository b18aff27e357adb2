/** Little words an acronym's letters skip ("Office of General Counsel (OGC)"). */
const SKIPPED = new Set(["of", "and", "the", "for", "to", "in", "on", "at", "&"]);

export interface AcronymDefinition {
  /** As written, in capitals: "PPL". */
  acronym: string;
  /** The words it stands for, as written: "Paid Parental Leave". */
  expansion: string;
}

/**
 * The acronyms a text defines the way writers do, the words followed by the acronym in brackets: "Paid
 * Parental Leave (PPL)", "Office of General Counsel (OGC)", "pull requests (PRs)". The words are read
 * backwards from the bracket, each starting with the acronym's next letter from the end, little words
 * ("of", "and") carried along; a bracket whose letters the words before it do not spell is no definition.
 */
export function acronymDefinitions(text: string): AcronymDefinition[] {
  const plain = text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[*_`]/g, "");
  const found = new Map<string, AcronymDefinition>();
  for (const match of plain.matchAll(/((?:[\p{L}][\p{L}\p{N}'’-]*[ \t]+){1,10})\((\p{Lu}[\p{Lu}\p{N}&]{1,7})s?\)/gu)) {
    const acronym = match[2]!;
    const letters = acronym.toLowerCase().replace(/[^\p{L}]/gu, "");
    if (letters.length < 2) continue;
    const words = match[1]!.trim().split(/\s+/);
    const used: string[] = [];
    let letter = letters.length - 1;
    for (let at = words.length - 1; at >= 0 && letter >= 0; at--) {
      const word = words[at]!;
      if (SKIPPED.has(word.toLowerCase())) {
        if (used.length > 0) used.unshift(word);
        continue;
      }
      if (word[0]!.toLowerCase() !== letters[letter]) break;
      used.unshift(word);
      letter--;
    }
    if (letter < 0) found.set(acronym, { acronym, expansion: used.join(" ") });
  }
  return [...found.values()];
}

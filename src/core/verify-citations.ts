export interface VerifiedCitations {
  /** The text with invalid markers removed and valid ones renumbered 1, 2, 3… in order of first use. */
  text: string;
  /** Source numbers as given to the generator, in their new order: `used[0]` became [1]. */
  used: number[];
  /** Markers that pointed at sources that were never given. */
  removed: number;
}

/** `[1]`, `[1, 3]`, `[1][3]`, `[1-2]`, `[source 2]`: the shapes models actually produce. */
const MARKER = /\[(?:sources?\s*)?(\d+(?:\s*(?:[,;–-]|and)\s*\d+)*)\]/gi;

/**
 * Makes an answer's citations trustworthy to render: markers must point at a source that was given,
 * numbers follow reading order, and each marker cites exactly one source.
 */
export function verifyCitations(text: string, sourceCount: number): VerifiedCitations {
  const renumber = new Map<number, number>();
  let removed = 0;
  const rewritten = text.replace(MARKER, (_, list: string) => {
    const numbers = expand(list);
    const markers: string[] = [];
    for (const n of numbers) {
      if (n < 1 || n > sourceCount) {
        removed++;
        continue;
      }
      if (!renumber.has(n)) renumber.set(n, renumber.size + 1);
      const marker = `[${renumber.get(n)}]`;
      if (!markers.includes(marker)) markers.push(marker);
    }
    return markers.join("");
  });
  const tidy = rewritten
    // A removed marker's space before a stop goes; a dot that opens a name (".venv", ".gitignore") keeps its.
    .replace(/[ \t]+([.,;:!?])(?=[\s[]|$)/g, "$1")
    .replace(/[ \t]{2,}/g, " ")
    .replace(/\(\s*\)/g, "")
    .trim();
  return { text: tidy, used: [...renumber.keys()], removed };
}

function expand(list: string): number[] {
  const numbers: number[] = [];
  for (const part of list.split(/\s*(?:[,;]|and)\s*/)) {
    const range = /^(\d+)\s*[–-]\s*(\d+)$/.exec(part);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      for (let n = from; n <= to && n - from < 20; n++) numbers.push(n);
    } else if (/^\d+$/.test(part)) numbers.push(Number(part));
  }
  return numbers;
}

/** The numbers cited by one sentence. */
export function markersIn(sentence: string): number[] {
  return [...sentence.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
}

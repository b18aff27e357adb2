/** One citation, or several side by side: "[1]", "[1][3]". */
const CITATION = /\[\d+\](?:\[\d+\])*/g;

/**
 * The answer as people read it: sentences in a row that cite the same sources carry the citation once, after
 * the last of them ("… in writing. Your manager confirms within a week. [1]"), not after each ("… [1] … [1]").
 * A line is its own run, so each item of a list keeps its citation. Applied once the answer is checked, since
 * the grounding check reads every sentence with its own citation.
 */
export function citeOncePerRun(text: string): string {
  const citations = [...text.matchAll(CITATION)];
  const dropped = citations.filter((citation, i) => {
    const next = citations[i + 1];
    return next !== undefined && next[0] === citation[0] && !text.slice(citation.index + citation[0].length, next.index).includes("\n");
  });
  let kept = text;
  // From the end, so the earlier positions still hold; the space before a dropped citation goes with it.
  for (const citation of dropped.reverse()) {
    const start = /[ \t]*$/.exec(kept.slice(0, citation.index))!.index;
    kept = kept.slice(0, start) + kept.slice(citation.index + citation[0].length);
  }
  return kept;
}

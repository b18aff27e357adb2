import type { SearchHit } from "./search-index.ts";

/**
 * Several searches' hits on one scale (full-text and vector; the asker's words and the model's searches):
 * each search's scores stretched to 0..1 over its own candidates (best 1, weakest 0), summed where several
 * found a passage. Unlike reciprocal-rank fusion, a clear lead in any search stays a clear lead, and
 * rankPassages, which weighs a document's passages by their scores, keeps working as it does on BM25.
 * Measured on both public sets (docs/answer-quality.md): with all-MiniLM-L6-v2 it beat reciprocal-rank
 * fusion on hit@5 and MRR, and for a model's searches it keeps the ranking when the model merely restates
 * the question, where reciprocal-rank fusion lost a quarter of the guidebook's hits.
 */
export function fuseByRelativeScore(...lists: SearchHit[][]): SearchHit[] {
  return fuseWeighted(lists.map((hits) => ({ hits, weight: 1 })));
}

/** As fuseByRelativeScore, each search's relative scores counting by its weight. */
export function fuseWeighted(searches: { hits: SearchHit[]; weight: number }[]): SearchHit[] {
  const fused = new Map<string, SearchHit>();
  for (const { hits: list, weight } of searches) {
    // A loop, not Math.min(...scores): a very long list would overflow the call's arguments.
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const { score } of list) {
      if (!Number.isFinite(score)) continue;
      low = Math.min(low, score);
      high = Math.max(high, score);
    }
    for (const hit of list) {
      // All equal (a single hit, say): each is that search's best. A score that is no number counts as the weakest.
      const relative = weight * (!Number.isFinite(hit.score) ? 0 : high > low ? (hit.score - low) / (high - low) : 1);
      const seen = fused.get(hit.chunkId);
      if (seen) {
        seen.score += relative;
        seen.textScore = Math.max(seen.textScore, hit.textScore);
      } else fused.set(hit.chunkId, { ...hit, score: relative });
    }
  }
  return [...fused.values()].sort((a, b) => b.score - a.score);
}

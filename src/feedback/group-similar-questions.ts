import { termSet } from "../shared/content-terms.ts";

/** One ask to group: its text and the documents it retrieved or cited (may be empty for a declined question). */
export interface QuestionToGroup {
  question: string;
  docIds: string[];
}

/**
 * Below this, two questions are different gaps. On test/feedback/group-similar-questions.test.ts any value
 * from 0.2 to 0.5 keeps every topic apart; at 0.15 one shared word ("office", "home") starts chaining
 * topics together. Short paraphrases often share only one or two content terms, so the bar stays low,
 * and sharing cited documents is what lifts a reworded question over it.
 */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.3;
/** How much sharing cited documents counts next to sharing words: same sources are strong evidence of the same need. */
const DOCUMENT_WEIGHT = 0.5;

function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

interface Features {
  terms: Set<string>;
  docs: Set<string>;
}

function similarityOf(a: Features, b: Features): number {
  return jaccard(a.terms, b.terms) + DOCUMENT_WEIGHT * jaccard(a.docs, b.docs);
}

/** Similarity in [0, 1.5] of two questions: Jaccard of their stemmed content terms, plus half the Jaccard of their documents. */
export function questionSimilarity(a: QuestionToGroup, b: QuestionToGroup): number {
  return similarityOf(features(a), features(b));
}

function features(item: QuestionToGroup): Features {
  return { terms: termSet(item.question), docs: new Set(item.docIds) };
}

/**
 * Groups questions without a model: single-link clustering (any pair at or above the threshold joins
 * their groups). Deterministic; O(n²), fine for the hundreds of gaps an admin reads. Returns groups of
 * indexes into `items`, each group in input order, groups ordered by their first member.
 */
export function groupSimilarQuestions(items: QuestionToGroup[], threshold = DEFAULT_SIMILARITY_THRESHOLD): number[][] {
  const all = items.map(features);
  const parent = items.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++) {
      if (similarityOf(all[i]!, all[j]!) < threshold) continue;
      const [a, b] = [root(i), root(j)];
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < items.length; i++) {
    const r = root(i);
    groups.set(r, [...(groups.get(r) ?? []), i]);
  }
  return [...groups.values()];
}

/** The member most similar to the rest (the medoid): the wording that best stands for the group. */
export function representativeOf(items: QuestionToGroup[], group: number[]): number {
  const all = group.map((i) => features(items[i]!));
  let best = 0;
  let bestScore = -1;
  all.forEach((candidate, k) => {
    const score = all.reduce((sum, other, m) => (m === k ? sum : sum + similarityOf(candidate, other)), 0);
    if (score > bestScore) [best, bestScore] = [k, score];
  });
  return group[best]!;
}

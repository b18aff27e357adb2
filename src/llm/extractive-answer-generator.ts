import { contentTerms, termSet } from "../core/content-terms.ts";
import { splitSentences } from "../core/split-sentences.ts";
import { expandQuery } from "../retrieval/expand-query.ts";
import type { AnswerGenerator, GenerationInput, SourcePassage } from "./answer-generator.ts";

interface Candidate {
  n: number;
  sentence: string;
  terms: Set<string>;
  score: number;
}

const MAX_SENTENCES = 3;
const MAX_CHARS = 700;

/**
 * Answers without a language model: picks the passages' sentences that best match the question and cites
 * each one. Every sentence is quoted from its source, so the answer is grounded by construction; the work
 * is in choosing sentences that answer rather than merely mention.
 */
export function createExtractiveAnswerGenerator(): AnswerGenerator {
  return {
    mode: "extractive",
    name: "extractive",
    async generate(input, options) {
      const text = composeExtractiveAnswer(input);
      if (text) options?.onDelta?.(text);
      return text;
    },
  };
}

function composeExtractiveAnswer(input: Pick<GenerationInput, "query" | "question" | "passages">): string {
  const queryTerms = termSet(`${input.query} ${input.question}`);
  if (queryTerms.size === 0) return "";
  const weights = termWeights(queryTerms, input.passages);
  // The thesaurus's words ("birth" for "kid is born") count at half weight, as in retrieval.
  for (const term of termSet(expandQuery(`${input.query} ${input.question}`))) {
    if (!queryTerms.has(term)) {
      queryTerms.add(term);
      weights.set(term, 0.5 * Math.log(1 + (input.passages.length + 1) / 1.5));
    }
  }
  const candidates = input.passages.flatMap((passage, rank) => candidatesOf(passage, rank, queryTerms, weights));
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  if (!best || best.score <= 0) return "";

  const chosen: Candidate[] = [best];
  const covered = new Set([...best.terms].filter((term) => queryTerms.has(term)));
  let length = best.sentence.length;
  for (const candidate of candidates.slice(1)) {
    if (chosen.length >= MAX_SENTENCES || candidate.score < best.score * 0.45) break;
    if (length + candidate.sentence.length > MAX_CHARS) continue;
    if (chosen.some((c) => overlap(c.terms, candidate.terms) > 0.7)) continue;
    const adds = [...candidate.terms].some((term) => queryTerms.has(term) && !covered.has(term));
    const sameSection = chosen.some((c) => c.n === candidate.n);
    if (!adds && !sameSection) continue;
    chosen.push(candidate);
    for (const term of candidate.terms) if (queryTerms.has(term)) covered.add(term);
    length += candidate.sentence.length;
  }
  return chosen.map((c) => `${withFinalStop(c.sentence)} [${c.n}]`).join(" ");
}

/** Rare question words matter more: "concur" should outweigh "travel" in a travel handbook. */
function termWeights(queryTerms: Set<string>, passages: SourcePassage[]): Map<string, number> {
  const sets = passages.map((p) => termSet(`${p.title} ${p.heading ?? ""} ${p.text}`));
  const weights = new Map<string, number>();
  for (const term of queryTerms) {
    const df = sets.filter((set) => set.has(term)).length;
    weights.set(term, Math.log(1 + (passages.length + 1) / (df + 0.5)));
  }
  return weights;
}

function candidatesOf(passage: SourcePassage, rank: number, queryTerms: Set<string>, weights: Map<string, number>): Candidate[] {
  const context = termSet(`${passage.title} ${passage.heading ?? ""}`);
  return answerUnits(plainText(passage.text))
    .filter((sentence) => sentence.length >= 25 && sentence.length <= 600 && /[a-z]/.test(sentence))
    .map((sentence) => {
      const terms = new Set(contentTerms(sentence));
      let score = 0;
      for (const term of terms) if (queryTerms.has(term)) score += weights.get(term) ?? 0;
      // Words of the question that the passage's title or heading already carry count a little too:
      // "How much is the per diem?" is answered by a sentence under "Per diem" that never repeats it.
      for (const term of context) if (queryTerms.has(term) && !terms.has(term)) score += 0.3 * (weights.get(term) ?? 0);
      // Retrieval's order is the better judge of which document answers: sentences of lower-ranked
      // sources must match much better to be chosen (18F set: first citation relevant 0.76 → 0.84).
      score *= 1 / (1 + rank * 0.8);
      // A sentence with a number or a deadline is usually the answer people are after.
      if (/\d/.test(sentence)) score *= 1.1;
      return { n: passage.n, sentence, terms, score };
    });
}

/**
 * Sentences, except that a sentence introducing a list ("The following expenses require receipts:")
 * takes its list along, because alone it answers nothing.
 */
function answerUnits(text: string): string[] {
  const units: string[] = [];
  const blocks = text.split(/\n\s*\n/).map((block) => block.trim()).filter(Boolean);
  for (let i = 0; i < blocks.length; i++) {
    const sentences = splitSentences(blocks[i]!);
    const last = sentences.at(-1);
    if (last && /(:|following\b.*[.:]?)$/i.test(last) && blocks[i + 1] && isListItem(blocks[i + 1]!)) {
      const items: string[] = [];
      while (blocks[i + 1] && isListItem(blocks[i + 1]!) && items.length < 8) items.push(blocks[++i]!.replace(LIST_ITEM, "").replace(/[.;]$/, ""));
      units.push(...sentences.slice(0, -1), `${last.replace(/[.:]$/, "")}: ${items.join("; ")}.`);
    } else units.push(...sentences.map((sentence) => sentence.replace(LIST_ITEM, "")));
  }
  return units;
}

const LIST_ITEM = /^\u2022 /;
function isListItem(block: string): boolean {
  return LIST_ITEM.test(block) && !block.includes("\n");
}

/** Markdown to readable prose: headings dropped, list markers and emphasis removed, table rows as sentences. */
export function plainText(markdown: string): string {
  const lines = markdown.split("\n");
  const isSeparator = (line: string | undefined) => line !== undefined && /^\s*\|?\s*:?-{3,}/.test(line);
  return lines
    .filter((line, i) => !/^\s*#{1,6}\s/.test(line) && !isSeparator(line) && !(isTableRow(line) && isSeparator(lines[i + 1])))
    .map((line) => {
      const item = /^\s*(?:[-*+•]|\d+[.)])\s+/.test(line);
      const text = (isTableRow(line) ? tableRowSentence(line) : line.replace(/^\s*(?:[-*+•]|\d+[.)])\s+/, ""))
        .replace(/^\s*>\s?/, "")
        .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1")
        .replace(/(\*\*|__|`)/g, "")
        .replace(/(^|\s)[*_](\S[^*_]*\S)[*_](?=\s|[.,;:!?]|$)/g, "$1$2")
        .trim();
      // List items and table rows become paragraphs of their own, marked so a list can be re-attached to
      // its lead-in ("Paid leave by role:" followed by "Primary caregiver: 16 weeks.").
      return item || isTableRow(line) ? `\n\u2022 ${text}\n` : text;
    })
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");
}

function isTableRow(line: string): boolean {
  return /^\s*\|.*\|\s*$/.test(line);
}

/** `| Primary caregiver | 16 weeks |` reads as "Primary caregiver: 16 weeks." (the header row is dropped). */
function tableRowSentence(line: string): string {
  const cells = line.split("|").map((cell) => cell.trim()).filter(Boolean);
  if (cells.length === 0) return "";
  const sentence = cells.length === 1 ? cells[0]! : `${cells[0]}: ${cells.slice(1).join(", ")}`;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

function withFinalStop(sentence: string): string {
  const trimmed = sentence.replace(/[\s;:,]+$/, "");
  return /[.!?)"”]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function overlap(a: Set<string>, b: Set<string>): number {
  const shared = [...a].filter((term) => b.has(term)).length;
  return shared / Math.max(1, Math.min(a.size, b.size));
}

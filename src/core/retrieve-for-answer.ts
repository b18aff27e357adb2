import type { AnswerGenerator } from "../llm/answer-generator.ts";
import type { CoreDependencies } from "./answer-question.ts";
import { neutralizeInstructions } from "./neutralize-instructions.ts";
import { isRelevantEnough } from "./relevance-gate.ts";
import { withFollowingPassages } from "../retrieval/read-following-passages.ts";
import { readPassageContext, type ContextRow } from "../retrieval/read-passage-context.ts";
import { withReferencedSections } from "../retrieval/read-referenced-sections.ts";
import { absentWords } from "../retrieval/absent-words.ts";
import { correctTypos, type Corrected } from "../retrieval/correct-typos.ts";
import { splitCompounds } from "../retrieval/split-compounds.ts";
import { fuseByRelativeScore } from "../retrieval/fuse-by-relative-score.ts";
import { rankPassages, readableFilter, searchIndex, type SearchHit } from "../retrieval/search-index.ts";

/** How many passages the generator sees: enough to answer, few enough to stay on topic. */
export const ANSWER_PASSAGES = 6;

/**
 * The leading documents' further passages among this many join the answer's, up to DOCUMENT_EXTRA each: a long
 * page often holds the rest of the answer a few passages down ("and is my leave paid out?"), below other pages'
 * single matches, and the page that answers is not always the one ranked first. Measured on six sets
 * (docs/answer-quality.md), the best document's two next passages among 12: 3 more answers held what was asked.
 * Then the next two documents' next passage among 30 as well, on eleven sets: one more first citation relevant
 * and two more answers holding what was asked, one fewer answerable question declined, none lost.
 */
const DOCUMENT_WINDOW = 30;
const DOCUMENT_EXTRA = [2, 1, 1];

/**
 * How many passages each of an answer's searches ranks from (SearchOptions.candidates): what the answers were
 * measured with. `docent eval` ranks from as many, so its figures are the retrieval answers get.
 */
export const ANSWER_CANDIDATES = 120;

export interface Retrieved {
  /** The question with its typos undone (correctTypos): what the relevance gate and the answer read. */
  query: string;
  hits: SearchHit[];
  /** Nothing found is relevant enough to answer from: the pipeline declines and shows the closest sources. */
  declined: boolean;
  /**
   * The query's words that no passage the answer may draw on contains (absentWords), looked up on first call:
   * an extractive answer reads them, a model's answer does not, and under load the lookups held up other
   * questions' acknowledgements.
   */
  absentWords: () => Promise<string[]>;
}

/** What retrieval for an answer reads: the generator only for whether it judges its sources' meaning itself. */
type AnswerDependencies = Pick<CoreDependencies, "index" | "embedder" | "rerankBy" | "logger"> & { generator?: Pick<AnswerGenerator, "judgesMeaning"> };

/** What an answer may draw on: the conversation's collections (null: all) and its audience's principals (null: no filter). */
export interface Readable {
  collections: string[] | null;
  readers: string[] | null;
}

/**
 * The passages an answer is written from, within the collections the conversation may read and the
 * documents its audience may read (filtered in the search itself), each with the chunk that carries on its
 * section and the section it points to ("see … below"), with
 * instruction-like sentences removed (retrieved text is data), and whether they are good enough to answer.
 */
export async function retrieveForAnswer(asked: string, deps: AnswerDependencies, readable: Readable, moreQueries: string[] = []): Promise<Retrieved> {
  // Undone here too, so the relevance gate and the answer read the words searched, not the typo. (Not the
  // acronyms search adds: measured, the extractive answer then quoted the answer less often.)
  const table = await deps.index.table();
  const filter = table ? await readableFilter(table, readable) : false;
  const corrected = table && filter !== false ? await correctTypos(table, asked, filter) : { text: asked, unmatched: [] };
  const first = await findFor(corrected, deps, readable, moreQueries);
  // A word the index lacks that the pages write as two ("payday", "pay day") is looked for only when nothing
  // was found to answer from: each such word costs lookups that most questions would pay for nothing.
  const compounds = first.declined && table && filter !== false ? await splitCompounds(table, corrected.text, filter) : { text: corrected.text, split: [] };
  const found = compounds.split.length ? await findFor({ ...corrected, text: compounds.text }, deps, readable, moreQueries) : first;
  const hits = withReferencedSections(found.continued, found.context).map((hit) => {
    const { text: safe, removed } = neutralizeInstructions(hit.text);
    if (removed) deps.logger.warn({ docId: hit.docId, removed }, "removed instruction-like sentences from a retrieved passage");
    return removed ? { ...hit, text: safe } : hit;
  });
  let absent: Promise<string[]> | undefined;
  const lookUpAbsent = async () => {
    if (!table || filter === false) return [];
    // "payday" is no absent word once the pages are found to write it as two.
    return (await absentWords(table, corrected.text, filter)).filter((word) => !compounds.split.includes(word));
  };
  return { query: found.query, hits, declined: found.declined, absentWords: () => (absent ??= lookUpAbsent()) };
}

/** The passages found for a corrected question, with the chunks that carry them on, and whether any is worth answering from. */
async function findFor(
  corrected: Corrected,
  deps: AnswerDependencies,
  { collections, readers }: Readable,
  moreQueries: string[],
): Promise<{ query: string; continued: SearchHit[]; context: ContextRow[]; declined: boolean }> {
  const query = corrected.text;
  const search = (text: string, k: number) =>
    searchIndex(deps.index, text, {
      k,
      candidates: ANSWER_CANDIDATES,
      collections,
      readers,
      embedder: deps.embedder,
      rerankBy: deps.rerankBy,
      logger: deps.logger,
      ...(text === query ? { unmatched: corrected.unmatched } : {}),
    });
  // The model's searches join the asker's own words, never replace them: a plan that misreads the
  // question still leaves what the asker typed in the running.
  const found = withLeadingDocuments(
    moreQueries.length
      ? rankPassages(fuseByRelativeScore(...(await Promise.all([query, ...moreQueries].map((text) => search(text, ANSWER_PASSAGES * 3))))), DOCUMENT_WINDOW)
      : await search(query, DOCUMENT_WINDOW),
  );
  const context = await readPassageContext(deps.index, found);
  const continued = withFollowingPassages(found, context);
  // Judged on what the search found: a section added because a passage points to it was not found for the question.
  const declined = !isRelevantEnough([query, ...moreQueries].join(" "), continued, { meaningJudged: deps.generator?.judgesMeaning });
  return { query, continued, context, declined };
}

/** The first ANSWER_PASSAGES hits, and the leading documents' next ones among the rest (DOCUMENT_EXTRA). */
function withLeadingDocuments(hits: SearchHit[]): SearchHit[] {
  const top = hits.slice(0, ANSWER_PASSAGES);
  const rest = hits.slice(ANSWER_PASSAGES);
  const leading = [...new Set(top.map((hit) => hit.docId))].slice(0, DOCUMENT_EXTRA.length);
  return [...top, ...leading.flatMap((docId, i) => rest.filter((hit) => hit.docId === docId).slice(0, DOCUMENT_EXTRA[i]))];
}

/** Between the passages of one document that a source joins: they are not contiguous text. */
export const PASSAGE_BREAK = "[…]";

/** A numbered passage handed to a generator; `n` is what the answer's `[n]` markers refer to. */
export interface SourcePassage {
  n: number;
  title: string;
  heading: string | null;
  /** The document's retrieved passages, joined with PASSAGE_BREAK on a line of its own (see joinPassages). */
  text: string;
  /** Each joined passage's heading path, in the text's order (unset: `heading` is the first one's). */
  headings?: (string | null)[];
  /** Milliseconds since the epoch; lets the prompt prefer newer passages when two disagree. */
  updatedAt: number;
  /**
   * How strongly retrieval ranked the document, relative to the strongest source (0..1; unset: as
   * strongly). Retrieval knows how many of the question's words the whole page has, a sentence only its own.
   */
  strength?: number;
}

export interface GenerationInput {
  /** The user's message as they wrote it. */
  question: string;
  /** The standalone form of the question (follow-ups condensed with their thread). */
  query: string;
  history: { role: "user" | "assistant"; text: string }[];
  passages: SourcePassage[];
  /**
   * Words of the query that no passage the asker may read contains (absentWords): what the knowledge base
   * lacks or calls something else. Unset: not looked up.
   */
  absentWords?: string[];
}

export interface GenerateOptions {
  onDelta?: (delta: string) => void;
  signal?: AbortSignal;
  /** Set on the second attempt, after a first reply came back without a single valid citation. */
  insistOnCitations?: boolean;
}

/**
 * One interface for producing an answer from numbered passages, with `[n]` markers after each claim.
 * Implemented by a chat model behind the citation-enforcing prompt, and by the extractive answerer that
 * needs no model at all.
 */
export interface AnswerGenerator {
  readonly mode: "llm" | "extractive";
  /** Shown in banners: the model's name, or "extractive". */
  readonly name: string;
  generate(input: GenerationInput, options?: GenerateOptions): Promise<string>;
  /**
   * It declines by itself a question that no sentence of its sources comes close to in meaning (extractive
   * quoting with a meaning model: isFarInMeaning), so the relevance gate before it need not guess from a single
   * shared word.
   */
  readonly judgesMeaning?: boolean;
  /** Starts what the first answer would otherwise wait for (a model loaded in this process). */
  warmUp?(): Promise<void>;
}

const PASSAGE_SEPARATOR = `\n\n${PASSAGE_BREAK}\n\n`;

/** One document's passages as one source's text. */
export function joinPassages(texts: string[]): string {
  return texts.join(PASSAGE_SEPARATOR);
}

/** A source's text back into the passages joinPassages joined. */
export function splitPassages(text: string): string[] {
  return text.split(PASSAGE_SEPARATOR);
}

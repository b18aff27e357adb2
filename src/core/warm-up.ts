import { searchIndex } from "../retrieval/search-index.ts";
import type { CoreDependencies } from "./answer-question.ts";

/**
 * One search and the answer's model started before the first question: opening the index's full-text and
 * vector indexes costs the first search about a tenth of a second, and loading the in-process model that
 * chooses the quote a few tenths more, which the first asker after every start would otherwise wait for.
 * Nothing found is shown to anyone. A failure only means the first question pays, as it did before.
 */
export async function warmUp(deps: Pick<CoreDependencies, "index" | "embedder" | "rerankBy" | "generator" | "logger">): Promise<void> {
  await Promise.all([
    searchIndex(deps.index, "warm up", { k: 1, embedder: deps.embedder, rerankBy: deps.rerankBy, logger: deps.logger }),
    deps.generator.warmUp?.(),
  ]).catch((error: Error) => deps.logger.warn({ err: error.message }, "could not warm up the search and the answer's model; the first question will"));
}

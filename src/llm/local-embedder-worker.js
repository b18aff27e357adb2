// The local embedding model, on a thread of its own: onnxruntime-node computes on the thread that calls it,
// and a batch of passages takes over a second, which on the main thread would hold up every request the
// server is answering. Plain JavaScript because a worker thread is started without the TypeScript loader.
// Messages in: {id, texts}; out: {id, vectors} or {id, error}. See local-embedder.ts.
import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { Tokenizer } from "@huggingface/tokenizers";
import ort from "onnxruntime-node";

/** all-MiniLM-L6-v2 was trained on at most 256 word pieces; a longer passage is read from its start. */
const MAX_TOKENS = 256;
/** Passages of about 300 word pieces each: small enough batches to keep padding and memory low. */
const BATCH_SIZE = 16;

// A model that fails to load is reported with the request and tried again with the next one; the thread
// itself stays, because ONNX Runtime's native module cannot be loaded again in a later thread.
let loading = null;
const loaded = () => {
  if (!loading) {
    loading = loadModel(workerData.modelFolder);
    loading.catch(() => (loading = null));
  }
  return loading;
};

parentPort.on("message", async ({ id, texts }) => {
  try {
    parentPort.postMessage({ id, vectors: await embed(await loaded(), texts) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});

async function loadModel(folder) {
  const [tokenizerJson, tokenizerConfig, session] = await Promise.all([
    readFile(join(folder, "tokenizer.json"), "utf8"),
    readFile(join(folder, "tokenizer_config.json"), "utf8"),
    // One thread per core: left to itself, ONNX Runtime computed on one thread of the two these machines have
    // (20 short texts: 202 ms on one thread, 117 ms on two).
    ort.InferenceSession.create(join(folder, "onnx", "model_q4.onnx"), { intraOpNumThreads: availableParallelism() }),
  ]);
  return { tokenizer: new Tokenizer(JSON.parse(tokenizerJson), JSON.parse(tokenizerConfig)), session };
}

/**
 * Texts in batches of like length (a batch is padded to its longest text, and padding is computed too: a
 * quarter less time on the 18F handbook's passages), vectors back in input order.
 */
async function embed(model, texts) {
  const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length);
  const vectors = new Array(texts.length);
  for (let i = 0; i < order.length; i += BATCH_SIZE) {
    const batch = order.slice(i, i + BATCH_SIZE);
    const embedded = await embedBatch(
      model,
      batch.map((at) => texts[at]),
    );
    for (const [j, at] of batch.entries()) vectors[at] = embedded[j];
  }
  return vectors;
}

/** Mean of the token vectors (padding left out), scaled to unit length: how the model was trained to be used. */
async function embedBatch({ tokenizer, session }, texts) {
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
  const hidden = output.last_hidden_state;
  const size = hidden.dims[2];
  const data = hidden.data;
  return encoded.map((tokens, row) => {
    const sum = new Float64Array(size);
    for (let column = 0; column < tokens.length; column++) {
      const offset = (row * width + column) * size;
      for (let d = 0; d < size; d++) sum[d] += data[offset + d];
    }
    const norm = Math.hypot(...sum) || 1;
    return Array.from(sum, (value) => value / norm);
  });
}

/** The first word pieces and the closing separator the model expects. */
function truncate(ids) {
  return ids.length <= MAX_TOKENS ? ids : [...ids.slice(0, MAX_TOKENS - 1), ids.at(-1)];
}

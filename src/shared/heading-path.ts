import { plainText } from "./plain-text.ts";

/** Between the headings of a passage's heading path: "Leave › Parental leave". */
export const HEADING_SEPARATOR = " › ";

/**
 * A heading's words as a reader meets them in an answer or a source list: a numbered one ("3. Total reward")
 * without its number, which would read as a sentence of its own, and one written as a sentence ("Getting
 * everyone on the call.") without its stop, as a label it ends in ":".
 */
export function headingWords(heading: string): string {
  return plainText(heading)
    .trim()
    .replace(/^\u2022 /, "")
    .replace(/[.:;]$/, "");
}

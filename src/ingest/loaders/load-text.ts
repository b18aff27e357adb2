import type { Loader } from "../loaded-document.ts";
import { decodeText } from "./decode-text.ts";

/** Plain text carries no metadata: the caller names it after its first heading or its file. */
export const loadText: Loader = async (bytes) => ({ title: null, url: null, markdown: decodeText(bytes), keywords: "" });

import { extname } from "node:path";
import type { Loader } from "../loaded-document.ts";
import { decodeText } from "./decode-text.ts";
import { olderBinaryFormat } from "./older-binary-format.ts";

/** A loader whose module (pdf.js, mammoth, an HTML parser) is imported when the first such file comes. */
function lazy(load: () => Promise<Loader>): Loader {
  let loader: Promise<Loader> | undefined;
  return async (bytes, fileName) => (await (loader ??= load()))(bytes, fileName);
}

const loadMarkdown = lazy(async () => (await import("./load-markdown.ts")).loadMarkdown);
const loadHtml = lazy(async () => (await import("./load-html.ts")).loadHtml);
const loadCsv = lazy(async () => (await import("./load-csv.ts")).loadCsv);
const loadDoc = lazy(async () => (await import("./load-doc.ts")).loadDoc);
const loadPpt = lazy(async () => (await import("./load-ppt.ts")).loadPpt);
const loadXls = lazy(async () => (await import("./load-xls.ts")).loadXls);
const OLDER: Record<string, Loader> = { doc: loadDoc, ppt: loadPpt, xls: loadXls };

/** An Office Open XML loader that reads a 97–2003 file renamed with the new extension as what it is. */
function orOlderBinary(load: Loader): Loader {
  return async (bytes, fileName) => {
    const older = await olderBinaryFormat(bytes);
    return (older ? OLDER[older]! : load)(bytes, fileName);
  };
}

// Templates, macro-enabled files and slide shows are packaged as the plain ones are; macros are never run.
const loadDocx = orOlderBinary(lazy(async () => (await import("./load-docx.ts")).loadDocx));
const loadPptx = orOlderBinary(lazy(async () => (await import("./load-pptx.ts")).loadPptx));
const loadXlsx = orOlderBinary(lazy(async () => (await import("./load-xlsx.ts")).loadXlsx));
const loadOdt = lazy(async () => (await import("./load-odt.ts")).loadOdt);
const loadOds = lazy(async () => (await import("./load-ods.ts")).loadOds);
const loadOdp = lazy(async () => (await import("./load-odp.ts")).loadOdp);
const loadAsciidoc = lazy(async () => (await import("./load-asciidoc.ts")).loadAsciidoc);

const LOADERS: Record<string, Loader> = {
  ".md": loadMarkdown,
  ".mdx": loadMarkdown,
  ".markdown": loadMarkdown,
  // Markdown's other extensions; Quarto and R Markdown (with code chunks) and Markdoc (with {% tags %}).
  ".mkd": loadMarkdown,
  ".mkdn": loadMarkdown,
  ".mdown": loadMarkdown,
  ".mdwn": loadMarkdown,
  ".qmd": loadMarkdown,
  ".rmd": loadMarkdown,
  ".mdoc": loadMarkdown,
  ".markdoc": loadMarkdown,
  ".ipynb": lazy(async () => (await import("./load-notebook.ts")).loadNotebook),
  ".adoc": loadAsciidoc,
  ".asciidoc": loadAsciidoc,
  ".rst": lazy(async () => (await import("./load-rst.ts")).loadRst),
  ".rtf": lazy(async () => (await import("./load-rtf.ts")).loadRtf),
  ".eml": lazy(async () => (await import("./load-eml.ts")).loadEml),
  ".msg": lazy(async () => (await import("./load-msg.ts")).loadMsg),
  ".txt": lazy(async () => (await import("./load-text.ts")).loadText),
  ".csv": loadCsv,
  ".tsv": loadCsv,
  ".html": loadHtml,
  ".htm": loadHtml,
  ".pdf": lazy(async () => (await import("./load-pdf.ts")).loadPdf),
  ".doc": loadDoc,
  ".dot": loadDoc,
  ".docx": loadDocx,
  ".docm": loadDocx,
  ".dotx": loadDocx,
  ".dotm": loadDocx,
  ".odt": loadOdt,
  ".ott": loadOdt,
  ".ods": loadOds,
  ".ots": loadOds,
  ".odp": loadOdp,
  ".otp": loadOdp,
  ".ppt": loadPpt,
  ".pps": loadPpt,
  ".pot": loadPpt,
  ".pptx": loadPptx,
  ".pptm": loadPptx,
  ".ppsx": loadPptx,
  ".ppsm": loadPptx,
  ".potx": loadPptx,
  ".potm": loadPptx,
  ".xls": loadXls,
  ".xlsx": loadXlsx,
  ".xlsm": loadXlsx,
  ".xltx": loadXlsx,
  ".xltm": loadXlsx,
};

/** Pages written as ERB templates, by the format they render ("logging.html.md.erb" is Markdown). */
const TEMPLATE_PAGES: Record<string, Loader> = { ".md": loadMarkdown, ".markdown": loadMarkdown, ".html": loadHtml, ".htm": loadHtml };

/**
 * The loader for a file, chosen by its extension whatever its case; null for a format Docent does not read.
 * An ERB template is read as the page it renders; one that renders code or configuration (".rb.erb",
 * ".yml.erb") is no document.
 */
export function loaderFor(fileName: string): Loader | null {
  if (/\.erb$/i.test(fileName)) {
    const page = fileName.slice(0, -".erb".length);
    const load = TEMPLATE_PAGES[extname(page).toLowerCase()];
    return load ? erbPage(load) : null;
  }
  return LOADERS[extname(fileName).toLowerCase()] ?? null;
}

function erbPage(load: Loader): Loader {
  return async (bytes, fileName) => {
    const { erbPageText } = await import("./erb-page.ts");
    return load(Buffer.from(erbPageText(decodeText(bytes), fileName)), fileName.slice(0, -".erb".length));
  };
}

import { codePageEncoding, decodeBytes as decodeIn } from "./decode-text.ts";
import { RtfTokens } from "./rtf-tokens.ts";

/**
 * A stretch of a paragraph's text, bold or not: a paragraph bold throughout may be a heading. Other emphasis
 * is not kept; marks around part of a word ("c_oated_") would split it for search.
 */
export interface RtfRun {
  text: string;
  bold: boolean;
}

/** What an RTF body is made of, in reading order: paragraphs, and the marks that close a table's cells and rows. */
export type RtfBlock =
  | {
      kind: "paragraph";
      runs: RtfRun[];
      /** 0 for the document's title, 1–9 for a heading's outline level, null for body text. */
      heading: number | null;
      /** The list level (0 outermost) when the paragraph is a list item. */
      listLevel: number | null;
      /** The number or bullet shown before the paragraph ("2.", "a)", "•"), as the word processor wrote it. */
      marker: string;
      inTable: boolean;
      /** Footnotes and text boxes anchored in a table are read after it. */
      aside: boolean;
    }
  | { kind: "cell" }
  | { kind: "row" };

export interface RtfDocument {
  blocks: RtfBlock[];
  /** From the document's information group, which a template may have left stale. */
  title: string;
  keywords: string[];
}

type Destination = "text" | "drop" | "fonts" | "styles" | "style" | "capture" | "marker" | "instruction" | "upr";

interface Field {
  instruction: string;
}

/** The state RTF saves at `{` and restores at `}`. */
interface GroupState {
  destination: Destination;
  capture: string;
  starred: boolean;
  sink: RtfBlock[];
  field: Field | null;
  bold: boolean;
  hidden: boolean;
  font: number;
  unicodeSkip: number;
  style: number;
  outline: number | null;
  inTable: boolean;
  listLevel: number | null;
  inList: boolean;
  indent: number;
  /** A first-line indent to the left of the rest: a hanging list marker. */
  hanging: boolean;
  /** Where the Unicode half of a `\upr` group writes (its ANSI half is passed over). */
  uprDestination?: Destination;
  /** The paragraph a footnote or text box interrupts, taken up again after it. */
  interrupted?: { runs: RtfRun[]; marker: string } | undefined;
}

// Groups whose text is no part of the document as read: pictures, headers and footers, comments, bookmarks,
// index and contents entries, list and revision tables, theme data, the default shape of a text box.
const SKIPPED = new Set(
  (
    "colortbl pict header headerl headerr headerf footer footerl footerr footerf sp shprslt nonshppict objdata " +
    "objclass annotation atnid atnauthor atndate atnref atrfstart atrfend bkmkstart bkmkend xe tc tcn txe rxe " +
    "template revtbl rsidtbl listtable listoverridetable filetbl generator pgdsctbl themedata colorschememapping " +
    "datastore latentstyles xmlnstbl userprops docvar mmathPr ftnsep ftnsepc aftnsep aftnsepc ftncn aftncn pn " +
    "pntxta pntxtb falt panose leveltext levelnumbers formfield datafield protusertbl wgrffmtfilter passwordhash " +
    "blipuid fchars lchars operator author creatim revtim printim buptim company manager category hlinkbase comment " +
    "list listlevel listname listoverride listpicture NeXTGraphic"
  ).split(" "),
);
// A bullet, or a number, letter or roman numeral with its stop, typed before a tab on a hanging line.
const TYPED_MARKER = /^\s*([\u2022\u00b7\u25aa\u25e6\u25cf\u25cb\u25a0\u2013*o-]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)])\t+/;
// What \pard resets a paragraph to.
const PLAIN_PARAGRAPH = { style: 0, outline: null, inTable: false, listLevel: null, inList: false, indent: 0, hanging: false } as const;
const MULTIBYTE_CODE_PAGES = new Set(["shift_jis", "gbk", "big5", "euc-kr"]);
// Fields whose result is generated (a table of contents, page numbers), not written.
const GENERATED_FIELD = /^\s*(?:TOC|INDEX|TOA)\b/i;
const CHARACTERS: Record<string, string> = {
  line: "\n",
  tab: "\t",
  emdash: "\u2014",
  endash: "\u2013",
  emspace: " ",
  enspace: " ",
  qmspace: " ",
  bullet: "\u2022",
  lquote: "\u2018",
  rquote: "\u2019",
  ldblquote: "\u201c",
  rdblquote: "\u201d",
};
// Windows code pages by a font's \fcharset, for the bytes written as \'hh.
const CHARSET_CODE_PAGES: Record<number, string> = {
  77: "macintosh",
  128: "shift_jis",
  129: "euc-kr",
  134: "gbk",
  136: "big5",
  161: "windows-1253",
  162: "windows-1254",
  163: "windows-1258",
  177: "windows-1255",
  178: "windows-1256",
  186: "windows-1257",
  204: "windows-1251",
  222: "windows-874",
  238: "windows-1250",
};

/**
 * Reads an RTF file (Word, LibreOffice, WordPad, TextEdit, Pandoc) into paragraphs with what a reader sees of
 * them: headings by their style ("heading 2", a localized name with an outline level) or outline level, list
 * items by the number or bullet shown, table cells and rows. Text the reader does not see (hidden text,
 * deletions, comments, headers and footers, a generated table of contents) is left out; footnotes and text
 * boxes come after the paragraph that anchors them.
 */
export function readRtf(source: string): RtfDocument {
  // A byte order mark or a blank line before the header does not stop Word or LibreOffice.
  const start = /^(?:\xef\xbb\xbf)?\s*/.exec(source)![0].length;
  if (!source.startsWith("{\\rtf", start)) throw new Error("it is not an RTF file (it does not start with {\\rtf)");
  const tokens = new RtfTokens(start > 0 ? source.slice(start) : source);
  const body: RtfBlock[] = [];
  const styles = new Map<number, { name: string; outline: number | null }>();
  const fontCodePages = new Map<number, string>();
  const info: Record<string, string> = {};
  let codePage = "windows-1252";
  let defaultFont = 0;
  let fontBeingDefined = 0;
  let styleBeingDefined = { id: 0, outline: null as number | null };
  let infoField = "";
  let marker = "";
  let pendingAsides: RtfBlock[] = [];
  let runs: RtfRun[] = [];
  let bytes: number[] = [];
  let bytesFont = 0;
  let toSkip = 0;
  // TextEdit follows a picture with a ¬ standing for it.
  let dropAttachmentMark = false;

  let state: GroupState = {
    destination: "text",
    capture: "",
    starred: false,
    sink: body,
    field: null,
    bold: false,
    hidden: false,
    font: 0,
    unicodeSkip: 1,
    ...PLAIN_PARAGRAPH,
  };
  const stack: GroupState[] = [];

  const write = (text: string): void => {
    if (state.hidden || !text) return;
    if (state.destination === "text") {
      const last = runs.at(-1);
      if (last && last.bold === state.bold) last.text += text;
      else runs.push({ text, bold: state.bold });
    } else if (state.destination === "marker") marker += text;
    else if (state.destination === "instruction" && state.field) state.field.instruction += text;
    else if (state.destination === "capture") info[infoField] = (info[infoField] ?? "") + text;
    else if (state.destination === "style") state.capture += text;
  };
  const bytesCodePage = () => fontCodePages.get(bytesFont) ?? codePage;
  const decodeBytes = (): void => {
    if (bytes.length === 0) return;
    const decoded = decode(Uint8Array.from(bytes), bytesCodePage());
    bytes = [];
    write(decoded);
  };
  const endParagraph = (): void => {
    const sink = state.sink;
    if (runs.some((run) => run.text.trim())) {
      let shown = marker.replace(/\s+/g, " ").trim();
      // A number or bullet typed before a tab (Pandoc's lists, a list typed by hand) marks an item as well.
      const typed = shown || !state.hanging ? null : TYPED_MARKER.exec(runs[0]!.text);
      if (typed) {
        shown = typed[1]!;
        runs[0]!.text = runs[0]!.text.slice(typed[0].length);
      }
      const listed = state.inList || shown !== "";
      sink.push({
        kind: "paragraph",
        runs,
        heading: headingLevel(state, styles),
        // Nine levels are all Word offers; a deeper claim is a broken or hostile file.
        listLevel: !listed ? null : Math.min(8, state.inList ? (state.listLevel ?? 0) : Math.max(0, Math.round(state.indent / 360) - 1)),
        marker: shown,
        inTable: state.inTable,
        aside: sink !== body,
      });
    }
    runs = [];
    marker = "";
    if (sink === body && pendingAsides.length > 0) {
      for (const aside of pendingAsides) body.push(aside);
      pendingAsides = [];
    }
  };
  const startDestination = (name: string): boolean => {
    if (state.destination === "upr") {
      // `{\upr{ANSI text}{\*\ud{Unicode text}}}`: the Unicode half is read, in the place of the whole.
      if (name === "ud") state.destination = state.uprDestination ?? "drop";
      else {
        tokens.skipGroup();
        popState();
      }
      return true;
    }
    if (SKIPPED.has(name)) {
      if (name === "NeXTGraphic") dropAttachmentMark = true;
      tokens.skipGroup();
      popState();
      return true;
    }
    switch (name) {
      case "fonttbl":
        state.destination = "fonts";
        return true;
      case "stylesheet":
        state.destination = "styles";
        return true;
      case "info":
      case "shpinst":
      case "shp":
      case "object":
      case "do":
        state.destination = "drop";
        return true;
      case "title":
      case "subject":
      case "keywords":
      case "doccomm":
        infoField = name;
        state.destination = "capture";
        return true;
      case "listtext":
      case "pntext":
        state.destination = "marker";
        marker = "";
        return true;
      case "field":
        state.field = { instruction: "" };
        return true;
      case "fldinst":
        state.destination = "instruction";
        return true;
      case "fldrslt":
        if (state.field && GENERATED_FIELD.test(state.field.instruction)) {
          tokens.skipGroup();
          popState();
        } else if (state.destination !== "instruction") state.destination = "text";
        return true;
      case "upr":
        state.uprDestination = state.destination;
        state.destination = "upr";
        return true;
      case "footnote":
      case "shptxt":
      case "dptxbxtext":
        // A paragraph of its own after the one holding its mark, never glued into it.
        // Its paragraphs are its own: not the list item or table cell that holds its mark.
        Object.assign(state, { destination: "text", sink: [], ...PLAIN_PARAGRAPH });
        stack.at(-1)!.interrupted = { runs, marker };
        runs = [];
        marker = "";
        return true;
      case "result":
        state.destination = "text";
        return true;
      default:
        return false;
    }
  };
  const popState = (): void => {
    decodeBytes();
    const ended = state;
    const parent = stack.pop();
    if (!parent) return;
    if (ended.destination === "style" && parent.destination === "styles" && ended.capture) {
      styles.set(styleBeingDefined.id, { name: ended.capture.replace(/;\s*$/, "").trim(), outline: styleBeingDefined.outline });
    }
    // The document's closing brace ends its last paragraph, which need not end with \par.
    if (stack.length === 0) endParagraph();
    if (ended.sink !== parent.sink) {
      if (runs.some((run) => run.text.trim())) endParagraph();
      for (const aside of ended.sink) pendingAsides.push(aside);
      runs = parent.interrupted?.runs ?? [];
      marker = parent.interrupted?.marker ?? "";
      parent.interrupted = undefined;
    }
    state = parent;
  };

  let atGroupStart = false;
  for (let token = tokens.next(); token; token = tokens.next()) {
    const groupStart = atGroupStart;
    atGroupStart = token.kind === "open";
    if (token.kind === "hex") {
      if (toSkip > 0) toSkip--;
      else if (dropAttachmentMark && token.byte === 0xac) dropAttachmentMark = false;
      else {
        if (bytes.length > 0 && bytesFont !== state.font) decodeBytes();
        bytesFont = state.font;
        bytes.push(token.byte);
      }
      continue;
    }
    if (token.kind === "text") {
      let text = toSkip > 0 ? token.text.slice(toSkip) : token.text;
      toSkip = Math.max(0, toSkip - token.text.length);
      // A lead byte written as \'hh may take its second byte as a plain character (WordPad, Outlook).
      if (text && bytes.length > 0 && MULTIBYTE_CODE_PAGES.has(bytesCodePage()) && endsInLeadByte(bytes)) {
        bytes.push(text.charCodeAt(0));
        text = text.slice(1);
      }
      decodeBytes();
      if (state.destination === "fonts" || state.destination === "styles") continue;
      // Bytes above 127 written as they are, not escaped, are in the document's code page.
      if (/[\x80-\xff]/.test(text)) {
        bytesFont = state.font;
        for (const char of text) bytes.push(char.charCodeAt(0));
        decodeBytes();
      } else write(text);
      continue;
    }
    decodeBytes();
    toSkip = 0;
    if (token.kind === "open") {
      stack.push(state);
      state = { ...state, starred: false, capture: "", interrupted: undefined };
      if (state.destination === "styles") {
        state.destination = "style";
        styleBeingDefined = { id: 0, outline: null };
      }
      continue;
    }
    if (token.kind === "close") {
      popState();
      // What follows the document's closing brace is no part of it.
      if (stack.length === 0) break;
      continue;
    }
    const { name, param } = token;
    // `\*` marks an ignorable destination only where a destination begins, right after its brace.
    if (name === "*") {
      state.starred = groupStart;
      continue;
    }
    const starred = state.starred;
    state.starred = false;
    if (startDestination(name)) continue;
    if (starred) {
      // An ignorable destination this reader does not know: its text is not meant to be shown.
      tokens.skipGroup();
      popState();
      continue;
    }
    if (state.destination === "fonts") {
      if (name === "f") fontBeingDefined = param ?? 0;
      else if (name === "fcharset" && param !== null && CHARSET_CODE_PAGES[param]) fontCodePages.set(fontBeingDefined, CHARSET_CODE_PAGES[param]);
      else if (name === "cpg" && param !== null) fontCodePages.set(fontBeingDefined, codePageEncoding(param));
      continue;
    }
    if (state.destination === "style") {
      if (name === "s") styleBeingDefined.id = param ?? 0;
      else if (name === "outlinelevel") styleBeingDefined.outline = param;
      else if (name === "cs" || name === "ds" || name === "ts") state.destination = "drop";
      continue;
    }
    switch (name) {
      case "ansicpg":
        if (param !== null) codePage = codePageEncoding(param);
        break;
      case "mac":
        codePage = "macintosh";
        break;
      case "deff":
        defaultFont = param ?? 0;
        state.font = defaultFont;
        break;
      case "f":
        state.font = param ?? defaultFont;
        break;
      case "uc":
        state.unicodeSkip = Math.max(0, param ?? 1);
        break;
      case "u":
        if (param !== null) {
          write(String.fromCharCode(param < 0 ? param + 65536 : param));
          toSkip = state.unicodeSkip;
        }
        break;
      case "plain":
        Object.assign(state, { bold: false, hidden: false, font: defaultFont });
        break;
      case "b":
        state.bold = param !== 0;
        break;
      case "v":
      case "deleted":
        state.hidden = param !== 0;
        break;
      case "pard":
        Object.assign(state, PLAIN_PARAGRAPH);
        break;
      case "fi":
        state.hanging = (param ?? 0) < 0;
        break;
      case "s":
        state.style = param ?? 0;
        break;
      case "outlinelevel":
        state.outline = param;
        break;
      case "intbl":
        state.inTable = true;
        break;
      case "itap":
        state.inTable = (param ?? 1) > 0;
        break;
      case "ls":
        state.inList = (param ?? 0) > 0;
        break;
      case "ilvl":
        state.listLevel = param ?? 0;
        break;
      case "li":
      case "lin":
        state.indent = param ?? 0;
        break;
      // Word ends a section's last paragraph with \sect instead of \par; a page or column break starts a new line.
      case "par":
      case "sect":
      case "page":
      case "column":
        endParagraph();
        break;
      case "nestcell":
      case "nestrow":
        // A table nested in a cell reads as that cell's text.
        endParagraph();
        break;
      case "cell":
        endParagraph();
        state.sink.push({ kind: "cell" });
        break;
      case "row":
        endParagraph();
        state.sink.push({ kind: "row" });
        break;
      default:
        if (CHARACTERS[name] !== undefined) write(CHARACTERS[name]);
    }
  }
  decodeBytes();
  while (stack.length > 0) popState();
  endParagraph();
  for (const aside of pendingAsides) body.push(aside);
  const keywords = ["keywords", "subject", "doccomm"].map((field) => clean(info[field] ?? "")).filter(Boolean);
  return { blocks: body, title: clean(info.title ?? ""), keywords };
}

function headingLevel(state: GroupState, styles: Map<number, { name: string; outline: number | null }>): number | null {
  const style = styles.get(state.style);
  // Word lets a style carry aliases after its name: "heading 1,H1".
  const name = (style?.name.split(",")[0] ?? "").trim();
  if (/^title$/i.test(name)) return 0;
  const named = /^heading\s*([1-9])$/i.exec(name);
  if (named) return Number(named[1]);
  // Word writes the outline level of a localized "Überschrift 2" too; level 9 is body text.
  const outline = state.outline ?? style?.outline ?? null;
  return outline !== null && outline >= 0 && outline < 9 ? outline + 1 : null;
}

function decode(bytes: Uint8Array, codePage: string): string {
  try {
    return decodeIn(bytes, codePage);
  } catch {
    return decodeIn(bytes, "windows-1252");
  }
}

/** Whether the last byte is a two-byte character's first half: lead bytes are 0x81 and up in these code pages. */
function endsInLeadByte(bytes: readonly number[]): boolean {
  let at = 0;
  while (at < bytes.length) at += bytes[at]! >= 0x81 ? 2 : 1;
  return at > bytes.length;
}

function clean(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

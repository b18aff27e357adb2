import CFB from "cfb";
import { markdownTable } from "../../shared/markdown-table.ts";
import { fileTitle } from "../file-title.ts";
import type { Loader } from "../loaded-document.ts";
import { bodyText, headingText } from "./office-package.ts";
import { pptDescendants, pptRecordAt, pptRecords, type PptRecord } from "./ppt-records.ts";

const RECORD = {
  DOCUMENT: 0x03e8,
  SLIDE: 0x03ee,
  NOTES: 0x03f0,
  SLIDE_ATOM: 0x03ef,
  SLIDE_SHOW_INFO: 0x03f9,
  SLIDE_LIST: 0x0ff0,
  SLIDE_PERSIST: 0x03f3,
  TEXT_HEADER: 0x0f9f,
  TEXT_CHARS: 0x0fa0,
  TEXT_BYTES: 0x0fa8,
  TEXT_STYLE: 0x0fa1,
  OUTLINE_TEXT_REF: 0x0f9e,
  GROUP: 0xf003,
  SHAPE: 0xf004,
  PROPERTIES: 0xf00b,
  TERTIARY_PROPERTIES: 0xf122,
  CHILD_ANCHOR: 0xf00f,
  CLIENT_TEXTBOX: 0xf00d,
  PLACEHOLDER: 0x0bc3,
  USER_EDIT: 0x0ff5,
  PERSIST_DIRECTORY: 0x1772,
  ENCRYPTION: 0x2f14,
};
// The current user's header token when the document stream is encrypted.
const ENCRYPTED_TOKEN = 0xf3d1c4df;
// Fields (slide number, date, header, footer) stand in the text as a "*" at the position their atom gives.
const FIELDS = new Set([0x0fd8, 0x0ff7, 0x0ff8, 0x0ff9, 0x0ffa, 0x1015]);
const FIELD_MARK = "\uffff";
// The shape property that marks a group as a table (tableProperties).
const TABLE_PROPERTY = 0x03a0;
// Text types (TextHeaderAtom): titles, bulleted bodies, the notes body.
const TITLES = new Set([0, 6]);
const BODIES = new Set([1, 7, 8]);
// Placeholders that repeat on every slide what the master puts there: date, slide number, footer, header.
const FURNITURE = new Set([7, 8, 9, 10]);
// The slide list's instances: the slides, and their notes pages.
const SLIDES_LIST = 0;
const NOTES_LIST = 2;

/** A slide or notes page as its list names it: where to find it, its id, the placeholder texts the list keeps. */
interface ListEntry {
  persistId: number;
  slideId: number;
  texts: ShapeText[];
}

interface ShapeText {
  type: number;
  paragraphs: { text: string; level: number; bullet: boolean }[];
  /** A table's rows of cell text, for the placeholder a table group leaves in the slide's texts. */
  table?: string[][];
}

/** A table being read: its group's extent, its cells by their place, and its place among the slide's texts. */
interface TableInProgress {
  end: number;
  cells: { top: number; left: number; texts: ShapeText[] }[];
  text: ShapeText;
}

/**
 * A PowerPoint 97–2003 deck (`.ppt`, `.pps`, `.pot`), read like a PPTX: slide by slide in the order shown,
 * hidden slides left out, each headed by its title, its bullets a (nested) list, its other text as
 * paragraphs, then its speaker notes. Slides are found through the file's persist directory, so text an
 * earlier save left behind in the file is not read. Tables read as their cells' text; charts and pictures
 * are not read.
 */
export const loadPpt: Loader = async (bytes, fileName) => {
  const fail = (reason: string) => new Error(`could not read PPT ${fileName}: ${reason}`);
  let stream: Buffer;
  let currentUser: Buffer | null;
  try {
    const container = CFB.read(bytes, { type: "buffer" });
    if (CFB.find(container, "EncryptedSummary")) throw new Error("it is password-protected");
    const document = CFB.find(container, "PowerPoint Document");
    if (!document) throw new Error("it holds no PowerPoint 97–2003 presentation");
    stream = Buffer.from(document.content as Uint8Array);
    const user = CFB.find(container, "Current User");
    currentUser = user ? Buffer.from(user.content as Uint8Array) : null;
    if (currentUser && currentUser.length >= 16 && currentUser.readUInt32LE(12) === ENCRYPTED_TOKEN) throw new Error("it is password-protected");
  } catch (error) {
    throw fail(error instanceof Error ? error.message : String(error));
  }
  const { offsets, documentId } = persistDirectory(stream, currentUser);
  const document = pptRecordAt(stream, offsets.get(documentId) ?? -1) ?? lastTopLevel(stream, RECORD.DOCUMENT);
  if (document?.type !== RECORD.DOCUMENT) {
    if (lastTopLevel(stream, RECORD.ENCRYPTION)) throw fail("it is password-protected");
    throw fail("its slides could not be found (a PowerPoint 95 or older file? save it as PPTX)");
  }
  const lists = slideLists(stream, document);
  const listed = lists.get(SLIDES_LIST) ?? [];
  const slides = listed.map((slide) => ({ record: pptRecordAt(stream, offsets.get(slide.persistId) ?? -1), texts: slide.texts }));
  // A damaged edit chain leaves no directory: the slides are then taken as the stream holds them.
  if (!slides.some((slide) => slide.record?.type === RECORD.SLIDE)) {
    const found = [...pptRecords(stream)].filter((record) => record.type === RECORD.SLIDE);
    slides.splice(0, slides.length, ...found.map((record, i) => ({ record, texts: listed[i]?.texts ?? [] })));
  }
  const sections: string[] = [];
  const read = new Set<number>();
  let deckTitle = "";
  for (const [i, { record, texts: listedTexts }] of slides.entries()) {
    // A slide listed twice (a broken or hostile file) is read once.
    if (record?.type !== RECORD.SLIDE || isHidden(stream, record) || read.has(record.start)) continue;
    read.add(record.start);
    const texts = shapeTexts(stream, record, listedTexts);
    const title = texts.find((text) => TITLES.has(text.type));
    const titleText = title?.paragraphs.map((paragraph) => paragraph.text).join(" ") ?? "";
    if (sections.length === 0) deckTitle = titleText;
    const notes = notesOf(stream, record, offsets, lists.get(NOTES_LIST) ?? []);
    const blocks = texts.filter((text) => text !== title).map(shapeMarkdown);
    // An untitled slide is numbered as PowerPoint numbers it, hidden slides counted.
    sections.push([`## ${headingText(titleText || `Slide ${i + 1}`)}`, ...blocks, ...notes].filter(Boolean).join("\n\n"));
  }
  return { title: deckTitle || fileTitle(fileName), url: null, markdown: sections.join("\n\n"), keywords: "" };
};

/**
 * Where each persistent object (the document, each slide, each notes page) starts in the stream. Every save
 * appends an edit with a directory of what it changed and a link to the edit before; the newest entry wins.
 */
function persistDirectory(stream: Buffer, currentUser: Buffer | null): { offsets: Map<number, number>; documentId: number } {
  const offsets = new Map<number, number>();
  const edits: { directory: number; documentId: number }[] = [];
  const seen = new Set<number>();
  let edit = currentUser && currentUser.length >= 20 ? currentUser.readUInt32LE(16) : -1;
  while (edit >= 0 && !seen.has(edit)) {
    seen.add(edit);
    const record = pptRecordAt(stream, edit);
    if (record?.type !== RECORD.USER_EDIT || record.end - record.start < 20) break;
    edits.push({ directory: stream.readUInt32LE(record.start + 12), documentId: stream.readUInt32LE(record.start + 16) });
    const previous = stream.readUInt32LE(record.start + 8);
    edit = previous > 0 ? previous : -1;
  }
  for (const { directory } of edits.reverse()) {
    const record = pptRecordAt(stream, directory);
    if (record?.type !== RECORD.PERSIST_DIRECTORY) continue;
    let at = record.start;
    while (at + 4 <= record.end) {
      const entry = stream.readUInt32LE(at);
      const [first, count] = [entry & 0xfffff, entry >>> 20];
      at += 4;
      for (let i = 0; i < count && at + 4 <= record.end; i++, at += 4) offsets.set(first + i, stream.readUInt32LE(at));
    }
  }
  return { offsets, documentId: edits.at(-1)?.documentId ?? -1 };
}

/** For a file without a usable directory: the last such record at the top of the stream. */
function lastTopLevel(stream: Buffer, type: number): PptRecord | null {
  let last: PptRecord | null = null;
  for (const record of pptRecords(stream)) if (record.type === type) last = record;
  return last;
}

/**
 * The document's slide lists (slides, notes pages): each entry's persistent id, and the placeholder texts kept
 * in the list itself, which a slide's shapes point at by their index.
 */
function slideLists(stream: Buffer, document: PptRecord): Map<number, ListEntry[]> {
  const lists = new Map<number, ListEntry[]>();
  for (const list of pptRecords(stream, document.start, document.end)) {
    if (list.type !== RECORD.SLIDE_LIST || lists.has(list.instance)) continue;
    const entries: ListEntry[] = [];
    let text: ShapeText | null = null;
    for (const record of pptRecords(stream, list.start, list.end)) {
      if (record.type === RECORD.SLIDE_PERSIST && record.end - record.start >= 16) {
        entries.push({ persistId: stream.readUInt32LE(record.start), slideId: stream.readUInt32LE(record.start + 12), texts: [] });
        text = null;
      } else if (record.type === RECORD.TEXT_HEADER && entries.length > 0) {
        text = { type: stream.readUInt32LE(record.start), paragraphs: [] };
        entries.at(-1)!.texts.push(text);
      } else if (text) readTextRecord(stream, record, text);
    }
    lists.set(list.instance, entries);
  }
  return lists;
}

/** The text of a slide's (or notes page's) shapes in drawing order, the master's dates and page numbers left out. */
function shapeTexts(stream: Buffer, container: PptRecord, listed: ShapeText[]): ShapeText[] {
  const texts: ShapeText[] = [];
  const tables: TableInProgress[] = [];
  let placeholder = -1;
  let anchor: { top: number; left: number } | null = null;
  for (const record of pptDescendants(stream, container)) {
    while (tables.length > 0 && record.start >= tables.at(-1)!.end) layOutTable(tables.pop()!);
    if (record.type === RECORD.GROUP && isTableGroup(stream, record)) {
      const text: ShapeText = { type: -1, paragraphs: [], table: [] };
      texts.push(text);
      tables.push({ end: record.end, cells: [], text });
    } else if (record.type === RECORD.SHAPE) [placeholder, anchor] = [-1, null];
    else if (record.type === RECORD.PLACEHOLDER && record.end - record.start >= 5) placeholder = stream[record.start + 4]!;
    else if (record.type === RECORD.CHILD_ANCHOR && record.end - record.start >= 16)
      anchor = { left: stream.readInt32LE(record.start), top: stream.readInt32LE(record.start + 4) };
    else if (record.type === RECORD.CLIENT_TEXTBOX && !FURNITURE.has(placeholder)) {
      const boxTexts: ShapeText[] = [];
      let text: ShapeText | null = null;
      for (const inner of pptRecords(stream, record.start, record.end)) {
        if (inner.type === RECORD.TEXT_HEADER && inner.end - inner.start >= 4)
          boxTexts.push((text = { type: stream.readUInt32LE(inner.start), paragraphs: [] }));
        else if (inner.type === RECORD.OUTLINE_TEXT_REF && inner.end - inner.start >= 4) {
          const referenced = listed[stream.readInt32LE(inner.start)];
          if (referenced) boxTexts.push(referenced);
        } else if (text) readTextRecord(stream, inner, text);
      }
      // A table's cells are text boxes in its group, placed by their anchors.
      if (tables.length > 0 && anchor) tables.at(-1)!.cells.push({ ...anchor, texts: boxTexts });
      else texts.push(...boxTexts);
    }
  }
  for (const table of tables) layOutTable(table);
  // Positions count the text as written; it is trimmed once read.
  const trim = (text: ShapeText) => {
    for (const paragraph of text.paragraphs) paragraph.text = paragraph.text.replaceAll(FIELD_MARK, "").replace(/\s+/g, " ").trim();
  };
  for (const text of texts) trim(text);
  return texts.filter((text) => (text.table?.length ?? 0) > 0 || text.paragraphs.some((paragraph) => paragraph.text));
}

/**
 * A PowerPoint table is a group of shapes, one per cell, marked by a table property on the group's own shape
 * (in the group's first shape container, in its properties or its tertiary properties).
 */
function isTableGroup(stream: Buffer, group: PptRecord): boolean {
  for (const first of pptRecords(stream, group.start, group.end)) {
    if (first.type !== RECORD.SHAPE) return false;
    for (const record of pptRecords(stream, first.start, first.end)) {
      if (record.type !== RECORD.PROPERTIES && record.type !== RECORD.TERTIARY_PROPERTIES) continue;
      for (let at = record.start; at + 6 <= Math.min(record.end, record.start + record.instance * 6); at += 6) {
        if ((stream.readUInt16LE(at) & 0x3fff) === TABLE_PROPERTY) return true;
      }
    }
    return false;
  }
  return false;
}

/** The cells of a table group as rows and columns, by their tops and lefts, each cell's paragraphs joined. */
function layOutTable(table: TableInProgress): void {
  const tops = [...new Set(table.cells.map((cell) => cell.top))].sort((a, b) => a - b);
  const lefts = [...new Set(table.cells.map((cell) => cell.left))].sort((a, b) => a - b);
  const rows = tops.map(() => lefts.map(() => ""));
  for (const cell of table.cells) {
    const text = cell.texts
      .flatMap((text) => text.paragraphs.map((paragraph) => paragraph.text.replaceAll(FIELD_MARK, "").replace(/\s+/g, " ").trim()))
      .filter(Boolean)
      .join("; ");
    rows[tops.indexOf(cell.top)]![lefts.indexOf(cell.left)] = text;
  }
  table.text.table = rows.filter((row) => row.some(Boolean));
}

/** Text (two bytes a character, or one) split into paragraphs, then their list levels and bullets by the style that follows. */
function readTextRecord(stream: Buffer, record: PptRecord, text: ShapeText): void {
  const data = stream.subarray(record.start, record.end);
  if (record.type === RECORD.TEXT_CHARS || record.type === RECORD.TEXT_BYTES) {
    const raw = record.type === RECORD.TEXT_CHARS ? data.subarray(0, data.length & ~1).toString("utf16le") : data.toString("latin1");
    // A vertical tab is a line break within a paragraph.
    text.paragraphs = raw.split("\r").map((paragraph) => ({ text: paragraph.replace(/\v/g, " "), level: 0, bullet: BODIES.has(text.type) }));
  } else if (FIELDS.has(record.type) && data.length >= 4) {
    // The field's value is the viewer's (today's date, the page number): its stand-in is marked here, where
    // later fields' positions still count it, and dropped once the text is read.
    let position = data.readInt32LE(0);
    for (const paragraph of text.paragraphs) {
      if (position <= paragraph.text.length) {
        if (paragraph.text[position] === "*") paragraph.text = `${paragraph.text.slice(0, position)}${FIELD_MARK}${paragraph.text.slice(position + 1)}`;
        break;
      }
      position -= paragraph.text.length + 1;
    }
  } else if (record.type === RECORD.TEXT_STYLE) {
    const styles = paragraphStyles(
      data,
      text.paragraphs.reduce((sum, paragraph) => sum + paragraph.text.length + 1, 0),
    );
    let style = 0;
    let covered = styles[0]?.count ?? 0;
    let position = 0;
    for (const paragraph of text.paragraphs) {
      while (position >= covered && style + 1 < styles.length) covered += styles[++style]!.count;
      const found = styles[style];
      if (found) {
        paragraph.level = Math.min(found.level, 8);
        if (found.bullet !== null) paragraph.bullet = found.bullet;
      }
      position += paragraph.text.length + 1;
    }
  }
}

/**
 * The paragraph runs of a StyleTextPropAtom: how many characters each covers, its indent level, and whether
 * it turns its bullet on or off. Only the fields before the next run need reading; their presence is told by
 * the run's mask, in the order the format lays them out.
 */
function paragraphStyles(data: Buffer, characters: number): { count: number; level: number; bullet: boolean | null }[] {
  const runs: { count: number; level: number; bullet: boolean | null }[] = [];
  let at = 0;
  // The character runs follow the paragraph runs, which end where the text does.
  for (let covered = 0; covered < characters && at + 10 <= data.length; ) {
    const count = data.readUInt32LE(at);
    const level = data.readUInt16LE(at + 4);
    const mask = data.readUInt32LE(at + 6);
    at += 10;
    let bullet: boolean | null = null;
    if (mask & 0x000f) {
      if (mask & 0x0001 && at + 2 <= data.length) bullet = (data.readUInt16LE(at) & 0x0001) !== 0;
      at += 2;
    }
    // bullet character, font, size, colour; alignment, line spacing, space before and after, margin, indent, tab size
    const sizes: [number, number][] = [
      [0x0080, 2],
      [0x0010, 2],
      [0x0040, 2],
      [0x0020, 4],
      [0x0800, 2],
      [0x1000, 2],
      [0x2000, 2],
      [0x4000, 2],
      [0x0100, 2],
      [0x0400, 2],
      [0x8000, 2],
    ];
    for (const [bit, size] of sizes) if (mask & bit) at += size;
    if (mask & 0x100000) at += 2 + (at + 2 <= data.length ? data.readUInt16LE(at) * 4 : 0);
    if (mask & 0x10000) at += 2;
    if (mask & 0xe0000) at += 2;
    if (mask & 0x200000) at += 2;
    runs.push({ count, level, bullet });
    covered += Math.max(1, count);
  }
  return runs;
}

function shapeMarkdown(text: ShapeText): string {
  if (text.table) return markdownTable(text.table);
  const lines: string[] = [];
  for (const paragraph of text.paragraphs) {
    if (!paragraph.text) continue;
    if (paragraph.bullet) lines.push(`${"  ".repeat(paragraph.level)}- ${paragraph.text}`);
    else lines.push(`${lines.length > 0 ? "\n" : ""}${bodyText(paragraph.text)}`);
  }
  return lines.join("\n");
}

/**
 * A slide's speaker notes: the text of the notes page its slide atom names (by the page's id in the notes
 * list), apart from the page's dates and numbers.
 */
function notesOf(stream: Buffer, slide: PptRecord, offsets: Map<number, number>, notesList: ListEntry[]): string[] {
  const atom = child(stream, slide, RECORD.SLIDE_ATOM);
  if (!atom || atom.end - atom.start < 20) return [];
  const notesId = stream.readUInt32LE(atom.start + 16);
  const entry = notesId ? notesList.find((candidate) => candidate.slideId === notesId) : undefined;
  const notes = entry ? pptRecordAt(stream, offsets.get(entry.persistId) ?? -1) : null;
  if (notes?.type !== RECORD.NOTES) return [];
  return shapeTexts(stream, notes, entry!.texts).flatMap((text) =>
    text.paragraphs.filter((paragraph) => paragraph.text).map((paragraph) => bodyText(paragraph.text)),
  );
}

function isHidden(stream: Buffer, slide: PptRecord): boolean {
  const info = child(stream, slide, RECORD.SLIDE_SHOW_INFO);
  return info !== null && info.end - info.start >= 12 && (stream.readUInt16LE(info.start + 10) & 0x0004) !== 0;
}

function child(stream: Buffer, container: PptRecord, type: number): PptRecord | null {
  for (const record of pptRecords(stream, container.start, container.end)) if (record.type === type) return record;
  return null;
}

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import CFB from "cfb";
import { describe, expect, it } from "vitest";
import { loadPpt } from "../../../src/ingest/loaders/load-ppt.ts";

const u16 = (...values: number[]) => Buffer.from(new Uint16Array(values).buffer);
const u32 = (...values: number[]) => Buffer.from(new Uint32Array(values).buffer);
/** A record as PowerPoint writes it: version and instance, type, length, then its data or its records. */
const atom = (type: number, data: Buffer, instance = 0) => Buffer.concat([u16((instance << 4) | 0, type), u32(data.length), data]);
const container = (type: number, children: Buffer[], instance = 0) => {
  const body = Buffer.concat(children);
  return Buffer.concat([u16((instance << 4) | 0x0f, type), u32(body.length), body]);
};
const textHeader = (type: number) => atom(0x0f9f, u32(type));
const chars = (text: string) => atom(0x0fa0, Buffer.from(text, "utf16le"));
/** Paragraph runs (characters covered, indent level, no other properties), then a character run the reader skips. */
const paragraphRuns = (...runs: [number, number][]) =>
  atom(0x0fa1, Buffer.concat([...runs.map(([count, level]) => Buffer.concat([u32(count), u16(level), u32(0)])), u32(99, 0)]));
const placeholder = (type: number) => container(0xf011, [atom(0x0bc3, Buffer.concat([u32(0), Buffer.from([type, 0, 0, 0])]))]);
const shape = (...records: Buffer[]) => container(0xf004, records);
const textbox = (...records: Buffer[]) => container(0xf00d, records);
const drawing = (...shapes: Buffer[]) => container(0x040c, [container(0xf002, [container(0xf003, shapes)])]);
const slideAtom = (notesId = 0) => atom(0x03ef, Buffer.concat([u32(0), Buffer.alloc(8), u32(0x80000000, notesId), u16(0, 0)]), 2);
const hiddenInfo = () => atom(0x03f9, Buffer.concat([u32(0, 0), Buffer.from([0, 0]), u16(0x0004), Buffer.alloc(4)]));
const slidePersist = (persistId: number, slideId: number) => atom(0x03f3, u32(persistId, 0, 0, slideId, 0));

/**
 * A deck saved twice, as PowerPoint 97–2003 writes it: the document with its slide lists (placeholder text kept
 * in the list, pointed at by the slide's shapes), the slides and a notes page, each edit's persist directory
 * and user edit atom, and the "Current User" stream naming the newest edit. The first save's title slide is
 * superseded by the second's.
 */
function deck(): Buffer {
  const slides = container(
    0x0ff0,
    [
      slidePersist(2, 256),
      textHeader(0),
      chars("Travel policy"),
      textHeader(1),
      chars("Book early\rEconomy class\rTrains under four hours"),
      paragraphRuns([11, 0], [14, 1], [24, 0]),
      slidePersist(3, 257),
      slidePersist(4, 258),
    ],
    0,
  );
  const notesList = container(0x0ff0, [slidePersist(5, 0x100)], 2);
  const documentRecord = container(0x03e8, [atom(0x03e9, Buffer.alloc(40)), slides, notesList]);
  const staleTitle = container(0x03ee, [slideAtom(), drawing(shape(textbox(textHeader(0), chars("Old draft title"))))]);
  const titleSlide = container(0x03ee, [
    slideAtom(0x100),
    drawing(
      shape(placeholder(0x0d), textbox(atom(0x0f9e, u32(0)))),
      shape(placeholder(0x0e), textbox(atom(0x0f9e, u32(1)))),
      shape(placeholder(0x08), textbox(textHeader(4), chars("12"))),
      shape(textbox(textHeader(4), chars("Approved by the board * page * of *"), atom(0x0ff7, u32(22)), atom(0x0fd8, u32(29)), atom(0x0fd8, u32(34)))),
    ),
  ]);
  const hidden = container(0x03ee, [slideAtom(), hiddenInfo(), drawing(shape(textbox(textHeader(0), chars("Draft salary bands"))))]);
  // A table: a group marked by the table property on its own shape, a shape per cell placed by its anchor
  // (written here from the last cell to the first).
  const cell = (left: number, top: number, text: string) => shape(atom(0xf00f, u32(left, top, left + 100, top + 50)), textbox(textHeader(4), chars(text)));
  const table = container(0xf003, [
    shape(atom(0xf122, Buffer.concat([u16(0x03a0), u32(1)]), 1)),
    cell(100, 50, "74"),
    cell(0, 50, "Denver"),
    cell(100, 0, "Meals"),
    cell(0, 0, "City"),
  ]);
  const untitled = container(0x03ee, [slideAtom(), drawing(shape(textbox(textHeader(4), chars("Questions? Ask in #travel."))), table)]);
  const notes = container(0x03f0, [
    atom(0x03f1, Buffer.alloc(8), 1),
    drawing(
      shape(placeholder(0x0b)),
      shape(placeholder(0x0c), textbox(textHeader(2), chars("Receipts go to finance within 30 days."))),
      shape(placeholder(0x08), textbox(textHeader(4), chars("3"))),
    ),
  ]);
  const parts: Buffer[] = [];
  const at = () => parts.reduce((sum, part) => sum + part.length, 0);
  const add = (part: Buffer) => {
    const offset = at();
    parts.push(part);
    return offset;
  };
  const userEdit = (previous: number, directory: number) =>
    atom(0x0ff5, Buffer.concat([u32(256), u16(0), Buffer.from([0, 3]), u32(previous, directory, 1, 6), u16(1, 0)]));
  const firstOffsets = [add(documentRecord), add(staleTitle), add(hidden), add(untitled), add(notes)];
  const firstDirectory = add(atom(0x1772, u32(1 | (5 << 20), ...firstOffsets)));
  const firstEdit = add(userEdit(0, firstDirectory));
  const newTitle = add(titleSlide);
  const secondDirectory = add(atom(0x1772, u32(2 | (1 << 20), newTitle)));
  const secondEdit = add(userEdit(firstEdit, secondDirectory));
  const currentUser = atom(0x0ff6, Buffer.concat([u32(0x14, 0xe391c05f, secondEdit), u16(0, 0x03f4, 3, 0)]));
  const file = CFB.utils.cfb_new();
  CFB.utils.cfb_add(file, "PowerPoint Document", Buffer.concat(parts));
  CFB.utils.cfb_add(file, "Current User", currentUser);
  return Buffer.from(CFB.write(file, { type: "buffer" }) as Uint8Array);
}

/** The deck with its "Current User" stream changed: a damaged edit offset, an encryption token. */
function withCurrentUser(change: (user: Buffer) => void): Buffer {
  const file = CFB.read(deck(), { type: "buffer" });
  const entry = CFB.find(file, "Current User")!;
  const user = Buffer.from(entry.content as Uint8Array);
  change(user);
  entry.content = user;
  return Buffer.from(CFB.write(file, { type: "buffer" }) as Uint8Array);
}

describe("loadPpt", () => {
  it("reads the slides of the newest save in the order shown: titles, nested bullets, text boxes, tables, then speaker notes", async () => {
    const { title, markdown } = await loadPpt(deck(), "travel.ppt");
    expect(markdown).toBe(
      [
        "## Travel policy",
        "- Book early\n  - Economy class\n- Trains under four hours",
        "Approved by the board page of",
        "Receipts go to finance within 30 days.",
        "## Slide 3",
        "Questions? Ask in #travel.",
        "| City | Meals |\n| --- | --- |\n| Denver | 74 |",
      ].join("\n\n"),
    );
    expect(title).toBe("Travel policy");
  });

  it("leaves out hidden slides, superseded saves, slide numbers, dates and the notes page's own furniture", async () => {
    const { markdown } = await loadPpt(deck(), "travel.ppt");
    for (const unseen of ["Draft salary bands", "Old draft title", "12", "*", "\n\n3"]) expect(markdown).not.toContain(unseen);
  });

  it("reads the slides as the stream holds them when the edit chain is damaged, and each slide once", async () => {
    // The current user names the newest edit by its offset: here one past the stream's end.
    const { markdown } = await loadPpt(
      withCurrentUser((user) => user.writeUInt32LE(0x7fffffff, 16)),
      "travel.ppt",
    );
    expect(markdown).toContain("Approved by the board");
    expect(markdown.split("Questions? Ask in #travel.").length - 1).toBe(1);
  });

  it("reads a deck saved by LibreOffice as PowerPoint 97–2003", async () => {
    const { markdown } = await loadPpt(await readFile(resolve(import.meta.dirname, "../../fixtures/loaders/all-hands.ppt")), "all-hands.ppt");
    expect(markdown).toContain("## Slide 3\n\nOffice moves\n\n- Berlin moves to Mitte\n  - in October");
    expect(markdown).toContain("Movers come on the 14th; pack your desk by the 13th.");
    expect(markdown).not.toContain("Draft salary bands");
  });

  it("names what it cannot read: a password-protected deck, a file that is no deck", async () => {
    // The current user's header token says the document stream is encrypted.
    await expect(
      loadPpt(
        withCurrentUser((user) => user.writeUInt32LE(0xf3d1c4df, 12)),
        "locked.ppt",
      ),
    ).rejects.toThrow(/^could not read PPT locked\.ppt: it is password-protected/);
    await expect(loadPpt(await readFile(resolve(import.meta.dirname, "../../fixtures/loaders/old-leave-policy.doc")), "leave.ppt")).rejects.toThrow(
      /^could not read PPT leave\.ppt: it holds no PowerPoint/,
    );
    await expect(loadPpt(Buffer.from("not a deck"), "notes.ppt")).rejects.toThrow(/^could not read PPT notes\.ppt/);
  });
});

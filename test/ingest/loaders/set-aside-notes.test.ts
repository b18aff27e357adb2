import { describe, expect, it } from "vitest";
import type { PdfLine } from "../../../src/ingest/loaders/pdf-page-lines.ts";
import { setAsideNotes } from "../../../src/ingest/loaders/set-aside-notes.ts";

const line = (text: string, y: number, size = 10): PdfLine => ({ text, y, size, bold: false });
const texts = (pages: PdfLine[][]) => pages.map((page) => page.map((l) => l.text));

describe("setAsideNotes", () => {
  it("takes out a small block at a column's foot after which the text goes on higher up, in the next column", () => {
    const page = [
      line("Dynamo provides a simple primary-key only interface to meet the", 170),
      line("requirements of these applications.", 160),
      line("Permission to make digital or hard copies of all or part of this work", 150, 8),
      line("for personal or classroom use is granted without fee.", 141, 8),
      line("Dynamo uses a synthesis of well known techniques to achieve", 700),
      line("scalability and availability.", 690),
    ];
    const { pages, notes } = setAsideNotes([page], 10);
    expect(texts(pages)).toEqual([[page[0]!.text, page[1]!.text, page[4]!.text, page[5]!.text]]);
    expect(notes.map((note) => note.map((l) => l.text))).toEqual([[page[2]!.text, page[3]!.text]]);
  });

  it("takes out a block at the left column's foot that is drawn between two lines of the right column", () => {
    const page = [
      line("The first column's text runs down the page and on into the second,", 700),
      line("which ends the paragraph here.", 145),
      line("Permission to make digital or hard copies of all or part of this work", 150, 8),
      line("for personal or classroom use is granted without fee.", 86, 8),
      line("Dynamo uses a synthesis of well known techniques.", 129),
    ];
    expect(setAsideNotes([page], 10)).toEqual({ pages: [[page[0], page[1], page[4]]], notes: [[page[2], page[3]]] });
  });

  it("takes out footnotes that end a page when they open with a mark", () => {
    const page = [
      line("Zab is the atomic broadcast protocol of ZooKeeper.", 700),
      line("It runs on every replica.", 400),
      line("1A preliminary description of Zab was presented at DISC 2009.", 80, 8),
    ];
    expect(setAsideNotes([page], 10)).toEqual({ pages: [page.slice(0, 2)], notes: [[page[2]]] });
  });

  it("leaves a caption under a figure, a small line ending a page without a mark, and the pieces of a formula in place", () => {
    const caption = [
      line("The text above the figure goes on.", 700),
      line("Figure 3: Latency of reads and writes over a week.", 300, 8),
      line("The text below the figure.", 280),
    ];
    const closing = [line("The text of the page.", 700), line("A remark in a smaller size at the end of the page.", 80, 8)];
    const formula = [line("The sum runs over all", 700), line("i=0", 150, 7), line("so the bound holds.", 700)];
    for (const page of [caption, closing, formula]) expect(setAsideNotes([page], 10)).toEqual({ pages: [page], notes: [] });
  });

  it("leaves a long run of small lines, as the references or a table, in place", () => {
    const notes = Array.from({ length: 20 }, (_, i) => line(`${i + 1} Author, A. A paper about things. 2001.`, 300 - i * 10, 8));
    expect(setAsideNotes([[line("References", 700, 12), ...notes]], 10).notes).toEqual([]);
    // The same lines, few enough for notes, are set aside: the length is what keeps the list in place.
    expect(setAsideNotes([[line("References", 700, 12), ...notes.slice(0, 4)]], 10).notes).toHaveLength(1);
  });
});

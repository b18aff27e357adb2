import { describe, expect, it } from "vitest";
import { type PdfTextItem, pdfPageLines } from "../../../src/ingest/loaders/pdf-page-lines.ts";

/** A text item as pdf.js gives it: unrotated text of `size` points at (x, y). */
const item = (str: string, x: number, y: number, options: { size?: number; font?: string; eol?: boolean; width?: number } = {}): PdfTextItem => {
  const size = options.size ?? 11;
  return {
    str,
    transform: [size, 0, 0, size, x, y],
    width: options.width ?? str.length * size * 0.5,
    fontName: options.font ?? "f1",
    hasEOL: options.eol ?? false,
  };
};
const regular = () => false;

describe("pdfPageLines", () => {
  it("makes one line of the items on one baseline, with its size and position", () => {
    const lines = pdfPageLines([item("Remote ", 72, 700, { size: 16 }), item("work", 128, 700, { size: 16, eol: true }), item("Body text.", 72, 680)], regular);
    expect(lines).toEqual([
      { text: "Remote work", size: 16, y: 700, bold: false },
      { text: "Body text.", size: 11, y: 680, bold: false },
    ]);
  });

  it("ends a line where pdf.js marks an end of line, even on an empty item", () => {
    const lines = pdfPageLines([item("First", 72, 700), item("", 72, 686, { eol: true }), item("Second", 72, 686)], regular);
    expect(lines.map((line) => line.text)).toEqual(["First", "Second"]);
  });

  it("ends a line where the baseline moves, without an end-of-line mark", () => {
    const lines = pdfPageLines([item("First", 72, 700), item("Second", 72, 686)], regular);
    expect(lines.map((line) => line.text)).toEqual(["First", "Second"]);
  });

  it("reads a small-caps word whole: pdf.js puts a blank of no width where the size changes", () => {
    const smallCaps = [
      item("S", 375.8, 464.9, { size: 7, width: 5.1 }),
      item(" ", 380.9, 464.9, { size: 7, width: 0.00005 }),
      item("CHEDULES", 380.9, 464.9, { size: 5.6, eol: true }),
    ];
    expect(pdfPageLines(smallCaps, regular).map((line) => line.text)).toEqual(["SCHEDULES"]);
    // Old TeX output spaces words with blanks as narrow, between pieces of one size: those stay spaces.
    const tex = [item("Predicate", 72, 700, { width: 40 }), item(" ", 112, 700, { width: 0.001 }), item("Dispatching", 112, 700, { eol: true })];
    expect(pdfPageLines(tex, regular).map((line) => line.text)).toEqual(["Predicate Dispatching"]);
  });

  it("puts a space between two pieces of one baseline drawn apart, as a footer's two halves", () => {
    const lines = pdfPageLines([item("Acme Corp", 72, 40, { size: 9, width: 40 }), item("Page 2 of 3", 480, 40, { size: 9 })], regular);
    expect(lines.map((line) => line.text)).toEqual(["Acme Corp Page 2 of 3"]);
  });

  it("takes the size of the font covering most of the line, also for scaled or rotated matrices", () => {
    const rotated: PdfTextItem = { str: "Sideways", transform: [0, 12, -12, 0, 300, 400], width: 50, fontName: "f1", hasEOL: false };
    expect(pdfPageLines([rotated], regular)[0]!.size).toBe(12);
    const mixed = pdfPageLines([item("Note:", 72, 700, { size: 14, width: 30 }), item(" a long run of smaller body words", 102, 700, { eol: true })], regular);
    expect(mixed[0]!.size).toBe(11);
  });

  it("calls a line bold only when all its visible characters are in a bold font", () => {
    const isBold = (font: string) => font === "bold";
    const lines = pdfPageLines(
      [item("Returning equipment", 72, 700, { font: "bold", eol: true }), item("Mostly ", 72, 686, { font: "bold" }), item("regular", 110, 686, { eol: true })],
      isBold,
    );
    expect(lines.map((line) => line.bold)).toEqual([true, false]);
  });

  it("yields no lines for a page without text", () => {
    expect(pdfPageLines([item("", 0, 0, { eol: true }), item("   ", 72, 700)], regular)).toEqual([]);
  });

  it("leaves out text set sideways on a page that reads across, as an arXiv stamp down the margin", () => {
    const stamp: PdfTextItem = { str: "arXiv:1706.03791v1 [cs.IT] 12 Jun 2017", transform: [0, 20, -20, 0, 30, 200], width: 300, fontName: "f1", hasEOL: true };
    const lines = pdfPageLines(
      [
        stamp,
        item("Lossy Compression for Scientific Data", 72, 700, { size: 14, eol: true }),
        item("We present a new compressor for floating-point data.", 72, 680),
      ],
      regular,
    );
    expect(lines.map((line) => line.text)).toEqual(["Lossy Compression for Scientific Data", "We present a new compressor for floating-point data."]);
  });

  it("reads a page that is mostly sideways, as a landscape table, as it is", () => {
    const row = (str: string, x: number): PdfTextItem => ({ str, transform: [0, 11, -11, 0, x, 100], width: 200, fontName: "f1", hasEOL: true });
    expect(pdfPageLines([row("Denver 74 199", 100), row("Boston 79 254", 120), item("Page 3", 300, 30)], regular).map((line) => line.text)).toEqual([
      "Denver 74 199",
      "Boston 79 254",
      "Page 3",
    ]);
  });

  it("drops a small raised footnote mark after a word, and keeps an exponent after a number or a variable", () => {
    const mark = (str: string, x: number): PdfTextItem => ({ str, transform: [7, 0, 0, 7, x, 704], width: 4, fontName: "f1", hasEOL: false });
    const title = pdfPageLines([item("Hints for Computer System Design", 72, 700, { size: 17, width: 300 }), mark("1", 372)], regular);
    expect(title[0]!.text).toBe("Hints for Computer System Design");
    const starred = pdfPageLines([item("Liquid Types ", 72, 700, { size: 17, width: 120 }), mark("∗", 192)], regular);
    expect(starred[0]!.text).toBe("Liquid Types");
    const exponent = pdfPageLines(
      [
        item("It served 10", 72, 700, { width: 60 }),
        mark("6", 132),
        item(" requests on O(n", 136, 700, { width: 80 }),
        mark("2", 216),
        item(") memory.", 220, 700),
      ],
      regular,
    );
    expect(exponent[0]!.text).toBe("It served 106 requests on O(n2) memory.");
  });
});

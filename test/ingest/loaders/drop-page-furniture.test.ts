import { describe, expect, it } from "vitest";
import { dropPageFurniture } from "../../../src/ingest/loaders/drop-page-furniture.ts";
import { pdfPage } from "../../helpers/pdf-page.ts";

const texts = (pages: { text: string }[][]) => pages.map((lines) => lines.map((line) => line.text));
const topics = ["leave", "travel", "expenses", "security", "equipment", "benefits"];
/** Three lines of text that differ from page to page, as real pages do. */
const bodyOf = (n: number) => [`Opening line about ${topics[n - 1]}.`, `Middle line about ${topics[n - 1]}.`, `Closing line about ${topics[n - 1]}.`];
const body = bodyOf(1);

describe("dropPageFurniture", () => {
  it("drops a header and a footer that recur, numbers aside, at the top and bottom of every page", () => {
    const pages = [1, 2, 3, 4].map((n) =>
      pdfPage({ text: "Acme Corp | Handbook 2024", size: 9, y: 760 }, ...bodyOf(n), { text: `Acme Corp – Internal    Page ${n} of 4`, size: 9, y: 40 }),
    );
    expect(texts(dropPageFurniture(pages))).toEqual([bodyOf(1), bodyOf(2), bodyOf(3), bodyOf(4)]);
  });

  it("drops what a browser prints in the margins, even on a one-page document where nothing recurs", () => {
    // Enough text that the margins' smaller size is not the body's.
    const body = [1, 2, 3].flatMap(bodyOf);
    const printed = pdfPage({ text: "12/1/26, 2:47 PM Leave policy | Acme Intranet", size: 8, y: 770 }, ...body, {
      text: "https://intranet.example.com/hr/leave 1/1",
      size: 8,
      y: 17,
    });
    expect(texts(dropPageFurniture([printed]))).toEqual([body]);
    // Firefox puts the page count first and the date last.
    expect(texts(dropPageFurniture([pdfPage(...body, { text: "Page 1 of 1 01/12/2026, 14:47", size: 8, y: 17 })]))).toEqual([body]);
    // A closing line in the text's own size that names a date and an address is text.
    const closing = pdfPage(...body, "Updated by the People team, see https://intranet.example.com/hr/leave 1/1");
    expect(texts(dropPageFurniture([closing]))[0]).toHaveLength(body.length + 1);
  });

  it("drops a running line found on half of the pages, but not on fewer than three", () => {
    const withHeader = (n: number) => pdfPage({ text: `Chapter 2, page ${n}`, size: 9, y: 760 }, ...bodyOf(n));
    const plain = (n: number) => pdfPage(...bodyOf(n));
    const pages = [withHeader(1), withHeader(2), withHeader(3), plain(4), plain(5), plain(6)];
    expect(texts(dropPageFurniture(pages))).toEqual([1, 2, 3, 4, 5, 6].map(bodyOf));
    const twoPages = texts(dropPageFurniture([withHeader(1), withHeader(2)]));
    expect(twoPages.every((lines) => lines[0]!.startsWith("Chapter 2, page"))).toBe(true);
  });

  it("drops a chapter's running header, found on fewer than half of the pages but on pages in a row", () => {
    const chapter = (n: number, title: string) => pdfPage({ text: `Chapter ${n}: ${title}`, size: 9, y: 760 }, ...bodyOf(n));
    const pages = [chapter(1, "Leave"), chapter(2, "Travel"), chapter(3, "Expenses"), chapter(4, "Expenses"), chapter(5, "Expenses"), chapter(6, "Security")];
    const kept = texts(dropPageFurniture([...pages, ...[1, 2, 3, 4, 5, 6].map((n) => pdfPage(...bodyOf(n)))]));
    expect(kept.slice(2, 5)).toEqual([3, 4, 5].map(bodyOf));
    expect(kept[0]![0]).toBe("Chapter 1: Leave");
  });

  it("keeps a line found at the top of three pages far apart, in a long document", () => {
    const pages = Array.from({ length: 12 }, (_, i) => pdfPage(...(i % 5 === 0 ? ["Summary of changes"] : []), ...bodyOf((i % 6) + 1)));
    expect(texts(dropPageFurniture(pages)).filter((lines) => lines.includes("Summary of changes"))).toHaveLength(3);
  });

  it("keeps a recurring line that is not at a page's top or bottom", () => {
    const pages = [1, 2, 3].map(() => pdfPage(...body, "See the appendix for details.", ...body));
    expect(texts(dropPageFurniture(pages))[1]).toContain("See the appendix for details.");
  });

  it("keeps a heading in a larger size that opens every page", () => {
    const pages = [1, 2, 3].map((n) => pdfPage({ text: `Section ${n}`, size: 16 }, ...body));
    expect(texts(dropPageFurniture(pages)).map((lines) => lines[0])).toEqual(["Section 1", "Section 2", "Section 3"]);
  });

  it.each([["12"], ["- 4 -"], ["Page 3"], ["Page 3 of 10"], ["3 / 10"], ["— 7 —"], ["iv"]])(
    "drops the bare page number %j at a page's bottom, even on one page",
    (number) => {
      expect(texts(dropPageFurniture([pdfPage(...body, { text: number, y: 40 })]))).toEqual([body]);
    },
  );

  it("keeps a number that is text: a year, or a number in the middle of the page", () => {
    expect(texts(dropPageFurniture([pdfPage(...body, { text: "2024", y: 40 })]))[0]).toContain("2024");
    const middle = pdfPage(...body, "12", ...body);
    expect(texts(dropPageFurniture([middle]))[0]).toContain("12");
  });

  it("leaves empty pages empty", () => {
    expect(dropPageFurniture([[], []])).toEqual([[], []]);
  });
});

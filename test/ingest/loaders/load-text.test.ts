import { describe, expect, it } from "vitest";
import { loadText } from "../../../src/ingest/loaders/load-text.ts";

describe("loadText", () => {
  it("keeps the text as it is, with no metadata", async () => {
    expect(await loadText(Buffer.from("Office hours\n\nMonday to Friday, 9 to 5."), "hours.txt")).toEqual({
      title: null,
      url: null,
      markdown: "Office hours\n\nMonday to Friday, 9 to 5.",
      keywords: "",
    });
  });

  it("normalizes Windows and old Mac line endings", async () => {
    expect((await loadText(Buffer.from("one\r\ntwo\rthree"), "a.txt")).markdown).toBe("one\ntwo\nthree");
  });

  it("drops a UTF-8 byte order mark", async () => {
    expect((await loadText(Buffer.from("\uFEFFCafé", "utf8"), "a.txt")).markdown).toBe("Café");
  });

  it("reads UTF-16 text saved by Windows tools", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Café\r\nmenu", "utf16le")]);
    expect((await loadText(bytes, "a.txt")).markdown).toBe("Café\nmenu");
  });

  it("tells the headings of text saved from a word processor, a paragraph a line", async () => {
    const saved =
      "Equipment policy\nLaptops\nEvery employee gets a laptop on the first day, set up by IT with the tools the team uses, and returns it on the last day with its charger and any accessories it came with.\nPhones\nPhones are not provided.";
    expect((await loadText(Buffer.from(saved), "equipment.txt")).markdown).toBe(
      "# Equipment policy\n\n## Laptops\n\nEvery employee gets a laptop on the first day, set up by IT with the tools the team uses, and returns it on the last day with its charger and any accessories it came with.\n\n## Phones\n\nPhones are not provided.",
    );
  });

  it("reads text wrapped at a fixed width, or with Markdown headings, as it is", async () => {
    const wrapped = "Equipment policy\n\nEvery employee gets a laptop on the first day, set up by IT\nwith the tools the team uses.\n";
    expect((await loadText(Buffer.from(wrapped), "a.txt")).markdown).toBe(wrapped);
    const markdown = `# Equipment\nLaptops\nEvery employee gets a laptop on the first day, set up by IT with the tools the team uses, and returns it on the last day with its charger and any accessories it came with.\n`;
    expect((await loadText(Buffer.from(markdown), "b.txt")).markdown).toBe(markdown);
  });
});

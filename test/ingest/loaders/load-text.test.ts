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
});

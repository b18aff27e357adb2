import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import CFB from "cfb";
import { describe, expect, it } from "vitest";
import { loadDoc } from "../../../src/ingest/loaders/load-doc.ts";

// Saved as "MS Word 97" by LibreOffice from an HTML page; make-fixtures.ts cannot write the binary format.
const fixture = () => readFile(resolve(import.meta.dirname, "../../fixtures/loaders/old-leave-policy.doc"));

describe("loadDoc: a Word 97-2003 document", () => {
  it("reads its text, with headings told by their shape and tables by their cell marks", async () => {
    const { title, markdown } = await loadDoc(await fixture(), "old-leave-policy.doc");
    // The file's name says what the heading says and more ("old"): it titles the document (titleOrFileName).
    expect(title).toBe("old leave policy");
    expect(markdown).toBe(
      [
        "# Leave policy (2009)",
        "## Annual leave",
        "Full-time staff get 25 days of annual leave a year.",
        "Unused days carry over until the end of March.",
        "## Sick leave",
        "Tell your manager before 10:00 on the first day of absence.",
        "a doctor's note is needed after three days",
        "sick days do not reduce annual leave",
        "## Public holidays",
        "| Holiday | Date |\n| --- | --- |\n| New Year's Day | 1 January |\n| Founders' Day | 14 June |",
        "Questions go to the HR office.",
      ].join("\n\n"),
    );
  });

  it("keeps a word with an optional hyphen whole (LibreOffice's export, as German and Russian text has them)", async () => {
    const bytes = await readFile(resolve(import.meta.dirname, "../../fixtures/loaders/reisekosten.doc"));
    expect((await loadDoc(bytes, "reisekosten.doc")).markdown).toBe(
      "# Reisekosten\n\nDie Versicherungsnummer steht auf der Karte. Fahrtkosten werden erstattet.",
    );
  });

  it("fails naming the file when it is no Word document, or an older one than Word 97", async () => {
    await expect(loadDoc(Buffer.from("not an OLE compound file at all"), "notes.doc")).rejects.toThrow(/^could not read DOC notes\.doc: /);
    const file = CFB.utils.cfb_new();
    // Word 6 and 95 wrote their own file header (0xA5DC) in the WordDocument stream.
    CFB.utils.cfb_add(file, "WordDocument", Buffer.concat([Buffer.from([0xdc, 0xa5, 0x65, 0x00]), Buffer.alloc(1020)]));
    const word95 = Buffer.from(CFB.write(file, { type: "buffer" }) as Uint8Array);
    await expect(loadDoc(word95, "1996.doc")).rejects.toThrow(/^could not read DOC 1996\.doc: it is a Word 95 or older document/);
  });
});

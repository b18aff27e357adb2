import { describe, expect, it } from "vitest";
import { loadEml } from "../../../src/ingest/loaders/load-eml.ts";

const message = [
  "From jane@example.com Fri Mar  1 10:02:00 2024",
  "From: Jane Doe <jane@example.com>",
  "To: All Staff <staff@example.com>, bob@example.com",
  "Cc: =?UTF-8?Q?Ren=C3=A9e_Roux?= <renee@example.com>",
  "Date: Thu, 29 Feb 2024 17:02:00 -0800",
  "Subject: =?UTF-8?B?TmV3IHRyYXZlbCBydWxlcyDigJMgMjAyNA==?=",
  "MIME-Version: 1.0",
  'Content-Type: multipart/mixed; boundary="outer"',
  "",
  "--outer",
  'Content-Type: multipart/alternative; boundary="inner"',
  "",
  "--inner",
  "Content-Type: text/plain; charset=utf-8",
  "",
  "Plain version: book flights three weeks ahead.",
  "--inner",
  "Content-Type: text/html; charset=windows-1252",
  "Content-Transfer-Encoding: quoted-printable",
  "",
  '<html><body><div style=3D"display:none;max-height:0">Preheader: see what=92s new</div><h2>Booking</h2><p>Book flights three weeks ahead. It=92s =93cheaper=94 =96 and=',
  ' =80 50 is the limit.</p><img src=3D"cid:logo"></body></html>',
  "--inner--",
  "--outer",
  "Content-Type: image/png",
  "Content-Disposition: inline",
  "Content-ID: <logo>",
  "Content-Transfer-Encoding: base64",
  "",
  "iVBORw0KGgo=",
  "--outer",
  'Content-Type: application/pdf; name="travel-policy.pdf"',
  'Content-Disposition: attachment; filename="travel-policy.pdf"',
  "Content-Transfer-Encoding: base64",
  "",
  "JVBERi0xLjQK",
  "--outer--",
  "",
].join("\r\n");

describe("loadEml", () => {
  it("reads a saved message: subject as title, who wrote to whom and when (in the sender's time), the HTML body as shown, attachments by name", async () => {
    const { title, markdown } = await loadEml(Buffer.from(message, "latin1"), "travel.eml");
    expect(title).toBe("New travel rules – 2024");
    expect(markdown).toBe(
      [
        "From: Jane Doe <jane@example.com>\nTo: All Staff <staff@example.com>, bob@example.com\nCc: Renée Roux <renee@example.com>\nDate: 2024-02-29 17:02 -0800",
        "## Booking",
        "Book flights three weeks ahead. It’s “cheaper” – and € 50 is the limit.",
        "Attachments: travel-policy.pdf",
      ].join("\n\n"),
    );
  });

  it("reads the plain text of a message without HTML, line by line, a line that looks like a heading kept as text", async () => {
    const plain = "From: hr@example.com\nSubject: Holidays\n\n# of days: 25 a year.\nCarry over 5.\n\nAsk HR.\n";
    expect((await loadEml(Buffer.from(plain), "holidays.eml")).markdown).toBe("From: hr@example.com\n\n\\# of days: 25 a year.\nCarry over 5.\n\nAsk HR.");
  });

  it("reads a message whose markup nests deeper than the converter follows from its text part", async () => {
    const deep = `<html><body>${"<font>".repeat(3000)}Nested text.</body></html>`;
    const mail = `From: a@example.com\nSubject: Deep\nContent-Type: multipart/alternative; boundary="b"\n\n--b\nContent-Type: text/plain\n\nPlain text.\n--b\nContent-Type: text/html\n\n${deep}\n--b--\n`;
    expect((await loadEml(Buffer.from(mail), "deep.eml")).markdown).toBe("From: a@example.com\n\nPlain text.");
  });

  it("names a file that is no e-mail", async () => {
    await expect(loadEml(Buffer.from("%PDF-1.4\n"), "scan.eml")).rejects.toThrow(/^could not read EML scan\.eml: it does not start with mail headers/);
  });
});

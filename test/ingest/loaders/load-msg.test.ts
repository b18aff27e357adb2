import CFB from "cfb";
import { describe, expect, it } from "vitest";
import { loadMsg } from "../../../src/ingest/loaders/load-msg.ts";

const unicode = (text: string) => Buffer.from(`${text}\0`, "utf16le");
/** A fixed-size property entry of the message's property stream: tag (type, id), flags, 8-byte value. */
function entry(type: number, id: number, value: Buffer): Buffer {
  const bytes = Buffer.alloc(16);
  bytes.writeUInt16LE(type, 0);
  bytes.writeUInt16LE(id, 2);
  bytes.writeUInt32LE(6, 4);
  value.copy(bytes, 8);
  return bytes;
}
const long = (value: number) => Buffer.from(new Uint32Array([value, 0]).buffer);
const fileTime = (iso: string) => {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE((BigInt(Date.parse(iso)) + 11_644_473_600_000n) * 10_000n);
  return bytes;
};

/** A message as Outlook saves it: one stream per variable-size property, fixed ones in the property stream. */
function msg(streams: Record<string, Buffer>, fixed: Buffer[]): Buffer {
  const file = CFB.utils.cfb_new();
  CFB.utils.cfb_add(file, "__properties_version1.0", Buffer.concat([Buffer.alloc(32), ...fixed]));
  for (const [name, content] of Object.entries(streams)) CFB.utils.cfb_add(file, name, content);
  return Buffer.from(CFB.write(file, { type: "buffer" }) as Uint8Array);
}

describe("loadMsg", () => {
  it("reads an Outlook message: subject, sender's Internet address, recipients, date, HTML body, attachments", async () => {
    const bytes = msg(
      {
        "__substg1.0_0037001F": unicode("New travel rules"),
        "__substg1.0_0C1A001F": unicode("Jane Doe"),
        "__substg1.0_0C1F001F": unicode("/O=ACME/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=JDOE"),
        "__substg1.0_5D01001F": unicode("jane@example.com"),
        "__substg1.0_0E04001F": unicode("All Staff; Bob Smith"),
        "__substg1.0_1000001F": unicode("Plain version."),
        "__substg1.0_10130102": Buffer.from(
          '<html><head><meta charset="utf-8"></head><body><p>Book flights three weeks ahead – it’s cheaper.</p></body></html>',
        ),
        "__attach_version1.0_#00000000/__substg1.0_3707001F": unicode("travel-policy.pdf"),
        "__attach_version1.0_#00000001/__substg1.0_3704001F": unicode("RATES~1.XLS"),
        // The signature's logo, shown in the body: no attachment to name.
        "__attach_version1.0_#00000002/__substg1.0_3707001F": unicode("image001.png"),
        "__attach_version1.0_#00000002/__substg1.0_370E001F": unicode("image/png"),
        "__attach_version1.0_#00000002/__substg1.0_3712001F": unicode("image001.png@01DA6B"),
      },
      [entry(0x0040, 0x0039, fileTime("2024-03-01T10:02:00Z"))],
    );
    const { title, markdown } = await loadMsg(bytes, "travel.msg");
    expect(title).toBe("New travel rules");
    expect(markdown).toBe(
      "From: Jane Doe <jane@example.com>\nTo: All Staff; Bob Smith\nDate: 2024-03-01 10:02 UTC\n\nBook flights three weeks ahead – it’s cheaper.\n\nAttachments: travel-policy.pdf, RATES~1.XLS",
    );
  });

  it("reads an older message's 8-bit text in its code page, and its plain body when it has no HTML", async () => {
    const bytes = msg(
      {
        "__substg1.0_0037001E": Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]),
        "__substg1.0_1000001E": Buffer.from("Leave requests go to HR.\r\n\r\nThanks\0", "latin1"),
      },
      [entry(0x0003, 0x3ffd, long(1251))],
    );
    const { title, markdown } = await loadMsg(bytes, "old.msg");
    expect(title).toBe("Привет");
    expect(markdown).toBe("Leave requests go to HR.\n\nThanks");
  });

  it("names a compound file that holds no message", async () => {
    const file = CFB.utils.cfb_new();
    CFB.utils.cfb_add(file, "WordDocument", Buffer.from("not mail"));
    await expect(loadMsg(Buffer.from(CFB.write(file, { type: "buffer" }) as Uint8Array), "doc.msg")).rejects.toThrow(
      /^could not read MSG doc\.msg: it holds no Outlook message/,
    );
    await expect(loadMsg(Buffer.from("From: a@b\n\nhi"), "mail.msg")).rejects.toThrow(/^could not read MSG mail\.msg/);
  });
});

import { describe, expect, it } from "vitest";
import { xmlTokens } from "../../../src/ingest/loaders/office-package.ts";

describe("xmlTokens", () => {
  it("names elements without their namespace prefix, keeps attribute names whole, and closes self-closing elements", () => {
    expect([...xmlTokens('<a:p><a:pPr lvl="1"/><x:t>Tom &amp; Jerry &#10;</x:t></a:p>')]).toEqual([
      { kind: "open", name: "p", attributes: {} },
      { kind: "open", name: "pPr", attributes: { lvl: "1" } },
      { kind: "close", name: "pPr" },
      { kind: "open", name: "t", attributes: {} },
      { kind: "text", text: "Tom & Jerry \n" },
      { kind: "close", name: "t" },
      { kind: "close", name: "p" },
    ]);
  });

  it("passes over comments and processing instructions whole and reads CDATA as text", () => {
    const tokens = [...xmlTokens('<?xml version="1.0"?><t>before<!-- a > b -->after<![CDATA[x > y]]></t>')];
    expect(tokens.filter((token) => token.kind === "text").map((token) => (token.kind === "text" ? token.text : ""))).toEqual(["before", "after", "x > y"]);
  });
});

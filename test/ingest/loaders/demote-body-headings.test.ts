import { describe, expect, it } from "vitest";
import { demoteBodyHeadings } from "../../../src/ingest/loaders/demote-body-headings.ts";

describe("demoteBodyHeadings", () => {
  it("reads a heading that is a sentence as text, wherever it stands", () => {
    const markdown = "# Password policy\n\n## Passwords must not be shared with anyone, including supervisors and coworkers.\n\n- Not by email\n- Not by phone";
    expect(demoteBodyHeadings(markdown)).toBe(
      "# Password policy\n\nPasswords must not be shared with anyone, including supervisors and coworkers.\n\n- Not by email\n- Not by phone",
    );
  });

  it("reads a heading that heads nothing as text when it is longer than a section's name", () => {
    const markdown = [
      "# Home wireless devices",
      "#### Change the default SSID name",
      "#### Disable broadcast of SSID",
      "#### Enable WiFi Protected Access (WPA-PSK), EAP-FAST or EAP-TLS",
      "## Exceptions",
      "None.",
    ].join("\n\n");
    expect(demoteBodyHeadings(markdown).split("\n\n")).toEqual([
      "# Home wireless devices",
      "Change the default SSID name",
      "#### Disable broadcast of SSID",
      "Enable WiFi Protected Access (WPA-PSK), EAP-FAST or EAP-TLS",
      "## Exceptions",
      "None.",
    ]);
  });

  it("keeps the document's first heading, its title, though set in the style of the sections after it", () => {
    const markdown = "## Security Training and Awareness Policy\n\n## Purpose\n\nEvery employee completes the training.";
    expect(demoteBodyHeadings(markdown)).toBe(markdown);
  });

  it("keeps headings that head something: sections, a question an FAQ answers, a heading above demoted clauses", () => {
    const markdown = [
      "# Leave",
      "## Can I carry over unused days into next year?",
      "Yes, up to five days.",
      "## Lab device requirements",
      "### Lab devices must use an SSID different from the production network's.",
    ].join("\n\n");
    expect(demoteBodyHeadings(markdown).split("\n\n")).toEqual([
      "# Leave",
      "## Can I carry over unused days into next year?",
      "Yes, up to five days.",
      "## Lab device requirements",
      "Lab devices must use an SSID different from the production network's.",
    ]);
  });

  it("leaves code alone", () => {
    const markdown = "# Setup\n\n```sh\n# install the command line tools before anything else, then log in.\n```";
    expect(demoteBodyHeadings(markdown)).toBe(markdown);
  });
});

import { describe, expect, it } from "vitest";
import { fileTitle, titleOrFileName } from "../../src/ingest/file-title.ts";

describe("a title from a file's name", () => {
  it("reads underscores and dashes between words as spaces, keeping a date's dashes", () => {
    expect(fileTitle("policies/remote_work-policy_v2.txt")).toBe("remote work policy v2");
    expect(fileTitle("notes/2024-05-01-all-hands.md")).toBe("2024-05-01 all hands");
  });

  it("keeps a name that already has spaces as written, underscores aside", () => {
    expect(fileTitle("Travel - Per diem_rates.pdf")).toBe("Travel - Per diem rates");
  });

  it("gives a title read from the text way to the file's name when the name says all it says and more", () => {
    expect(titleOrFileName("Policy 1", "policies/Asset Management Policy.pdf")).toBe("Asset Management Policy");
    expect(titleOrFileName("POSITION DESCRIPTION", "Cleaner Position Description.pdf")).toBe("Cleaner Position Description");
    expect(titleOrFileName("Paxos Made Simple", "papers/paxos.pdf")).toBe("Paxos Made Simple");
    expect(titleOrFileName("Travel policy", "travel-policy.docx")).toBe("Travel policy");
    expect(titleOrFileName(null, "remote_work-policy.docx")).toBe("remote work policy");
    expect(titleOrFileName("1 - INTRODUCTION", "Employee Handbook.pdf")).toBe("Employee Handbook");
    expect(titleOrFileName("2.3 Scope", "Travel Policy.docx")).toBe("Travel Policy");
    expect(titleOrFileName("2024 Benefits Guide", "benefits.pdf")).toBe("2024 Benefits Guide");
  });

  it("drops the page id Notion appends to an exported page's name", () => {
    expect(fileTitle("Wiki 8a1b2c3d4e5f60718293a4b5c6d7e8f9/Leave Policy 3f2a9c0d1e2b4a5c6d7e8f9a0b1c2d3e.md")).toBe("Leave Policy");
  });
});

import { describe, expect, it } from "vitest";
import { confluenceStorageToMarkdown } from "../../../src/ingest/sources/confluence-storage-to-markdown.ts";

describe("Confluence storage format as Markdown", () => {
  it("keeps headings, text and tables", () => {
    const markdown = confluenceStorageToMarkdown(
      "<h1>Leave</h1><p>Take <strong>20 days</strong>.</p><table><tbody><tr><th>Days</th><th>Who</th></tr><tr><td>20</td><td>Everyone</td></tr></tbody></table>",
    );
    expect(markdown).toContain("# Leave");
    expect(markdown).toContain("Take **20 days**.");
    expect(markdown).toContain("| 20 | Everyone |");
  });

  it("reduces macros to the text a reader sees (a panel's title as a heading) and drops their settings", () => {
    const markdown = confluenceStorageToMarkdown(
      '<ac:structured-macro ac:name="info" ac:schema-version="1"><ac:parameter ac:name="title">Before you book</ac:parameter><ac:parameter ac:name="icon">true</ac:parameter><ac:rich-text-body><p>Ask your manager first.</p></ac:rich-text-body></ac:structured-macro>' +
        '<ac:structured-macro ac:name="expand"><ac:rich-text-body><p>Hidden details still count.</p></ac:rich-text-body></ac:structured-macro>',
    );
    expect(markdown).toMatch(/^#+ Before you book$/m);
    expect(markdown).toContain("Ask your manager first.");
    expect(markdown).toContain("Hidden details still count.");
    expect(markdown).not.toMatch(/icon|true|info|schema/);
  });

  it("keeps a code macro's code, even with characters that look like markup", () => {
    const markdown = confluenceStorageToMarkdown(
      '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">bash</ac:parameter><ac:plain-text-body><![CDATA[vpn connect <office> && echo ok]]></ac:plain-text-body></ac:structured-macro>',
    );
    expect(markdown).toContain("```\nvpn connect <office> && echo ok\n```");
    expect(markdown).not.toContain("bash");
  });

  it("shows links by their label or the title of the page they point at, tasks as a list, and no images or emoticons", () => {
    const markdown = confluenceStorageToMarkdown(
      '<p>See <ac:link><ri:page ri:content-title="Holiday calendar" /></ac:link> and <ac:link><ri:page ri:content-title="Expenses" /><ac:plain-text-link-body><![CDATA[the expenses page]]></ac:plain-text-link-body></ac:link>.</p>' +
        "<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>File the form</ac:task-body></ac:task></ac:task-list>" +
        '<p>Done <ac:emoticon ac:name="smile" /><ac:image><ri:attachment ri:filename="chart.png" /></ac:image></p>',
    );
    expect(markdown).toContain("See Holiday calendar and the expenses page.");
    expect(markdown).toContain("- File the form");
    expect(markdown).not.toMatch(/incomplete|chart\.png|smile/);
  });
});

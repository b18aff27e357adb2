import { describe, expect, it } from "vitest";
import { cleanMarkdown } from "../../../src/ingest/loaders/clean-markdown.ts";

describe("cleanMarkdown", () => {
  describe("template tags", () => {
    it("strips Liquid tags but keeps the text between them", () => {
      expect(cleanMarkdown('{% alert "Heads up" %}Leave resets on January 1.{% endalert %}')).toBe("Leave resets on January 1.");
    });

    it("strips output tags and whitespace-control variants", () => {
      expect(cleanMarkdown("Open {{ site.portal }}the portal{%- if x -%} now{%- endif -%}.")).toBe("Open the portal now.");
    });

    it("strips a shortcode that spans several lines", () => {
      expect(cleanMarkdown('Before\n{% image "_img/ocelot.png"\n  "An ocelot" %}\nAfter')).toBe("Before\n\nAfter");
    });

    it("drops Liquid comments with their content, and Jinja comments", () => {
      expect(cleanMarkdown("Staff {% comment %}TODO link{% endcomment %}get 25 days.{# reviewer note #}")).toBe("Staff get 25 days.");
    });

    it("keeps the content of a raw section as written", () => {
      expect(cleanMarkdown("Write {% raw %}{{ page.title }}{% endraw %} in a layout.")).toBe("Write {{ page.title }} in a layout.");
    });

    it("keeps the channel a Slack channel shortcode points to", () => {
      expect(cleanMarkdown('Ask in {% slack_channel "people-ops" %} or {% slack_channel "dc" "D.C. office" %}.')).toBe("Ask in #people-ops or #dc.");
      // A name with spaces is no channel's: it reads as written, rather than vanishing.
      expect(cleanMarkdown('Questions? Contact the\n{% slack_channel "SF Slack Channel" %}.')).toBe("Questions? Contact the\nSF Slack Channel.");
    });

    it("keeps the address a GitBook embed shows, and the text of a hint but not its tags", () => {
      expect(cleanMarkdown('You can reach the server at:\n\n{% embed url="https://chat.example.com" caption="" %}')).toBe(
        "You can reach the server at:\n\nhttps://chat.example.com",
      );
      expect(cleanMarkdown('Status page: {% embed url="https://status.example.com" caption="99.9% uptime" %}')).toBe("Status page: https://status.example.com");
      expect(cleanMarkdown('{% hint style="info" %}\nAsk in the finance channel.\n{% endhint %}').trim()).toBe("Ask in the finance channel.");
    });

    it("unwraps MkDocs call-outs, collapsible blocks and tabs: the title a run-in label of the body, the body no longer indented", () => {
      const markdown = [
        "Intro.",
        "",
        '!!! tip "Always assume the worst"',
        "     If unsure, **treat it as the higher severity**.",
        "",
        "!!! note",
        "    A note without a title.",
        "",
        "    ```bash",
        "    echo hi",
        "    ```",
        "",
        '??? question "Can a SEV-3 be major?"',
        "    Yes, if it needs a coordinated response.",
        "",
        '=== "macOS"',
        "",
        "    Install with brew.",
        "",
        "Back to the page.",
      ].join("\n");
      expect(cleanMarkdown(markdown)).toBe(
        [
          "Intro.",
          "",
          "**Always assume the worst**: If unsure, **treat it as the higher severity**.",
          "",
          "A note without a title.",
          "",
          "```bash",
          "echo hi",
          "```",
          "",
          "**Can a SEV-3 be major?** Yes, if it needs a coordinated response.",
          "",
          "**macOS**: Install with brew.",
          "",
          "Back to the page.",
        ].join("\n"),
      );
    });

    it("unwraps Docusaurus and VitePress call-outs the same way, with their title in words or in brackets", () => {
      const markdown =
        ":::tip Before you deploy\n\nCI must be green.\n\n:::\n\n:::warning\nNever on a holiday.\n:::\n\n::: note[Rollbacks]\nUse the button.\n:::";
      expect(cleanMarkdown(markdown, { mdx: true })).toBe("**Before you deploy**: CI must be green.\n\nNever on a holiday.\n\n**Rollbacks**: Use the button.");
    });

    it("keeps a call-out's title on a line of its own above a list", () => {
      expect(cleanMarkdown('!!! tip "Before the call"\n    - Mute yourself\n    - Join the channel')).toBe(
        "**Before the call**\n\n- Mute yourself\n- Join the channel",
      );
    });

    it("unwraps a call-out written without a space after its marker, with several modifiers", () => {
      expect(cleanMarkdown('???+aside hide-arrow "Questions?"\n    Ask in #incidents.')).toBe("**Questions?** Ask in #incidents.");
    });

    it("leaves call-out syntax in a list item's fenced example as written, and a one-line '!!! …' as a sentence", () => {
      const example = "1. Add a tip:\n\n   ```md\n   :::tip My title\n   Some text\n   :::\n   ```\n\n!!! Do not restart the primary database.";
      expect(cleanMarkdown(example)).toBe(example);
    });

    it("leaves a directive that is never closed as a line of text, and pairs a Pandoc div's close with its own opening", () => {
      expect(cleanMarkdown(":::tip Unclosed\nBody text.")).toBe(":::tip Unclosed\nBody text.");
      expect(cleanMarkdown(":::tip Outer\nBefore.\n\n::: {.note}\nInner.\n:::\n\nAfter.\n:::")).toBe("**Outer**: Before.\n\nInner.\n\nAfter.");
    });

    it("closes a call-out whose closing marker stands up to three spaces deeper, under the list that ends it", () => {
      expect(cleanMarkdown(":::tip\n\n- **DOs:**\n  - Use backups.\n- **DON'Ts:** Use delegate calls.\n  :::\n\n## Next\n\nText.")).toBe(
        "- **DOs:**\n  - Use backups.\n- **DON'Ts:** Use delegate calls.\n\n## Next\n\nText.",
      );
    });

    it("unwraps a call-out indented in a list item, keeping its body in the item", () => {
      expect(cleanMarkdown("1.  Set the password.\n\n    :::caution Complexity\n\n    At least eight characters.\n\n    :::\n\n2.  Save the file.")).toBe(
        "1.  Set the password.\n\n    **Complexity**: At least eight characters.\n\n2.  Save the file.",
      );
    });

    it("unwraps Pandoc's fenced divs as Quarto writes call-outs, titled by their title attribute or their first heading", () => {
      const markdown = [
        "::: {.callout-note}",
        "## Before you start",
        "Ask IT for a laptop two weeks ahead.",
        ":::",
        "",
        '::: {.callout-tip title="Pro tip"}',
        "Use the [VPN]{.underline} at home.",
        ":::",
        "",
        '::: {.column width="50%"}',
        "## Costs",
        "Column text.",
        ":::",
      ].join("\n");
      expect(cleanMarkdown(markdown)).toBe(
        "**Before you start**: Ask IT for a laptop two weeks ahead.\n\n**Pro tip**: Use the VPN at home.\n\n## Costs\nColumn text.",
      );
    });

    it("takes a call-out's title up to its last quote", () => {
      expect(cleanMarkdown('!!! warning "Use "force" carefully"\n    It deletes the branch.')).toBe('**Use "force" carefully**: It deletes the branch.');
    });

    it("leaves call-out syntax inside fenced code, and a heading's === underline, as they are", () => {
      const markdown = 'Title\n===\n\n```\n!!! tip "in code"\n    stays\n```';
      expect(cleanMarkdown(markdown)).toBe(markdown);
    });

    it("does not let an unclosed `{{` swallow the following paragraphs", () => {
      expect(cleanMarkdown("Braces {{ left open.\n\nNext paragraph }} here.")).toBe("Braces {{ left open.\n\nNext paragraph }} here.");
    });

    it("drops Kramdown attribute lists", () => {
      expect(cleanMarkdown("## Leave {#leave}\n\nA note.\n{: .usa-alert}")).toBe("## Leave\n\nA note.");
    });
  });

  describe("labels", () => {
    it("reads a line of bold text over the rest of its paragraph as that paragraph's label, with a colon", () => {
      expect(cleanMarkdown("1. **Identify unsigned commits**  \n   You have a branch with unsigned commits.\n\n**Rebase**\nRun the rebase.")).toBe(
        "1. **Identify unsigned commits**:\n   You have a branch with unsigned commits.\n\n**Rebase**:\nRun the rebase.",
      );
    });

    it("leaves bold text that ends in punctuation, stands alone or heads a list as it is", () => {
      const markdown = "**Note:**\nKeep it.\n\n**Standing alone**\n\nText.\n\n**Before you start**\n- Mute yourself";
      expect(cleanMarkdown(markdown)).toBe(markdown);
    });
  });

  describe("import statements", () => {
    it("drops a paragraph of import statements from a Markdown page (Docusaurus reads .md as MDX) and keeps a sentence that opens with 'import'", () => {
      const markdown =
        "Other pages:\n\nimport DocCardList from '@theme/DocCardList';\nimport { Tabs } from \"@theme/Tabs\";\n\nimport data from the spreadsheet first.";
      expect(cleanMarkdown(markdown)).toBe("Other pages:\n\nimport data from the spreadsheet first.");
    });
  });

  describe("HTML", () => {
    it("strips HTML comments", () => {
      expect(cleanMarkdown("Before <!-- hidden note --> after\n\n<!--\nmulti-line\n-->\nEnd")).toBe("Before  after\n\nEnd");
    });

    it("turns inline HTML elements into their text", () => {
      expect(cleanMarkdown('See the <a href="https://hr.example.com/chart">leave chart</a>, <strong>today</strong>.')).toBe("See the leave chart, today.");
    });

    it("keeps words apart where block markup inside a line separated them, list items with a semicolon", () => {
      expect(cleanMarkdown("| Data | <ul><li>Automated backups</li><li>PII is avoided</li></ul> |")).toMatch(
        /^\| Data \|\s+Automated backups; PII is avoided\s+\|$/,
      );
      expect(cleanMarkdown("First<p>Second</p>Third")).toBe("First Second Third");
    });

    it("keeps an attribute value holding `>` inside its tag", () => {
      expect(cleanMarkdown('<span title="a > b">Text</span>')).toBe("Text");
    });

    it("parts a table cell's points where two line breaks end one, so they do not run on as one sentence", () => {
      expect(cleanMarkdown("| Scan | Must check the CVE database <br/><br/>Must fail the build. <br><br>Then tell the team |")).toBe(
        "| Scan | Must check the CVE database; Must fail the build. Then tell the team |",
      );
    });

    it("reads a backslash at the end of a line as the line break it is, outside code", () => {
      expect(cleanMarkdown("Request equipment: [https://forms.gle/x](https://forms.gle/x)\\\nAsk first.\n\n```\nC:\\\n```")).toBe(
        "Request equipment: https://forms.gle/x\nAsk first.\n\n```\nC:\\\n```",
      );
    });

    it("turns line breaks into spaces", () => {
      expect(cleanMarkdown("One<br>two<br />three")).toBe("One two three");
    });

    it("drops scripts and styles with their content", () => {
      expect(cleanMarkdown('Text\n\n<script>track("page")</script>\n<style>.x { color: red }</style>\n\nMore')).toBe("Text\n\nMore");
    });

    it("gives a table's rows the outer bars GitHub lets them leave out, so the last row reads as a row, not as prose", () => {
      expect(cleanMarkdown("Talk | Slides\n--- | ---\n| Intro | TBD |\n| Deep dive | [Slides](deep.pdf)\n")).toBe(
        "| Talk | Slides |\n| --- | --- |\n| Intro | TBD |\n| Deep dive | Slides |",
      );
    });

    it("converts an HTML table block into a Markdown table", () => {
      const html =
        '<table>\n  <tr><td><strong>Location</strong></td><td>1800 F St. NW<br>Washington</td></tr>\n  <tr><td>Slack</td><td>{% slack_channel "dc" %}</td></tr>\n</table>';
      expect(cleanMarkdown(html)).toBe("| **Location** | 1800 F St. NW Washington |\n| --- | --- |\n| Slack | #dc |");
    });

    it("keeps headings written in HTML as Markdown headings, for the splitter", () => {
      expect(cleanMarkdown("<h3>Parental leave</h3>\n\nTwelve weeks.")).toBe("### Parental leave\n\nTwelve weeks.");
    });

    it("keeps an e-mail address or URL written as an autolink", () => {
      expect(cleanMarkdown("Write to <people@example.com> or open <https://hr.example.com/>.")).toBe(
        "Write to people@example.com or open https://hr.example.com/.",
      );
    });

    it("decodes character references", () => {
      expect(cleanMarkdown("Travel &amp; leave &mdash; it&#8217;s &lt;easy&gt;")).toBe("Travel & leave — it’s <easy>");
      expect(cleanMarkdown("Cloud &rarr; Portal, Caf&eacute;&nbsp;rules &check; &bogus; AT&T")).toBe("Cloud → Portal, Café rules ✓ &bogus; AT&T");
    });
  });

  describe("links and images", () => {
    it("turns links into their text so URLs do not pollute full-text search", () => {
      expect(cleanMarkdown('Read the [leave policy](https://hr.example.com/leave "Leave") and [FAQ](<faq (old).md>).')).toBe("Read the leave policy and FAQ.");
    });

    it("reads a link whose address opens on the next line as its text", () => {
      expect(cleanMarkdown("Find the roadmap in [ProductBoard](\t\nhttps://pb.example/roadmap).")).toBe("Find the roadmap in ProductBoard.");
    });

    it("ends a sentence once when a link holds the whole sentence, its own stop included", () => {
      expect(cleanMarkdown("[You should follow the guidance for team credentials.](/standards/accounts.html). Ask [HR](hr.md).")).toBe(
        "You should follow the guidance for team credentials. Ask HR.",
      );
    });

    it("handles targets with parentheses and links whose template target was removed", () => {
      expect(cleanMarkdown('[Standards](https://gsa.gov/(it)-standards) and [Travel 101]({% page "/travel-101/" %})')).toBe("Standards and Travel 101");
    });

    it("drops images but keeps their alt text", () => {
      expect(cleanMarkdown("![Leave calendar](/img/calendar.png)\n\n[![Build status](badge.svg)](https://ci.example.com)")).toBe(
        "Leave calendar\n\nBuild status",
      );
    });

    it("drops an image whose alt text is only its file's path, and names an attachment linked by its encoded path by its file", () => {
      const notion = [
        "![Our%20Feedback%20Process%20c40fc80d546045ffb7076797301e81a8/The_Process.png](Our%20Feedback%20Process%20c40fc80d546045ffb7076797301e81a8/The_Process.png)",
        "![Untitled.png](Untitled.png)",
        "[Headspace%20Things%2091db0e80aca9407787ffc55b9e39a62e/Mindfulness(5).pdf](Headspace%20Things%2091db0e80aca9407787ffc55b9e39a62e/Mindfulness(5).pdf)",
      ].join("\n\n");
      expect(cleanMarkdown(`Before.\n\n${notion}\n\nAfter.`)).toBe("Before.\n\nMindfulness(5).pdf\n\nAfter.");
      expect(cleanMarkdown("[Team%20Docs/Onboarding/](Team%20Docs/Onboarding/) and [100%](x)")).toBe("Onboarding and 100%");
    });

    it("runs a definition list's terms into their definitions, each further definition a paragraph of its own", () => {
      expect(cleanMarkdown("Terms we use:\n\nOn call\n: The engineer who answers pages.\n: Rotates weekly.\n: Paid extra.\n\nSEV-1\n: A full outage.")).toBe(
        "Terms we use:\n\n**On call**: The engineer who answers pages.\n\nRotates weekly.\n\nPaid extra.\n\n**SEV-1**: A full outage.",
      );
      const example = "```yaml\nkey\n: value\n```";
      expect(cleanMarkdown(example)).toBe(example);
    });

    it("turns reference links into their text and drops the definitions, keeping a footnote's text at the end", () => {
      expect(cleanMarkdown("See [the policy][policy] and [FAQ][].[^1]\n\n[policy]: https://hr.example.com/policy\n[^1]: Updated in May.")).toBe(
        "See the policy and FAQ.\n\n## Footnotes\n\nUpdated in May.",
      );
    });

    it("turns a bracketed name whose address is defined below into its text, and leaves other brackets as written", () => {
      expect(
        cleanMarkdown("Use [Splunk] or [the  ELK stack], not [draft] tools.\n\n[splunk]: https://splunk.example\n[The ELK stack]: https://elk.example"),
      ).toBe("Use Splunk or the  ELK stack, not [draft] tools.");
      // Also when the address is a site generator's tag.
      expect(cleanMarkdown('Read [the guide].\n\n[the guide]: {% page "/travel/guide/" %}\n[faq]:{% page "/faq/" %}')).toBe("Read the guide.");
      // Also when a code block stands between the name and its definition.
      expect(
        cleanMarkdown(
          "- Write a [good commit message].\n\n[good commit message]: https://git.example\n\n```\ngit commit\n```\n\nWrite a [good commit message].",
        ),
      ).toBe("- Write a good commit message.\n\n```\ngit commit\n```\n\nWrite a good commit message.");
      // And when the name holds inline code, as its definition does.
      expect(cleanMarkdown("Then [use `git rebase` interactively] to squash.\n\n[use `git rebase` interactively]: https://git.example")).toBe(
        "Then use `git rebase` interactively to squash.",
      );
      // And when a colon follows it in a sentence ("[To quote NIST]:"), which only a definition's does at a line's start.
      expect(cleanMarkdown("- Never expire passwords. [To quote NIST]:\n  > Users choose weaker secrets.\n\n[to quote nist]: https://nist.example")).toBe(
        "- Never expire passwords. To quote NIST:\n  > Users choose weaker secrets.",
      );
    });

    it("leaves task list boxes alone", () => {
      expect(cleanMarkdown("- [ ] Book leave\n- [x] Tell your team")).toBe("- [ ] Book leave\n- [x] Tell your team");
    });
  });

  describe("what stays intact", () => {
    it("keeps headings, lists and tables", () => {
      const markdown = "# Leave\n\n## Requesting\n\n- Ask early\n  - two weeks ahead\n1. Open the portal\n\n| Type | Days |\n| --- | --- |\n| Annual | 25 |";
      expect(cleanMarkdown(markdown)).toBe(markdown);
    });

    it("keeps fenced code exactly as written", () => {
      const markdown = '```html\n<a href="{{ url }}">[link](target)</a> <!-- note -->\n```\n\n~~~\n{% include "x.html" %}\n~~~';
      expect(cleanMarkdown(markdown)).toBe(markdown);
    });

    it("keeps blank lines and indentation inside fenced code", () => {
      const markdown = "```python\ndef a():\n    pass\n\n\n    \ndef b():\n    pass\n```";
      expect(cleanMarkdown(markdown)).toBe(markdown);
    });

    it("removes only the raw markers in fenced code, as the rendered page does", () => {
      expect(cleanMarkdown('```\n{% raw %}{% page "/leave/" %}{% endraw %}\n```')).toBe('```\n{% page "/leave/" %}\n```');
    });

    it("keeps inline code exactly as written", () => {
      expect(cleanMarkdown("Run `cf push <app-name>` or use `{% include %}` and `[a](b)`.")).toBe(
        "Run `cf push <app-name>` or use `{% include %}` and `[a](b)`.",
      );
    });

    it("keeps a fence indented inside a list item", () => {
      const markdown = "1. Run:\n\n   ```\n   <br> {{ x }}\n   ```";
      expect(cleanMarkdown(markdown)).toBe(markdown);
    });
  });

  it("leaves out struck-through text, which the page withdraws, with a list item or heading that held nothing else", () => {
    expect(cleanMarkdown("Meets ~~weekly~~ every other week at ~~6pm Pacific~~ 5pm.")).toBe("Meets every other week at 5pm.");
    expect(cleanMarkdown("## ~~Release 1.22~~\n\n- ~~Agenda:~~\n- Release 1.23")).toBe("- Release 1.23");
    expect(cleanMarkdown("About ~5 minutes, or `~~x~~` in code.")).toBe("About ~5 minutes, or `~~x~~` in code.");
    expect(cleanMarkdown("- Agenda\n    - ~~Release 1.22~~ Release 1.23")).toBe("- Agenda\n    - Release 1.23");
  });

  it("collapses the blank lines left behind into one", () => {
    expect(cleanMarkdown("\n\nOne\n\n\n\n{% if x %}\n   \n\nTwo\n\n\n")).toBe("One\n\nTwo");
  });
});

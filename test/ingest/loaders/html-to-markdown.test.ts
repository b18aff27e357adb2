import { describe, expect, it } from "vitest";
import { htmlToMarkdown } from "../../../src/ingest/loaders/html-to-markdown.ts";

describe("htmlToMarkdown", () => {
  it("reads Word's HTML lists (Save as web page, Outlook mail), paragraphs styled mso-list with a typed bullet or number, as lists", () => {
    const item = (level: number, marker: string, text: string) =>
      `<p class=MsoListParagraph style="text-indent:-.25in;mso-list:l0 level${level} lfo1"><![if !supportLists]><span style="font-family:Symbol">` +
      `<span style="mso-list:Ignore">${marker}<span style="font:7.0pt Times">&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>${text}</p>`;
    const html = `<p class=MsoNormal>Bring:</p>${item(1, "·", "Your badge")}${item(2, "o", "the <b>new</b> one")}${item(1, "·", "A laptop")}<p>Then:</p>${item(1, "1.", "Sign in")}${item(1, "2.", "Collect keys")}`;
    expect(htmlToMarkdown(html)).toBe("Bring:\n\n- Your badge\n  - the **new** one\n- A laptop\n\nThen:\n\n1. Sign in\n2. Collect keys");
  });

  it("keeps a word whole when only some of its letters are emphasized, as Word documents do", () => {
    expect(htmlToMarkdown("<p>The quick <strong>fox</strong> j<em>um</em><strong><em>ped</em></strong> over <em>lazy</em> dogs.</p>")).toBe(
      "The quick **fox** jumped over _lazy_ dogs.",
    );
  });

  it("reads a table inside a cell as that cell's text, each inner cell's paragraphs apart", () => {
    const html =
      "<table><tr><th>Field</th><th>Value</th></tr><tr><td>Agency</td><td><table><tr><td><p>Veterans</p><p>Affairs</p></td><td>VN-08 &amp; more</td></tr></table></td></tr></table>";
    expect(htmlToMarkdown(html)).toBe("| Field | Value |\n| --- | --- |\n| Agency | Veterans Affairs; VN-08 & more |");
  });

  it("keeps what a page hides until a click (an accordion's answers), and leaves out hidden elements when asked, as for e-mail", () => {
    const html =
      '<p>Visible.</p><div hidden>Answer shown on click.</div><span style="mso-hide: all">For other mail programs.</span><p style="display:none">Preheader.</p>';
    expect(htmlToMarkdown(html)).toContain("Answer shown on click.");
    expect(htmlToMarkdown(html, { dropHidden: true })).toBe("Visible.");
  });

  it("writes headings as ATX `#` lines", () => {
    expect(htmlToMarkdown("<h1>Leave</h1><h2>Parental leave</h2><p>Twelve weeks.</p>")).toBe("# Leave\n\n## Parental leave\n\nTwelve weeks.");
  });

  it("turns a short paragraph that is bold throughout into a heading one level below the one before it", () => {
    const html = "<h1>Leave</h1><p><strong>Eligibility:</strong></p><p>All staff.</p><h2>Sick leave</h2><p><b>How to request</b></p><p>Ask your manager.</p>";
    expect(htmlToMarkdown(html)).toBe("# Leave\n\n## Eligibility\n\nAll staff.\n\n## Sick leave\n\n### How to request\n\nAsk your manager.");
    expect(htmlToMarkdown("<p><strong>Parental leave</strong></p><p>Sixteen weeks.</p>")).toBe("## Parental leave\n\nSixteen weeks.");
  });

  it("keeps bold words inside a paragraph, and a bold sentence, as emphasis", () => {
    expect(htmlToMarkdown("<p><strong>Note</strong> the office is closed.</p><p><strong>Submit receipts within 30 days.</strong></p>")).toBe(
      "**Note** the office is closed.\n\n**Submit receipts within 30 days.**",
    );
  });

  it("writes bullets with `-` and numbered lists with their numbers", () => {
    expect(htmlToMarkdown('<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul><ol start="3"><li>three</li><li>four</li></ol>')).toBe(
      "- one\n- two\n  - nested\n\n3. three\n4. four",
    );
  });

  it("writes code blocks as fences", () => {
    expect(htmlToMarkdown('<pre><code class="language-sh">npm ci\nnpm start</code></pre>')).toBe("```sh\nnpm ci\nnpm start\n```");
  });

  it("turns links into their text", () => {
    expect(htmlToMarkdown('<p>Use the <a href="https://expenses.example.com/claim?id=1">expenses tool</a>.</p>')).toBe("Use the expenses tool.");
  });

  it("drops images", () => {
    expect(htmlToMarkdown('<p>Receipts <img src="receipt.png" alt="A receipt">matter.</p>')).not.toMatch(/receipt\.png|A receipt/);
  });

  it("joins the items of a list in a table cell with semicolons, or as sentences when they end as ones", () => {
    const html =
      "<table><tr><th>Severity</th><th>Response</th></tr><tr><td>SEV-1</td><td><p>Major incident.</p><ul><li>Page an IC.</li><li>Notify stakeholders.</li></ul></td></tr></table>";
    expect(htmlToMarkdown(html)).toContain("| SEV-1 | Major incident. Page an IC. Notify stakeholders. |");
    const fragments =
      "<table><tr><th>Severity</th><th>Signs</th></tr><tr><td>SEV-2</td><td><ul><li>SLA broken</li><li>Pages delayed,</li><li>Web app slow</li></ul></td></tr></table>";
    expect(htmlToMarkdown(fragments)).toContain("| SEV-2 | SLA broken; Pages delayed; Web app slow |");
  });

  it("keeps a cell's own text that starts like a list item, and ends a list before the paragraph after it", () => {
    const html = "<table><tr><th>Date</th><th>Note</th></tr><tr><td>24. März 2025</td><td><ul><li>SLA broken</li></ul><p>- 5 °C outside</p></td></tr></table>";
    expect(htmlToMarkdown(html)).toContain("| 24. März 2025 | SLA broken. - 5 °C outside |");
  });

  it("writes tables as pipe tables, one row a line", () => {
    const html =
      "<table><thead><tr><th>Country</th><th>Days</th></tr></thead><tbody><tr><td>France | FR</td><td>25<br>working</td></tr><tr><td><p>UK</p><p>GB</p></td><td>28</td></tr></tbody></table>";
    expect(htmlToMarkdown(html)).toBe("| Country | Days |\n| --- | --- |\n| France \\| FR | 25 working |\n| UK GB | 28 |");
  });

  it("writes a heading typed over two lines as one line", () => {
    expect(htmlToMarkdown("<h2>Employee Handbook &amp;<br>Personnel Policy</h2><p>Effective 2007.</p>")).toBe(
      "## Employee Handbook & Personnel Policy\n\nEffective 2007.",
    );
  });

  it("reads a heading or a bold paragraph in a table cell as the cell's text", () => {
    // Word's revision tables set their cells in a heading style; mammoth writes them as <h2> in <td>.
    const html =
      "<table><tr><td><h2><strong>Date of Change</strong></h2></td><td><p><strong>Responsible</strong></p></td></tr><tr><td><h2>June 2014</h2></td><td><h2>David Veksler</h2></td></tr></table>";
    expect(htmlToMarkdown(html)).toBe("| **Date of Change** | **Responsible** |\n| --- | --- |\n| June 2014 | David Veksler |");
  });

  it("removes scripts, styles, navigation, forms, frames and drawings", () => {
    const html = `<nav>Home</nav><script>track()</script><style>p{}</style><noscript>Enable JS</noscript><form><label>Search</label></form>
      <iframe src="x"></iframe><svg><text>Logo</text></svg><aside>Related</aside><p>Content</p>`;
    expect(htmlToMarkdown(html)).toBe("Content");
  });

  it("removes the site's header and footer but keeps an article's own header", () => {
    const html =
      "<header>Example Corp</header><article><header><h1>Expenses</h1></header><p>Claim within 30 days.</p></article><footer>© Example Corp</footer>";
    expect(htmlToMarkdown(html)).toBe("# Expenses\n\nClaim within 30 days.");
  });

  it("leaves text without backslash escapes, except a `#` that would start a heading", () => {
    expect(htmlToMarkdown("<p>Use * and _ in [brackets] - 1. done</p><p># not a heading</p>")).toBe("Use * and _ in [brackets] - 1. done\n\n\\# not a heading");
  });
});

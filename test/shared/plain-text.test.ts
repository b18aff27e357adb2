import { describe, expect, it } from "vitest";
import { plainText } from "../../src/shared/plain-text.ts";

describe("plain text from Markdown", () => {
  it("reads a rule between parts as nothing, not as a list item", () => {
    expect(plainText("Before.\n\n* * *\n\nAfter.\n\n___\n\n- - -\n\nEnd.")).toBe("Before.\n\nAfter.\n\nEnd.");
  });

  it("keeps a list item that is wrapped over several lines as one item", () => {
    const markdown = [
      "Before your last day:",
      "",
      "- Ensure your home address is correct in",
      "  Employee Express and switch your W2 delivery to paper.",
      "- Return your laptop.",
      "",
      "After that, you are done.",
    ].join("\n");
    const text = plainText(markdown);
    expect(text).toContain("\u2022 Ensure your home address is correct in Employee Express and switch your W2 delivery to paper.");
    expect(text).toContain("\u2022 Return your laptop.");
    expect(text).toContain("After that, you are done.");
  });

  it("reads a table row as a sentence, naming its cells by the header when there are more than two columns", () => {
    const text = plainText(
      [
        "| Role | Leave |",
        "| --- | --- |",
        "| Primary caregiver | 16 weeks |",
        "",
        "| City | Meals per day | Lodging |",
        "| :--- | ---: | --- |",
        "| Denver | $74 | $199 |",
        "| Remote |  | $0 |",
        "|  | $80 | $250 |",
      ].join("\n"),
    );
    expect(text).toContain("\u2022 Meals per day $80, Lodging $250.");
    expect(text).toContain("\u2022 Primary caregiver: 16 weeks.");
    expect(text).toContain("\u2022 Denver: Meals per day $74, Lodging $199.");
    expect(text).toContain("\u2022 Remote: Lodging $0.");
    expect(text).not.toMatch(/Role|City:/);
  });

  it("reads each cell of a table whose cells hold prose as a sentence of its own, named by its row and column", () => {
    const text = plainText(
      [
        "| Category | Engineer (L2) | Lead Engineer (L4) |",
        "| --- | --- | --- |",
        "| **Skill** |  |  |",
        "| *Leadership* | Works well with the team and asks for help. | Mentors others. Capable of managing 2-3 engineers. |",
      ].join("\n"),
    );
    expect(text).toContain("\u2022 Leadership, Engineer (L2): Works well with the team and asks for help.\n");
    expect(text).toContain("\u2022 Leadership, Lead Engineer (L4): Mentors others. Capable of managing 2-3 engineers.\n");
    expect(text).not.toContain("Skill");
  });

  it("names a prose cell by its row alone when its column has no header, and keeps a row whose only cell is a sentence", () => {
    const text = plainText(
      [
        "| Category | Engineer (L2) |  |",
        "| --- | --- | --- |",
        "| Scope | Works on one project at a time, with help. | Leads several projects across teams at once. |",
        "| Note: levels are reviewed every year by the whole team. |  |  |",
      ].join("\n"),
    );
    expect(text).toContain("\u2022 Scope: Leads several projects across teams at once.\n");
    expect(text).not.toContain(", :");
    expect(text).toContain("Note: levels are reviewed every year by the whole team.");
  });

  it("reads a block quote as its text: a GitHub alert's marker and the code inside it are left out", () => {
    const text = plainText(
      [
        "> [!NOTE]",
        "> Spending over $300 a night needs approval.",
        ">",
        "> ```sh",
        "> sudo softwareupdate --install-rosetta",
        "> ```",
        "> This may ask for your password.",
      ].join("\n"),
    );
    expect(text).toContain("Spending over $300 a night needs approval.");
    expect(text).toContain("This may ask for your password.");
    expect(text).not.toMatch(/\[!NOTE\]|sudo|```/);
  });

  it("does not join a heading, a table or a new paragraph to the item before it", () => {
    const text = plainText(["- First item", "## Next section", "Body text.", "", "- Second item", "", "A paragraph."].join("\n"));
    expect(text).not.toContain("First item Next section");
    expect(text).toContain("\u2022 Second item");
    expect(text).not.toContain("Second item A paragraph");
    expect(text).toContain("A paragraph.");
  });

  it("drops emphasis marks, also around a sentence wrapped over several lines, and leaves snake_case alone", () => {
    const text = plainText(
      ["_If you have no travel card yet, hotels are charged to", "a personal card._", "", "Set max_retries to *three* in the config file."].join("\n"),
    );
    expect(text).toContain("If you have no travel card yet, hotels are charged to\na personal card.");
    expect(text).not.toMatch(/(^|\s)_If|card\._/);
    expect(text).toContain("Set max_retries to three in the config file.");
  });

  it("drops emphasis marks around a sentence that names something with an underscore", () => {
    expect(plainText("_Tag each ticket sev1_20150911 and sev1._")).toBe("Tag each ticket sev1_20150911 and sev1.");
  });

  it("drops emphasis marks in brackets and quotes too", () => {
    expect(plainText('Pronouns (like _it_, _they_, _this_) are slippery; say "*always*" rather than 2*3*4.')).toBe(
      'Pronouns (like it, they, this) are slippery; say "always" rather than 2*3*4.',
    );
  });

  it("drops emphasis marks after a character the author escaped, as a footnote's mark before its note", () => {
    expect(plainText(["\\*_Please send technical questions to the service desk. Questions", "about cards go to the card team._"].join("\n"))).toBe(
      "*Please send technical questions to the service desk. Questions\nabout cards go to the card team.",
    );
  });

  it("never reads the underscores and asterisks of inline code as emphasis", () => {
    expect(plainText("Call `_load_config` before reading `type_` or `a*b*c`.")).toBe("Call _load_config before reading type_ or a*b*c.");
  });

  it("leaves fenced code out: a diagram's or a script's lines are no sentences", () => {
    const markdown = [
      "This decision tree helps you pick a repository.",
      "",
      "```mermaid",
      "flowchart TD",
      '    Client{"Is it for a client?"}',
      "```",
      "",
      "Ask in #engineering when unsure.",
    ];
    const text = plainText(markdown.join("\n"));
    expect(text).toContain("This decision tree helps you pick a repository.");
    expect(text).toContain("Ask in #engineering when unsure.");
    expect(text).not.toMatch(/flowchart|Client\{|```/);
  });

  it("reads a block quote as the text it quotes: its headings dropped, its list items as items", () => {
    const text = plainText(
      [
        "> From the Office of General Counsel",
        ">",
        "> ### Seeking employment",
        ">",
        "> You are seeking employment if:",
        "> - you are negotiating an offer",
      ].join("\n"),
    );
    expect(text).not.toMatch(/#|>/);
    expect(text).toContain("You are seeking employment if:");
    expect(text).toContain("\u2022 you are negotiating an offer");
  });

  it("reads the one short line of a block that a lead-in introduces as part of the lead-in: a path or a command is what it says", () => {
    const markdown = [
      "By default, user secret files are located in:",
      "",
      "```bash",
      "~/.microsoft/usersecrets/<project_name>/secrets.json",
      "```",
      "",
      "You can edit this file.",
    ];
    expect(plainText(markdown.join("\n"))).toBe(
      "By default, user secret files are located in: ~/.microsoft/usersecrets/<project_name>/secrets.json\n\nYou can edit this file.",
    );
  });

  it("still leaves out a block of several lines after a lead-in, and a line of code that no lead-in introduces", () => {
    expect(plainText(["Configure the agent:", "", "```", "pinentry-program /usr/bin/pinentry", "default-cache-ttl 600", "```"].join("\n"))).toBe(
      "Configure the agent:\n",
    );
    expect(plainText(["The build runs on every push.", "", "```", "npm run build", "```"].join("\n"))).toBe("The build runs on every push.\n");
  });

  it("keeps a code span's backslashes", () => {
    expect(plainText("Run `C:\\Users\\me\\setup.exe` and match `\\d+\\.\\d+`.")).toBe("Run C:\\Users\\me\\setup.exe and match \\d+\\.\\d+.");
  });

  it("keeps characters the author escaped as the characters themselves", () => {
    expect(plainText(String.raw`Ask in \#go for help. \[two weeks later\] It went well \*again\*.`)).toBe(
      "Ask in #go for help. [two weeks later] It went well *again*.",
    );
  });

  it("keeps any escaped punctuation as itself, not only the characters Markdown would read as syntax", () => {
    expect(plainText(String.raw`Q\&A: spend under \$10,000 \= 50\% of the budget, in \"one\" go\/two.`)).toBe(
      'Q&A: spend under $10,000 = 50% of the budget, in "one" go/two.',
    );
  });

  it("drops both markers of a numbered heading exported as a bullet", () => {
    expect(plainText("- 1. Compliance Measurement")).toBe("\n\u2022 Compliance Measurement\n");
  });

  it("drops a checklist item's box, ticked or not", () => {
    expect(plainText("- [ ] Add an MIT licence\n- [x] Make the repo public")).toBe("\n\u2022 Add an MIT licence\n\n\u2022 Make the repo public\n");
  });

  it("reads a bold run-in heading as the label of its paragraph, and a bold sentence as a sentence", () => {
    expect(plainText("**Official Holidays.** The City observes the holidays listed below.")).toBe(
      "Official Holidays: The City observes the holidays listed below.",
    );
    expect(plainText("__Frivolous Appeals.__ An unreasonable number of appeals is rejected.")).toBe(
      "Frivolous Appeals: An unreasonable number of appeals is rejected.",
    );
    expect(plainText("**Never share passwords.** Use the password manager.")).toBe("Never share passwords. Use the password manager.");
  });

  it("drops an FAQ answer's 'A:' label and keeps its question", () => {
    expect(plainText("Q: Is the balance score shared?\n\n**A:** The Balance Score is mostly for yourself.")).toBe(
      "Q: Is the balance score shared?\n\nThe Balance Score is mostly for yourself.",
    );
  });
});

import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/shared/split-sentences.ts";

describe("splitting prose into sentences", () => {
  it("ends a sentence at its full stop, keeping its citation markers with it", () => {
    expect(splitSentences("Details last 120 days. [1] They can be extended once [2]. Ask PeopleOps.")).toEqual([
      "Details last 120 days. [1]",
      "They can be extended once [2].",
      "Ask PeopleOps.",
    ]);
  });

  it("does not end a sentence at an abbreviation, an initial or a decimal point", () => {
    expect(splitSentences("Bring e.g. a badge. The John C. Kluczynski building is on Dearborn. Awards reach 3.85% of pay.")).toEqual([
      "Bring e.g. a badge.",
      "The John C. Kluczynski building is on Dearborn.",
      "Awards reach 3.85% of pay.",
    ]);
  });

  it("reads on past what is only ever followed by more of its sentence: references to figures, citations, addresses and dates", () => {
    expect(
      splitSentences(
        "Devlin et al. (2019) trained on masked tokens. As Fig. 3 and Tab. 2 show, see Sec. 4 and Eq. 5. Write to 1800 F Street NW, Washington, D.C. 20405. Apply by Jan. 15 each year. Come at 5 p.m. Tomorrow works too. The office is on Main St. The entrance is at the back, as Smith et al. found.",
      ),
    ).toEqual([
      "Devlin et al. (2019) trained on masked tokens.",
      "As Fig. 3 and Tab. 2 show, see Sec. 4 and Eq. 5.",
      "Write to 1800 F Street NW, Washington, D.C. 20405.",
      "Apply by Jan. 15 each year.",
      "Come at 5 p.m.",
      "Tomorrow works too.",
      "The office is on Main St.",
      "The entrance is at the back, as Smith et al. found.",
    ]);
  });

  it("reads on past an initialism or a name's suffix followed by more of the name, and ends a sentence after one before a word that opens sentences", () => {
    expect(
      splitSentences(
        "2015: 18F creates the U.S. Web Design System (USWDS). Ask the U.S. Department of Labor. We work in the U.S. The team is remote. Write to 1800 F St. NW, Washington. Martin Luther King Jr. Day is a holiday. The office is on Main St. The entrance is at the back.",
      ),
    ).toEqual([
      "2015: 18F creates the U.S. Web Design System (USWDS).",
      "Ask the U.S. Department of Labor.",
      "We work in the U.S.",
      "The team is remote.",
      "Write to 1800 F St. NW, Washington.",
      "Martin Luther King Jr. Day is a holiday.",
      "The office is on Main St.",
      "The entrance is at the back.",
    ]);
  });

  it("reads on past a time's a.m. or p.m. followed by its time zone", () => {
    expect(
      splitSentences(
        "The helpdesk is open 9:00 a.m. - 5:00 p.m. EST. Expect a reply the next day. Calls end at 4 p.m. PT on Fridays. Come at 9 a.m. IT opens then. Standup is at 11:45 a.m. Eastern on Mondays.",
      ),
    ).toEqual([
      "The helpdesk is open 9:00 a.m. - 5:00 p.m. EST.",
      "Expect a reply the next day.",
      "Calls end at 4 p.m. PT on Fridays.",
      "Come at 9 a.m.",
      "IT opens then.",
      "Standup is at 11:45 a.m. Eastern on Mondays.",
    ]);
  });

  it("reads on past a time's a.m. or p.m. followed by its day", () => {
    expect(
      splitSentences("The workweek is 12:01 a.m. Sunday through midnight Saturday. Doors open at 9 a.m. Please be on time. We close at 5 p.m. Friday."),
    ).toEqual(["The workweek is 12:01 a.m. Sunday through midnight Saturday.", "Doors open at 9 a.m.", "Please be on time.", "We close at 5 p.m. Friday."]);
  });

  it("keeps the sentences a parenthesis holds together, and ends a sentence after its closing bracket", () => {
    expect(splitSentences("(Holidays as the team observes them. Missing one? Write to us.) Ask your manager. A (stray bracket. Not closed.")).toEqual([
      "(Holidays as the team observes them. Missing one? Write to us.)",
      "Ask your manager.",
      "A (stray bracket.",
      "Not closed.",
    ]);
  });

  it("keeps a bracketed label after a sentence with it, as a link's text left behind says nothing alone", () => {
    expect(splitSentences('Usability testing is defined as "asking users to perform tasks." (Citation)\n\nAsk us. (See the guidance.)')).toEqual([
      'Usability testing is defined as "asking users to perform tasks." (Citation)',
      "Ask us.",
      "(See the guidance.)",
    ]);
    expect(splitSentences('Testing is defined as "asking users." (Citation) [1] Agency staff may ask. [1]')).toEqual([
      'Testing is defined as "asking users." (Citation) [1]',
      "Agency staff may ask. [1]",
    ]);
  });

  it("ends a sentence after a lone capital that is no initial, and at a question or exclamation mark", () => {
    expect(splitSentences("We fall back to plan B. The team agrees. Am I? Yes. Which one, A or B? Pick one. We work in the U.S. The team is remote.")).toEqual([
      "We fall back to plan B.",
      "The team agrees.",
      "Am I?",
      "Yes.",
      "Which one, A or B?",
      "Pick one.",
      "We work in the U.S.",
      "The team is remote.",
    ]);
  });
});

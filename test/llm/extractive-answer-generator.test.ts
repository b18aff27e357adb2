import { describe, expect, it } from "vitest";
import { joinPassages, type SourcePassage } from "../../src/llm/answer-generator.ts";
import { createExtractiveAnswerGenerator } from "../../src/llm/extractive-answer-generator.ts";
import { createLocalEmbedder } from "../../src/llm/local-embedder.ts";
import { silentLogger } from "../../src/logger.ts";

const passage = (n: number, title: string, text: string, heading: string | null = null): SourcePassage => ({ n, title, heading, text, updatedAt: 0 });
const answer = (question: string, passages: SourcePassage[]) =>
  createExtractiveAnswerGenerator().generate({ question, query: question, history: [], passages });

const LEAVE = passage(
  1,
  "Parental leave",
  [
    "Fernhill supports new parents.",
    "Primary caregivers get 16 weeks of paid parental leave. The leave must start within a year of the birth or adoption, and it can be split into two blocks.",
    "To travel abroad during your leave, see Working from abroad below.",
    "Tell your manager at least four weeks before the leave starts.",
  ].join("\n\n"),
  "How much",
);

describe("the extractive answer", () => {
  it("reads on from the best sentence in document order, so a rule keeps its condition", async () => {
    const text = await answer("how many weeks of parental leave does a primary caregiver get?", [LEAVE]);
    const weeks = text.indexOf("Primary caregivers get 16 weeks");
    const condition = text.indexOf("The leave must start within a year");
    expect(weeks).toBeGreaterThanOrEqual(0);
    expect(condition).toBeGreaterThan(weeks);
    expect(text).toMatch(/\[1\]$/);
  });

  it("quotes the passage from its opening, and puts the sentence that matches best first when the opening does not reach it", async () => {
    const remote = passage(
      1,
      "Remote work",
      [
        "Fernhill is a remote-first company and most teams work across several time zones.",
        "Your manager agrees your core hours with you when you join, and the team calendar shows them.",
        "Home office equipment is ordered through the IT portal and shipped to your address within two weeks.",
        "Expenses for internet and electricity at home are reimbursed monthly up to a fixed amount per person.",
        "Coworking spaces may be booked for up to three days a week when a quiet place at home is hard to find.",
        "The security team reviews every laptop once a year and replaces it after four years of regular use.",
        "Questions about any of this go to the people team, who answer in the shared channel within a day.",
        "Teams meet in person twice a year; travel to these weeks is booked by the office team for everyone.",
        "Working from another country is allowed for up to 30 days a year, after a check with the tax team.",
      ].join(" "),
    );
    const text = await answer("can I work from another country for a while?", [remote]);
    expect(text).toMatch(
      /^Working from another country is allowed for up to 30 days a year, after a check with the tax team\. \[1\] Fernhill is a remote-first company/,
    );
    // The opening is cut short to leave room for the sentence the question is about.
    expect(text).not.toMatch(/Teams meet in person/);
    expect(text.length).toBeLessThanOrEqual(800);
  });

  it("leaves out a reference to text it does not quote", async () => {
    const text = await answer("how many weeks of parental leave does a primary caregiver get?", [LEAVE]);
    expect(text).not.toMatch(/see Working from abroad below/);
    const policy = passage(1, "Timekeeping", "Our full timekeeping policy is below for reference.\n\nTimesheets are due by 10 AM on the next business day.");
    const due = await answer("when are timesheets due?", [policy]);
    expect(due).toBe("Timesheets are due by 10 AM on the next business day. [1]");
    // A policy template's "Overview" that only points to the next section.
    const standard = passage(
      1,
      "Wireless Communication Standard",
      "## Overview\n\nSee Purpose.\n\n## Purpose\n\nThis standard specifies the requirements wireless devices must meet to connect to the network.",
    );
    expect(await answer("what do wireless devices need to connect to the network?", [standard])).toBe(
      "This standard specifies the requirements wireless devices must meet to connect to the network. [1]",
    );
    // One that names no section of the page is an instruction, and stays.
    const loaner = passage(1, "Laptops", "## Loaners\n\nSee IT Support.\n\nThis laptop policy covers loaner laptops for staff whose own is in repair.");
    expect(await answer("can I get a loaner laptop?", [loaner])).toMatch(/^See IT Support\. \[1\] This laptop policy/);
  });

  it("keeps a lead-in together with the list it introduces", async () => {
    const receipts = passage(
      1,
      "Expenses",
      "Keep a receipt for the following expenses:\n\n- hotel stays\n- flights over 75 dollars\n- rental cars\n\nSubmit them within 30 days.",
    );
    const text = await answer("which expenses need a receipt?", [receipts]);
    expect(text).toMatch(/Keep a receipt for the following expenses: hotel stays; flights over 75 dollars; rental cars/);
    // A sentence the list finishes introduces it too; an item without a stop introduces nothing.
    const incidents = passage(
      1,
      "Incidents",
      "Incidents worth reporting will include\n\n- a site not responding\n- exposed user credentials\n\nSupported browsers:\n\n- Firefox with no stop\n- Safari",
    );
    expect(await answer("which incidents are worth reporting?", [incidents])).toContain(
      "Incidents worth reporting will include: a site not responding; exposed user credentials. [1]",
    );
    expect(await answer("which browsers are supported?", [incidents])).toContain("Supported browsers: Firefox with no stop; Safari. [1]");
  });

  it("joins list items without their own trailing commas and 'and'", async () => {
    const codes = passage(
      1,
      "Timesheet codes",
      "Use #670 for any absence under 3 weeks, including:\n\n- Federal holidays,\n- Vacations,\n- Jury leave, and\n- Bereavement.",
    );
    const text = await answer("which code for vacations and holidays?", [codes]);
    expect(text).toContain("including: Federal holidays; Vacations; Jury leave; Bereavement.");
    // An item that introduces the items nested under it goes on into them.
    const notice = passage(
      1,
      "Requests",
      "Submit a request this far ahead:\n\n- Five days in advance for:\n  - training under $2,500\n- Three weeks in advance for:\n  - conferences over $2,500",
    );
    expect(await answer("how far ahead do I request conference training?", [notice])).toContain(
      "Submit a request this far ahead: Five days in advance for: training under $2,500; Three weeks in advance for: conferences over $2,500.",
    );
    const desk = passage(
      1,
      "Desk set-up",
      "### Desk items\n\nThe desk budget covers these. Ask #finance about anything else.\n\n- Monitor\n- Keyboard\n- Ergonomic chair\n- Desk",
    );
    const items = await answer("does the desk budget cover a chair?", [desk]);
    expect(items).toContain("Monitor; Keyboard; Ergonomic chair; Desk. [1]");
    expect(items.match(/\[1\]/g)).toHaveLength(3);
    // A word processor's list typed without bullets: a paragraph per holiday.
    const holidays = passage(
      1,
      "Employee Handbook",
      [
        "**Official Holidays.** The City observes the holidays listed below, plus one personal holiday. A holiday on a Sunday is observed on the Monday following.",
        "New Year's Day (January 1)",
        "Good Friday",
        "Independence Day (July 4)",
        "Thanksgiving (fourth Thursday in November)",
      ].join("\n\n"),
    );
    expect(await answer("which holidays does the City observe?", [holidays])).toBe(
      "Official Holidays: The City observes the holidays listed below, plus one personal holiday. [1] A holiday on a Sunday is observed on the Monday following. [1] " +
        "New Year's Day (January 1); Good Friday; Independence Day (July 4); Thanksgiving (fourth Thursday in November) [1]",
    );
    // After a lead-in, a line without a stop is an item however long; a form's empty fields are no sentences.
    const wireless = passage(
      1,
      "Wireless Communication Standard",
      [
        "Home wireless devices that connect to the network must adhere to the following:",
        "Enable WiFi Protected Access Pre-shared Key (WPA-PSK), EAP-FAST, PEAP, or EAP-TLS",
        "When enabling WPA-PSK, configure a complex shared secret key (at least 20 characters) on the client and the access point",
        "YOUR CONTACT DETAILS:",
        "Name:",
        "Phone number:",
        "Emergency Contact :",
      ].join("\n\n"),
    );
    expect(await answer("how long must the WPA-PSK shared secret key of home wireless devices be?", [wireless])).toBe(
      "Home wireless devices that connect to the network must adhere to the following: Enable WiFi Protected Access Pre-shared Key (WPA-PSK), EAP-FAST, PEAP, or EAP-TLS; " +
        "When enabling WPA-PSK, configure a complex shared secret key (at least 20 characters) on the client and the access point. [1]",
    );
    // A heading typed as a line of its own labels the paragraph under it; last in the passage, it is left out.
    const leave = passage(
      1,
      "Employment contract",
      [
        "PUBLIC HOLIDAYS",
        "You may be reasonably required to work on a public holiday, with advance notice.",
        "PERSONAL LEAVE",
        "Full time employees accrue ten days of paid personal leave for each year of service.",
        "Compassionate Leave",
      ].join("\n\n"),
    );
    expect(await answer("how much paid personal leave do full time employees accrue?", [leave])).toBe(
      "PUBLIC HOLIDAYS: You may be reasonably required to work on a public holiday, with advance notice. [1] " +
        "PERSONAL LEAVE: Full time employees accrue ten days of paid personal leave for each year of service. [1]",
    );
    const eligibility = passage(
      1,
      "Parental leave",
      "Teammates are eligible for parental leave if:\n\n- They work full-time;\n- They became parents; and\n- They are in good standing",
    );
    expect(await answer("who is eligible for parental leave?", [eligibility])).toContain(
      "if: They work full-time; They became parents; They are in good standing.",
    );
    const questions = passage(
      1,
      "Staffing",
      "When staffing a project, we consider:\n\n- Does the skill set match?\n- Is the person interested in the project?",
    );
    expect(await answer("what do we consider when staffing a project?", [questions])).toContain(
      "Does the skill set match?; Is the person interested in the project? [1]",
    );
  });

  it("quotes a long list's lead-in with the items that fit, and a later item by itself", async () => {
    const items = [
      "Laptops are replaced every four years, or sooner when a repair would cost more than half a new one",
      "Monitors, keyboards and headsets are ordered through the IT portal and shipped to your home address",
      "Software licences are requested in the help desk channel and approved by your manager the same week",
      "Phones are not provided; a monthly allowance covers the business share of your personal phone plan",
      "Printers and other peripherals for the home office are covered up to the yearly equipment budget",
      "Broken equipment is reported in the help desk channel and swapped within five working days",
      "Equipment is returned by courier within two weeks of your last day, at the company's cost",
    ];
    const equipment = passage(1, "Equipment", `What the company provides:\n\n${items.map((item) => `- ${item}.`).join("\n")}`);
    const early = await answer("how often are laptops replaced?", [equipment]);
    expect(early).toMatch(/^What the company provides: Laptops are replaced every four years/);
    const late = await answer("how do I return my equipment after my last day?", [equipment]);
    expect(late).toMatch(/Equipment is returned by courier within two weeks of your last day, at the company's cost\. \[1\]/);
    for (const text of [early, late]) expect(text).not.toMatch(/\u2022|:\./);
  });

  it("cites every sentence, also the sentences inside a quoted list item", async () => {
    const perDiem = passage(
      1,
      "Per diem",
      "A few things to remember:\n\n- The per diem depends on where you travel. If you spend less, you keep the difference.\n- No receipts are needed for meals.",
    );
    const text = await answer("do I keep the per diem I don't spend?", [perDiem]);
    expect(text).toMatch(/where you travel\. \[1\] If you spend less, you keep the difference/);
    for (const sentence of text.split(/(?<=\])\s+/)) expect(sentence).toMatch(/\[1\]$/);
  });

  it("matches a list item or a table cell as a whole, so a sentence of it is found by words its first sentence names", async () => {
    const ladder = passage(
      1,
      "Titles for operations",
      [
        "| Category | SRE (L2) | Lead SRE (L4) |",
        "| --- | --- | --- |",
        ...["Mastery", "Judgment", "Planning", "Communication"].map(
          (row) =>
            `| ${row} | Meets the team's expectations for ${row.toLowerCase()} on routine work. | Sets the team's expectations for ${row.toLowerCase()} across the company. |`,
        ),
        "| Leadership | Builds strong relationships within the team. Shares what they learn. | Acts as a mentor and coach to others. Capable of managing 2-3 SREs. |",
        "| Scope | Works on projects with some oversight from others. | Runs large projects across several teams. |",
      ].join("\n"),
    );
    const text = await answer("how many people can a lead SRE manage?", [ladder]);
    expect(text).toMatch(/^Leadership, Lead SRE \(L4\): Acts as a mentor and coach to others\. \[1\] Capable of managing 2-3 SREs\. \[1\] Mastery, SRE \(L2\)/);
  });

  it("asked what something is, quotes the sentence that says so, even from a passage of its page that ranked lower", async () => {
    const hokusai = passage(
      1,
      "Hokusai",
      joinPassages([
        "Configure Hokusai with the global config file. Hokusai reads it on every run, and Hokusai checks its version.",
        "Hokusai is a CLI tool for managing applications that run on Kubernetes. This page covers how we use it.",
      ]),
    );
    const text = await answer("what's hokusai?", [hokusai]);
    expect(text).toMatch(/^Hokusai is a CLI tool for managing applications that run on Kubernetes\. \[1\] This page covers how we use it\. \[1\]$/);
  });

  it("quotes the page's next passage when it matches the question clearly better than the best one", async () => {
    const timeOff = passage(
      1,
      "Time off",
      joinPassages([
        "Summer Fridays: we work 4-day weeks from May to August, and the office closes early.",
        "Everyone gets 20 days of vacation every year, plus local holidays.",
      ]),
    );
    const text = await answer("how many vacation days do we get?", [timeOff]);
    expect(text).toMatch(/^Everyone gets 20 days of vacation every year, plus local holidays\. \[1\]/);
  });

  it("still prefers the best passage's sentence to one of the page's next passage that matches only a little better", async () => {
    const leave = passage(1, "Leave", joinPassages(["Paid parental leave is 12 weeks.", "New parents request paid parental leave in Workday."]));
    const text = await answer("how long is paid parental leave for new parents?", [leave]);
    expect(text).toMatch(/^Paid parental leave is 12 weeks\. \[1\]/);
  });

  it("never adds a sentence from a page that matches much worse to fill space", async () => {
    const unrelated = passage(2, "Office", "The office wifi password rotates every month; ask reception for this month's password.");
    const text = await answer("how many weeks of parental leave does a primary caregiver get?", [LEAVE, unrelated]);
    expect(text).not.toMatch(/\[2\]/);
  });

  describe("a second point of the same page", () => {
    const leaving = (last: string) =>
      passage(
        1,
        "Leaving Fernhill",
        [
          "This page covers what happens when your time at Fernhill ends.",
          "Start the offboarding checklist at least two weeks before your last day.",
          "The people team books an exit conversation with you in your final month.",
          "Return your laptop, badge and any other equipment to the office team before you go.",
          "Your accounts are closed in the evening of your last day, so save what you need early.",
          "Colleagues usually organise a farewell lunch for you in your last week at the company.",
          "Write handover notes for the projects you lead and share them with your manager.",
          "Expense claims must be filed before your final week, with their receipts attached and approved by your manager, so that the finance team can still pay them with the salary of your last month.",
          last,
        ].join("\n\n"),
      );
    const withoutMarkers = (text: string) => text.replace(/ \[\d+\]/g, "");

    it("joins the quote when it matches the question nearly as well as the best sentence, in place of the opening's least fitting sentences", async () => {
      const text = await answer("when do I start offboarding, and is leave paid?", [
        leaving(
          "Unused leave is paid out with your final salary; leave taken beyond your allowance for the year is deducted from it, as your contract says, and the people team sends you both figures in your last week.",
        ),
      ]);
      expect(text).toMatch(/^This page covers what happens.*Start the offboarding checklist at least two weeks before your last day\. \[1\]/);
      expect(text).toMatch(/Unused leave is paid out with your final salary; .* both figures in your last week\. \[1\]$/);
      expect(withoutMarkers(text).length).toBeLessThanOrEqual(900);
      expect(text).not.toMatch(/Expense claims/);
    });

    it("of those that match nearly as well, is the one that states the quantity a question asks for", async () => {
      const sickLeave = passage(
        1,
        "Absence",
        [
          "Sick days carry over from one year to the next, up to 10 of them.",
          "Tell your manager on the morning you are unwell, by phone or in the team channel.",
          "A note from a doctor is needed only after a full working week away from work.",
          "The people team records your absence in the HR portal and follows up with you.",
          "Longer absences are planned with occupational health and your manager together.",
          "Your manager may suggest a phased return when you come back after a long absence.",
          "Questions about absence go to the people team in its channel on the chat tool.",
          "Appointments with a dentist or an optician are booked outside core hours where possible.",
          "Unused sick days carry over automatically into the new year.",
          "You may carry over twenty sick days in any year.",
        ].join("\n\n"),
      );
      const text = await answer("how many sick days can I carry over each year?", [sickLeave]);
      expect(text).toMatch(/^Sick days carry over from one year to the next, up to 10 of them\. \[1\]/);
      expect(text).toMatch(/You may carry over twenty sick days in any year\. \[1\]$/);
      expect(text).not.toMatch(/automatically/);
    });

    it("stays out when it matches clearly worse", async () => {
      const text = await answer("when do I start offboarding?", [leaving("Offboarding questions go to the people team in its channel.")]);
      expect(text).toMatch(/Start the offboarding checklist/);
      expect(text).not.toMatch(/Offboarding questions go to the people team/);
    });
  });

  describe("a message that asks two things", () => {
    const leaving = passage(
      1,
      "Leaving Fernhill",
      [
        "Start the offboarding checklist at least two weeks before your last day.",
        "The people team books an exit conversation with you in your final month.",
        "Your accounts are closed in the evening of your last day, so save what you need early.",
        "Colleagues usually organise a farewell lunch for you in your last week at the company.",
        "Write handover notes for the projects you lead and share them with your manager.",
        "Expense claims are filed before your final week, with their receipts attached and approved by your manager.",
        "Your final payslip arrives with the usual payroll run, together with a statement of your pension.",
        "A reference letter can be requested from the people team at any time after you have left.",
        "Alumni are welcome at the summer party, and the invitation goes to your private address.",
        "Hand your laptop to the office team on your last afternoon.",
        "Every request to the people team is answered within three working days.",
      ].join("\n\n"),
    );

    it("is answered on both, with the sentence that best answers the second however far down its page", async () => {
      const text = await answer("when do I start offboarding, and where does my laptop go?", [leaving]);
      expect(text).toMatch(/^Start the offboarding checklist at least two weeks before your last day\. \[1\]/);
      expect(text).toMatch(/Hand your laptop to the office team on your last afternoon\. \[1\]$/);
      expect(text.replace(/ \[\d+\]/g, "").length).toBeLessThanOrEqual(900);
      // Asked one thing, the answer stays with it.
      expect(await answer("when do I start offboarding?", [leaving])).not.toMatch(/your laptop/);
    });

    it("answers the second with the list its sentence's paragraph introduces, not with the sentence alone", async () => {
      // The page's second passage, joined to its first: the opening read on does not reach it.
      const advance = passage(
        1,
        "Advance sick leave",
        joinPassages([
          [
            "You can borrow up to 240 hours of sick leave in advance when your own sick leave has run out.",
            "A term employee can borrow only as many hours as they will earn before their term ends.",
            "For example, with one year left on your term you will earn 104 more hours, so you can borrow up to 104 hours.",
            "Advance leave is paid back from the sick leave you earn after you return, a few hours each pay period.",
          ].join("\n\n"),
          [
            "## Getting approval",
            "To get approval, you will need to submit the following paperwork to your manager and to the people team. Note: we suggest drafting all four documents before anyone signs them.",
            "- The advance sick leave request form, which your manager can route for you.",
            "- A medical certificate signed by your doctor.",
            "- Your timesheet reports for this year and the year before.",
            "- A short written explanation of why your sick leave ran out, with the hours you ask for.",
            "Your manager keeps signed copies of everything for their records.",
          ].join("\n\n"),
        ]),
      );
      const text = await answer("can I borrow sick hours I haven't earned yet? how many, and what paperwork do I need?", [advance]);
      expect(text).toMatch(/^You can borrow up to 240 hours of sick leave in advance/);
      expect(text).toMatch(
        /you will need to submit the following paperwork to your manager and to the people team\. \[1\] Note: we suggest drafting all four documents before anyone signs them\. \[1\] The advance sick leave request form/,
      );
      for (const item of ["A medical certificate signed by your doctor", "Your timesheet reports", "A short written explanation"]) expect(text).toContain(item);
      expect(text.replace(/ \[\d+\]/g, "").length).toBeLessThanOrEqual(900);
    });

    it("by meaning, answers a second question that shares no word with its answer with the quantity it asks for", async () => {
      const generate = (question: string) =>
        createExtractiveAnswerGenerator({ embedder: createLocalEmbedder() }).generate({ question, query: question, history: [], passages: [leaving] });
      const text = await generate("when do I start offboarding, and how long until I hear back from the people team?");
      expect(text).toMatch(/Every request to the people team is answered within three working days\. \[1\]/);
    });

    it("by meaning, answers how often only with a sentence that states a frequency, not with one of its topic that states a number", async () => {
      const debt = passage(
        1,
        "Technical debt",
        [
          "Classifying tech debt uses two factors: the impact of its consequences and the effort needed to remove its cause.",
          "Examples of tech debt consequences are slow builds, flaky tests, outdated libraries and manual release steps.",
          "Each item of tech debt gets a short title, a description of its consequences and a link to the code involved.",
          "Tech debt that blocks a release is raised at the next planning meeting rather than waiting in the list.",
          "Paying down debt is planned into every sprint alongside feature work, and the team agrees how much.",
          "Record every item of debt in the work tracker your team already uses for its stories and bugs.",
          "The technical lead goes through the items on a fortnightly basis and agrees their ratings with the team.",
        ].join("\n\n"),
      );
      const question = "how often is the tech debt list reviewed, and who owns that job?";
      const text = await createExtractiveAnswerGenerator({ embedder: createLocalEmbedder() }).generate({
        question,
        query: question,
        history: [],
        passages: [debt],
      });
      expect(text).toMatch(/^Classifying tech debt uses two factors/);
      expect(text).toMatch(/The technical lead goes through the items on a fortnightly basis and agrees their ratings with the team\. \[1\]/);
    });
  });

  it("reads a unit of time abbreviated after a number as the word a page writes: 40 min is 40 minutes", async () => {
    const accounts = passage(1, "Meeting accounts", "Free accounts end a meeting after 40 minutes, so ask someone with a paid account to host a longer one.");
    const connection = passage(2, "Connection problems", "If calls keep cutting out, close other apps to free up your bandwidth.");
    const text = await answer("my calls keep cutting off at 40 min, how do I get around that?", [accounts, connection]);
    expect(text).toBe("Free accounts end a meeting after 40 minutes, so ask someone with a paid account to host a longer one. [1]");
  });

  it("quotes one source: a sentence of another that shares the question's words but not its topic is not added", async () => {
    const software = passage(1, "Software", "Request an IDE license through an IT ticket and your manager approves it.");
    const health = passage(2, "Health and safety", "The company does not pay for prescription drugs unless a licensed physician prescribed them.");
    const text = await answer("can the company pay for my IDE license?", [software, health]);
    expect(text).toMatch(/IDE license.*\[1\]/);
    expect(text).not.toMatch(/\[2\]|physician/);
  });

  it("goes on with the section a pointer names, and only with that section", async () => {
    const page = passage(
      1,
      "Remote work",
      [
        "## Changing your arrangement",
        'Talk to your manager first. Moving to another country is a different matter; see "Working from abroad" below.',
        "## Core hours",
        "Everyone is online from 10:00 to 15:00 in their own time zone.",
        "## Working from abroad",
        "You may work from a country other than your own for up to 30 working days a year.",
        "## Equipment",
        "Order a laptop stand through the IT portal.",
      ].join("\n\n"),
    );
    const text = await answer("can I move to another country?", [page]);
    expect(text).toMatch(/see "Working from abroad" below\. \[1\] You may work from a country other than your own/);
    expect(text).not.toMatch(/Core hours|10:00|laptop stand/);
    expect(text.match(/Moving to another country/g)).toHaveLength(1);
  });

  it("takes a sentence that merely starts like a heading's name for no pointer", async () => {
    const page = passage(
      1,
      "Leave",
      [
        "## Leave",
        "Employees earn four hours of annual leave each pay period.",
        "## Balances",
        "You can check leave balances in Workday under the Time tab.",
      ].join("\n\n"),
    );
    const text = await answer("where can I check my leave balances?", [page]);
    expect(text.match(/You can check leave balances/g)).toHaveLength(1);
  });

  it("quotes an FAQ's answer with the question heading it, and leaves other headings out", async () => {
    const faq = passage(
      1,
      "Cycle to work",
      [
        "## How it works",
        "The scheme is run via salary sacrifice over 12 months.",
        "### Is CycleScheme the only provider?",
        "Yes, as of December 2022.",
        "### 3. What is the maximum value I can apply for?",
        "The maximum value you can apply for is £2500.",
      ].join("\n\n"),
    );
    const text = await answer("what's the maximum I can spend on a bike through the scheme?", [faq]);
    expect(text).toContain("What is the maximum value I can apply for? [1] The maximum value you can apply for is £2500. [1]");
    expect(text).toContain("Is CycleScheme the only provider? [1] Yes, as of December 2022. [1]");
    expect(text).not.toContain("How it works");
    // A numbered question is quoted without its number.
    expect(text).not.toMatch(/\u2022|3\. What/);
  });

  it("quotes the path or command a lead-in introduces in a block of its own", async () => {
    const secrets = passage(
      1,
      "User secrets",
      "By default, user secret files are located in:\n\n```bash\n~/.microsoft/usersecrets/<project_name>/secrets.json\n```\n\nYou can edit this file directly.",
    );
    const question = "where are user secret files stored?";
    const text = await createExtractiveAnswerGenerator().generate({ question, query: question, history: [], passages: [secrets] });
    expect(text).toContain("By default, user secret files are located in: ~/.microsoft/usersecrets/<project_name>/secrets.json. [1]");
  });

  describe("asked for a quantity", () => {
    const filler = [
      "Fernhill wants everyone to keep growing in their role, and most teams set aside an afternoon a fortnight for it.",
      "Ask your manager and your team's lead which skills would help the team most over the coming months.",
      "Share what you learned at the next team meeting, so that the whole team gains from it as well.",
    ];
    const learning = passage(
      1,
      "Growing at Fernhill",
      [
        filler.join(" "),
        "The learning budget covers courses, books and conferences.",
        filler.join(" "),
        "The learning budget is two thousand pounds a year.",
      ].join("\n\n"),
    );

    it("anchors on the sentence that states one, over one that shares the question's words as well", async () => {
      expect(await answer("how much is the learning budget?", [learning])).toMatch(/^The learning budget is two thousand pounds a year\. \[1\]/);
      const cover = await answer("what does the learning budget cover?", [learning]);
      expect(cover).toContain("The learning budget covers courses, books and conferences. [1]");
      expect(cover).not.toContain("two thousand pounds");
    });

    it("says nothing when what it would quote by meaning states none: the sources are about the topic, not the figure", async () => {
      const bereavement = passage(
        1,
        "Bereavement",
        "Bereavement leave is agreed with your manager. Talk to your manager about the leave you need when a family member passes away.",
      );
      const generate = (question: string, embedder: ReturnType<typeof createLocalEmbedder> | null) =>
        createExtractiveAnswerGenerator({ embedder }).generate({ question, query: question, history: [], passages: [bereavement] });
      expect(await generate("how many days of bereavement leave do we get?", createLocalEmbedder())).toBe("");
      expect(await generate("who agrees bereavement leave?", createLocalEmbedder())).toMatch(/^Bereavement leave is agreed with your manager\. \[1\]/);
      // Chosen by words alone, the quote misses the sentence that states the figure too often to decline for it.
      expect(await generate("how many days of bereavement leave do we get?", null)).toMatch(/^Bereavement leave is agreed with your manager\. \[1\]/);
    }, 60_000);

    it("quotes the sentence that states it, from another source, when that matches nearly as well as the quote that states none", async () => {
      const question = "how often does the incident review meeting happen?";
      const passages = (strength: number) => [
        passage(1, "Incident reviews", "The incident review meeting looks back at what happened during an incident and what we learn from it."),
        { ...passage(2, "Team calendar", "Our calendar lists recurring meetings; reviews are held every two weeks."), strength },
      ];
      const generate = (strength: number) =>
        createExtractiveAnswerGenerator({ embedder: createLocalEmbedder() }).generate({ question, query: question, history: [], passages: passages(strength) });
      expect(await generate(0.9)).toMatch(/^Our calendar lists recurring meetings; reviews are held every two weeks\. \[2\]/);
      // Found far more weakly, the calendar matches much worse than the quote: the sources do not state how often.
      expect(await generate(0.3)).toBe("");
    }, 60_000);
  });

  it("says nothing when no sentence shares a word with the question", async () => {
    expect(await answer("boiling point of tungsten", [LEAVE])).toBe("");
  });

  it("gives an anchor that the passage's opening does not reach that opening as its context, a long lead-in with its list too", async () => {
    const holidays = [
      "New Year's Day",
      "Martin Luther King Jr. Day",
      "Presidents' Day",
      "Memorial Day",
      "Independence Day",
      "Labor Day",
      "Thanksgiving Day",
      "Christmas Day",
    ];
    const text = [
      "We reschedule company meetings and new hire onboardings that would fall on one of the following holidays:",
      ...holidays.map((day) => `- ${day}, observed on the day itself or on the Monday after it`),
      "There is no company meeting between December 23 and January 1. Most people take that week off.",
      "(The list follows what the team observes. If a holiday is missing from the list, tell people-ops.)",
    ].join("\n\n");
    const quoted = await answer("who do I tell if a holiday is missing from the list?", [passage(1, "Holidays", text)]);
    expect(quoted).toMatch(
      /^\(The list follows what the team observes\. If a holiday is missing from the list, tell people-ops\.\) \[1\] We reschedule company meetings/,
    );
    expect(quoted).toContain("Independence Day, observed on the day itself or on the Monday after it;");
  });

  it("quotes no figure or table caption: the reply cannot show what it describes", async () => {
    const text = [
      "Figure 9: Variables at the server on each site.",
      "The lease assigns a set of containers to a preferred site. Servers cache the mapping from a container to its preferred site.",
      "Table 2: Latency of the cache lookups.",
      "Stale cache entries do no harm, because a server rejects requests for containers whose lease it does not hold.",
    ].join("\n\n");
    const quoted = await answer("what happens when a server's cached container site mapping is stale?", [passage(1, "Walter", text)]);
    expect(quoted).toMatch(/^The lease assigns/);
    expect(quoted).toContain("Stale cache entries do no harm");
    expect(quoted).not.toMatch(/Figure 9|Table 2/);
  });

  it("opens with the passage's first sentence, not with a byline or a heading left in the text", async () => {
    const text = [
      "Department of Computer Science and Department of Music, Princeton University",
      "Existing audio tools handle large collections of recordings poorly.",
      "The framework evaluates audio classifiers on about two hours of recordings.",
    ].join("\n\n");
    const quoted = await answer("how many hours of recordings does the framework evaluate audio classifiers on?", [passage(1, "MARSYAS", text)]);
    expect(quoted).toBe(
      "Existing audio tools handle large collections of recordings poorly. [1] The framework evaluates audio classifiers on about two hours of recordings. [1]",
    );
  });

  it("reads on past a line of names without a stop, such as a link's text left on a line of its own", async () => {
    const text = "Incident commanders once had to be senior engineers. Docs Reference\n\nThat was one of our bigger mistakes.";
    expect(await answer("do incident commanders need to be senior engineers?", [passage(1, "Anti-patterns", text)])).toBe(
      "Incident commanders once had to be senior engineers. [1] That was one of our bigger mistakes. [1]",
    );
  });

  it("may open with a sentence full of names, which ends like a sentence where a byline does not", async () => {
    const text = ["Contact Jane Smith in IT Ops.", "She orders replacement laptops within two days."].join("\n\n");
    expect(await answer("who orders replacement laptops?", [passage(1, "IT", text)])).toMatch(/^Contact Jane Smith in IT Ops\. \[1\] She orders/);
  });

  it("reads past a run-in label, a figure's tick values or an address on a line of its own without quoting them", async () => {
    const text = [
      "Heartbeat messages carry each storage daemon's recent read latency to its peers.",
      "Abstract.",
      "0.",
      "25.",
      "status.storage.example.com",
      "A daemon forwards a read to a peer whose reported latency is lower than its own.",
    ].join("\n\n");
    const quoted = await answer("when does a storage daemon forward a read to a peer?", [passage(1, "RADOS", text)]);
    expect(quoted).toBe(
      "Heartbeat messages carry each storage daemon's recent read latency to its peers. [1] A daemon forwards a read to a peer whose reported latency is lower than its own. [1]",
    );
  });

  it("marks a paragraph that goes on from text it does not quote with an ellipsis, and never reads from it as the passage's opening", async () => {
    const text = [
      "distribution of Raft scores was higher than that of Paxos scores in every group of students.",
      "Students answered questions about Raft 23% better than questions about Paxos after learning both algorithms.",
    ].join("\n\n");
    expect(await answer("was the distribution of Raft scores higher in every group of students?", [passage(1, "Raft", text)])).toMatch(
      /^…distribution of Raft scores was higher .* \[1\] Students answered questions about Raft 23% better/,
    );
    // The last of a sentence's enumerated conditions, cut from its start.
    const conditions = ["(C) the decision, along with the action to be taken, if any.", "The decision of the City Administrator is final."].join("\n\n");
    expect(await answer("whose decision on an appeal is final?", [passage(1, "Appeals", conditions)])).toBe(
      "The decision of the City Administrator is final. [1]",
    );
  });

  describe("a list item quoted without what introduces it", () => {
    const sideWork = [
      "# Side work",
      "## OK",
      "1. An occasional paid gig for a friend, such as building a website for their bakery.",
      "## Not OK",
      "1. Part-time contracting for another company in our industry, paid or unpaid.",
      "2. Consulting for a competitor on weekends.",
    ].join("\n\n");

    it("is labelled with the heading it stands under, which may say whether it is allowed", async () => {
      const text = await answer("can I do part-time contracting for another company?", [passage(1, "Side work", sideWork)]);
      expect(text).toContain("Not OK: Part-time contracting for another company in our industry, paid or unpaid");
      // The page's opening item, quoted before it, says what its own heading says.
      expect(text).toMatch(/^OK: An occasional paid gig/);
    });

    it("is labelled by a numbered heading without the heading's number, nor its stop", async () => {
      const numbered = sideWork.replace("## Not OK", "## 2. Not OK.");
      const text = await answer("can I do part-time contracting for another company?", [passage(1, "Side work", numbered)]);
      expect(text).toContain("Not OK: Part-time contracting for another company in our industry, paid or unpaid");
      expect(text).not.toMatch(/\u2022|2\. Not OK/);
    });

    it("is not labelled when a sentence of its own section comes before it", async () => {
      const introduced = sideWork.replace("## Not OK", "## Not OK\n\nThese are conflicts of interest for part-time contracting:");
      const text = await answer("can I do part-time contracting for another company?", [passage(1, "Side work", introduced)]);
      expect(text).toContain("Part-time contracting for another company in our industry");
      expect(text).not.toContain("Not OK:");
    });

    it("takes the heading retrieval found its passage under when the passage does not show it", async () => {
      const continued: SourcePassage = {
        ...passage(
          1,
          "Titles",
          ["Leads a team of two or three.", "[…]", "- Usually at least 5-8 years of experience as a designer."].join("\n\n"),
          "Titles › Lead",
        ),
        headings: ["Titles › Lead", "Titles › 2. Senior Designer"],
      };
      const text = await answer("how many years of experience does a senior designer need?", [continued]);
      expect(text).toContain("Senior Designer: Usually at least 5-8 years of experience as a designer. [1]");
      // Its heading's number is no sentence of the answer.
      expect(text).not.toContain("2.");
    });

    it("is labelled once when the answer quotes items of one list from two of its passages", async () => {
      const policy: SourcePassage = {
        ...passage(
          1,
          "Social account",
          [
            "## Posting policy",
            "- Members can propose tweets via Buffer.",
            "- Leads approve the proposed tweets.",
            "[…]",
            "- Direct tweet requests to the account are not accepted.",
          ].join("\n\n"),
          "Posting policy",
        ),
        headings: ["Posting policy", "Posting policy"],
      };
      const text = await answer("who approves proposed tweets, and are direct tweet requests accepted?", [policy]);
      expect(text).toContain("Direct tweet requests to the account are not accepted. [1]");
      expect(text.match(/Posting policy:/g)).toHaveLength(1);
    });
  });

  it("never quotes the mark between a document's passages, even when a sentence leans back on what precedes it", async () => {
    const text = ["Overview.", "[…]", "This stipend is paid every month to cover your home internet costs, up to 50 dollars."].join("\n\n");
    expect(await answer("how much is the home internet stipend?", [passage(1, "Stipends", text)])).toBe(
      "This stipend is paid every month to cover your home internet costs, up to 50 dollars. [1]",
    );
  });

  describe("with an embedding model", () => {
    // Each sentence shares one word with the question, "password": only the meaning of "sixteen characters or
    // more" answers "how long".
    const passwords = passage(
      1,
      "Passwords",
      [
        "Never share your passwords with anyone, not even with the IT team. Store every password in the company password manager, which 300 teams already use.",
        "[…]",
        "A strong password is made of sixteen characters or more.",
      ].join("\n\n"),
    );
    const question = "how long do my passwords need to be?";
    const generate = (options: Parameters<typeof createExtractiveAnswerGenerator>[0]) =>
      createExtractiveAnswerGenerator(options).generate({ question, query: question, history: [], passages: [passwords] });

    it("chooses the sentence to quote by its meaning as well as its words", async () => {
      expect(await generate({})).not.toContain("sixteen characters");
      expect(await generate({ embedder: createLocalEmbedder() })).toMatch(/^A strong password is made of sixteen characters or more\. \[1\]/);
    }, 60_000);

    it("anchors the answer on a sentence that answers, not on a question of the sources that asks the same", async () => {
      const question = "how far ahead do I request approval for a conference?";
      const passages = [
        passage(1, "Conference approvals", "Request approval for a conference at least three weeks before it starts, with its agenda and cost."),
        passage(2, "Travel questions", "How far ahead do I request approval for a conference? It depends on what the trip costs."),
      ];
      const text = await createExtractiveAnswerGenerator({ embedder: createLocalEmbedder() }).generate({ question, query: question, history: [], passages });
      expect(text).toMatch(/^Request approval for a conference at least three weeks before it starts, with its agenda and cost\. \[1\]$/);
    }, 60_000);

    it("quotes the sentence that answers from a lower-ranked source over the first source, whose words match as well", async () => {
      const question = "can I bring my dog to the office?";
      const passages = [
        passage(1, "Visitors", "Employees may bring guests to the office during opening hours. Every guest signs in at the office reception."),
        { ...passage(2, "Pets at work", "Dogs are welcome in the office on Fridays, kept on a leash and away from the kitchen."), strength: 0.7 },
      ];
      const generate = (embedder: ReturnType<typeof createLocalEmbedder> | null) =>
        createExtractiveAnswerGenerator({ embedder }).generate({ question, query: question, history: [], passages });
      expect(await generate(null)).toMatch(/^Employees may bring guests to the office/);
      expect(await generate(createLocalEmbedder())).toMatch(/^Dogs are welcome in the office on Fridays, kept on a leash and away from the kitchen\. \[2\]$/);
    }, 60_000);

    it("weighs a sentence by how strongly the search found its page: a page that mentions the topic in passing does not outrank the page about it", async () => {
      const question = "how much notice do I have to give before I quit?";
      const passages = (strength?: number) => [
        passage(1, "Leaving the company", "Resigning is done in writing to your manager, with four weeks' notice."),
        { ...passage(2, "Time off", "Give your team at least a week's notice before you take time off."), strength },
      ];
      const generate = (strength?: number) =>
        createExtractiveAnswerGenerator({ embedder: createLocalEmbedder() }).generate({ question, query: question, history: [], passages: passages(strength) });
      // Found as strongly, the page on time off leads, the resignation page's sentence (closer in meaning, weaker in
      // words) following as a second source; found with a third of the score, it does not lead.
      expect(await generate()).toMatch(/^Give your team at least a week's notice before you take time off\. \[2\] Resigning is done in writing/);
      expect(await generate(0.3)).toMatch(/^Resigning is done in writing to your manager, with four weeks' notice\. \[1\]$/);
    }, 60_000);

    it("adds another page's best sentence when the question's words chose one page and its meaning the other", async () => {
      const question = "how much notice do I have to give if I decide to leave?";
      const passages = [
        passage(1, "Time off", "Give notice of planned leave as early as you can, and of sick leave as soon as practicable.", "Notice"),
        { ...passage(2, "Leaving the company", "Employees who resign are asked to give two weeks' written notice."), strength: 0.75 },
      ];
      const generate = (embedder: ReturnType<typeof createLocalEmbedder> | null) =>
        createExtractiveAnswerGenerator({ embedder }).generate({ question, query: question, history: [], passages });
      expect(await generate(createLocalEmbedder())).toBe(
        "Give notice of planned leave as early as you can, and of sick leave as soon as practicable. [1] Employees who resign are asked to give two weeks' written notice. [2]",
      );
      // By words alone there is no second judge to disagree: one source.
      expect(await generate(null)).toBe("Give notice of planned leave as early as you can, and of sick leave as soon as practicable. [1]");
    }, 60_000);

    it("reads a sentence under its page's title and heading too: two sentences alike in words are told apart by what they stand under", async () => {
      const question = "how much notice do I give when I quit?";
      const passages = [
        passage(1, "Time off", "Give your manager two weeks' notice in writing.", "Planned holidays"),
        passage(2, "Leaving the company", "Give your manager four weeks' notice in writing.", "Resignations"),
      ];
      const text = await createExtractiveAnswerGenerator({ embedder: createLocalEmbedder() }).generate({ question, query: question, history: [], passages });
      expect(text).toBe("Give your manager four weeks' notice in writing. [2]");
    }, 60_000);

    it("weighs a list by the item that answers, read with its lead-in, not by the whole list's blurred meaning", async () => {
      const question = "can I auto-forward my work email to my personal account?";
      const passages = [
        passage(
          1,
          "Acceptable use",
          [
            "Company accounts are used as follows:",
            "• Use them for your work; personal projects need your manager's approval in advance.",
            "• Never use them in a way that harms the company or its clients.",
            "• Automatic forwarding of company email to an outside address is prohibited.",
            "• Store confidential files only in shared drives with access control, never on a laptop's desktop.",
          ].join("\n\n"),
        ),
        passage(2, "Accounts", "Use a personal email address to create your account on the code hosting site, not your work one."),
      ];
      const text = await createExtractiveAnswerGenerator({ embedder: createLocalEmbedder() }).generate({ question, query: question, history: [], passages });
      expect(text).toMatch(/^Company accounts are used as follows: .*Automatic forwarding of company email to an outside address is prohibited; .*\. \[1\]$/);
    }, 60_000);

    it("still says nothing when no sentence shares a word with the question", async () => {
      const generator = createExtractiveAnswerGenerator({ embedder: createLocalEmbedder() });
      expect(await generator.generate({ question: "boiling point of tungsten", query: "boiling point of tungsten", history: [], passages: [LEAVE] })).toBe("");
    }, 60_000);

    it("says nothing when no sentence comes near a question's meaning, and quotes them by words alone", async () => {
      const question = "which database should a new service use, postgres or mysql?";
      const services = passage(1, "New services", "Every new service has an owner and a runbook. A service's database credentials are stored in the vault.");
      const generate = (embedder: ReturnType<typeof createLocalEmbedder> | null) =>
        createExtractiveAnswerGenerator({ embedder }).generate({ question, query: question, history: [], passages: [services] });
      expect(await generate(createLocalEmbedder())).toBe("");
      // Words alone cannot tell: another model's cosines sit elsewhere, and no cut is known for them.
      expect(await generate(null)).toContain("database credentials");
    }, 60_000);

    it("wants a sentence closer in meaning when the question has a word the knowledge base never uses", async () => {
      const question = "is there a monthly gym or wellness stipend?";
      const allowances = passage(1, "Monthly allowances", "We reimburse 50 dollars per month of home internet costs.");
      const generate = (absentWords: string[]) =>
        createExtractiveAnswerGenerator({ embedder: createLocalEmbedder() }).generate({
          question,
          query: question,
          history: [],
          passages: [allowances],
          absentWords,
        });
      // "gym" is in no page: the allowance that shares "monthly" is about something else.
      expect(await generate(["gym"])).toBe("");
      expect(await generate([])).toBe("We reimburse 50 dollars per month of home internet costs. [1]");
    }, 60_000);

    it("does not want it closer for a place or a time the knowledge base never names: they say where or when, not what", async () => {
      const moving = passage(1, "Working abroad", "If you move to another country, tell the People team before you go.");
      const generate = (question: string) =>
        createExtractiveAnswerGenerator({ embedder: createLocalEmbedder() }).generate({
          question,
          query: question,
          history: [],
          passages: [moving],
          absentWords: ["texas", "portugal"],
        });
      expect(await generate("thinking about moving from Texas to Portugal next year, anyone I need to tell?")).toBe(
        "If you move to another country, tell the People team before you go. [1]",
      );
      // Typed in lower case, nothing says they are names: they may be what is asked about.
      expect(await generate("thinking about moving from texas to portugal next year, anyone I need to tell?")).toBe("");
    }, 60_000);

    it("quotes for a topic of one word, whose embedding comes near no sentence in particular", async () => {
      const mileage = passage(
        1,
        "Mileage",
        "Mileage is reimbursed at the standard rate. It does not cover tolls or parking, which can be expensed separately.",
      );
      const text = await createExtractiveAnswerGenerator({ embedder: createLocalEmbedder() }).generate({
        question: "parking",
        query: "parking",
        history: [],
        passages: [mileage],
      });
      expect(text).toContain("It does not cover tolls or parking, which can be expensed separately. [1]");
    }, 60_000);

    it("chooses by words alone when the model cannot run, and says so", async () => {
      const warnings: string[] = [];
      const logger = { ...silentLogger(), warn: (_: unknown, message: string) => void warnings.push(message) } as unknown as ReturnType<typeof silentLogger>;
      const broken = createLocalEmbedder({ modelFolder: "/nonexistent/model" });
      expect(await generate({ embedder: broken, logger })).toBe(await generate({}));
      expect(warnings).toEqual(["could not embed the sources' sentences; choosing the quote by its words alone"]);
    }, 60_000);
  });
});

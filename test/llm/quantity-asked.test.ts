import { describe, expect, it } from "vitest";
import { quantityAsked } from "../../src/llm/quantity-asked.ts";

describe("a question that asks for a quantity", () => {
  it("is recognised by how it asks: how many, how much, how long, how often, how far ahead", () => {
    for (const question of [
      "how many weeks of parental leave do we get?",
      "how much is the yearly learning budget?",
      "how long can a branch name be?",
      "how often should we rotate the keys",
      "how far ahead do I book travel?",
      "if i get paged at 2am how quickly do i have to ack it?",
      "how fast do we need to post the first update?",
    ])
      expect(quantityAsked(question), question).not.toBeNull();
    expect(quantityAsked("how do I request time off?")).toBeNull();
    expect(quantityAsked("who approves my travel?")).toBeNull();
  });

  it("is answered by digits, a number in words, or a period of time", () => {
    const howLong = quantityAsked("how long do I have to submit my expenses?")!;
    expect(howLong("Submit them within 30 days of the trip.")).toBe(true);
    expect(howLong("Submit them within two weeks of the trip.")).toBe(true);
    expect(howLong("Expenses are submitted once a month.")).toBe(true);
    expect(howLong("Submit them within a week.")).toBe(true);
    expect(howLong("Expenses are reviewed monthly by finance.")).toBe(true);
    expect(howLong("Submit your expenses in the finance tool with their receipts.")).toBe(false);
    const howOften = quantityAsked("how often should we run crisis simulations?")!;
    for (const cadence of ["A biannual cadence gives time to prepare.", "Run them semi-annually.", "Teams meet bi-weekly.", "A biennial review."])
      expect(howOften(cadence), cadence).toBe(true);
    expect(quantityAsked("how many vacation days do we get?")!("Vacation is unlimited, within reason.")).toBe(true);
  });

  it("is not answered by an ordinal: a date or a rank counts nothing", () => {
    const howMuch = quantityAsked("how much is the yearly home office money?")!;
    expect(howMuch("This also includes 3rd party servers that employees may use.")).toBe(false);
    expect(howMuch("The office is closed on January 1st and on the 2nd Monday of October.")).toBe(false);
    expect(howMuch("Each employee gets $1,149 once a year.")).toBe(true);
    expect(howMuch("The stipend is paid on the 1st of March: 500 dollars.")).toBe(true);
  });

  it("asked how often, is answered by a frequency, not by any number", () => {
    const howOften = quantityAsked("how often should someone go through the debt list?")!;
    for (const frequency of [
      "Triage them on a fortnightly basis.",
      "Review it twice a quarter.",
      "Three times a year.",
      "Every two weeks.",
      "Every other week.",
    ])
      expect(howOften(frequency), frequency).toBe(true);
    expect(howOften("Classifying debt uses two factors: impact and effort.")).toBe(false);
  });

  it("asked for a percentage, is answered by a share only", () => {
    const coverage = quantityAsked("what's the minimum test coverage % a PR needs?")!;
    expect(coverage("Pull requests need 80% line coverage.")).toBe(true);
    expect(coverage("Half of the lines must be covered.")).toBe(true);
    expect(coverage("A pull request needs 2 approvals before it can merge.")).toBe(false);
  });
});

/**
 * Units of time as chat abbreviates them after a number ("40 min", "2hrs", "6 wks"), and the words pages write
 * them in. The stemmer cannot bring "min" to "minutes", so "calls cut off at 40 min" misses "Meetings are
 * limited to 40 minutes". A closed set of the language, like its irregular verbs. Measured on thirteen sets
 * (docs/answer-quality.md): MRR 0.819 → 0.829 on the guidebook and 0.690 → 0.708 on 2i2c's handbook, one more answer
 * of 410 held what was asked, nothing lost.
 */
const UNITS: Record<string, string> = {
  sec: "seconds",
  secs: "seconds",
  min: "minutes",
  mins: "minutes",
  hr: "hours",
  hrs: "hours",
  wk: "weeks",
  wks: "weeks",
  mo: "months",
  mos: "months",
  mth: "months",
  mths: "months",
  yr: "years",
  yrs: "years",
};

const ABBREVIATION = Object.keys(UNITS).join("|");
const NUMBER = String.raw`\d+(?:[.,]\d+)?`;
const AFTER_NUMBER = new RegExp(String.raw`(?<=\d\s?)(?:${ABBREVIATION})\b\.?`, "gi");
const A_NUMBER = new RegExp(`^${NUMBER}$`);
const NUMBER_AND_UNIT = new RegExp(`^${NUMBER}(?:${ABBREVIATION})$`, "i");

/**
 * "40 min" read as "40 min minutes": the abbreviation stays (a page may write it too) and the word joins it.
 * Only after a number: "hr" alone is more often HR, the people team.
 */
export function withUnitsSpelledOut(text: string): string {
  return text.replace(AFTER_NUMBER, (unit) => `${unit} ${UNITS[unit.replace(/\.$/, "").toLowerCase()]}`);
}

/** "min" after "40", or "40min": a unit of time abbreviated after a number, which no page need spell the same way. */
export function isAbbreviatedUnit(previous: string | undefined, word: string): boolean {
  return (previous !== undefined && A_NUMBER.test(previous) && Object.hasOwn(UNITS, word.toLowerCase())) || NUMBER_AND_UNIT.test(word);
}

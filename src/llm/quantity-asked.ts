/**
 * "How many weeks…?", "how long do I have to…?", "what percentage…?": a question whose answer is a quantity
 * (a number, an amount, a share, a duration or a frequency). Returns a test for the text that states one of
 * the kind asked, or null when the question asks something else.
 */
export function quantityAsked(question: string): ((text: string) => boolean) | null {
  if (/%|\bper ?cent(?:age)?\b/i.test(question)) return (text) => SHARE.test(text);
  // "How often…?" asks for a frequency: "uses two factors" states a number, not how often.
  if (/\bhow (?:often|frequently)\b/i.test(question)) return (text) => PERIOD.test(text) || TIMES.test(text);
  if (/\bhow (?:many|much|long|early|soon|late|quickly|fast|far|old)\b/i.test(question)) return (text) => AMOUNT.test(text) || PERIOD.test(text);
  return null;
}

/** Digits count unless they are an ordinal ("3rd party", "January 1st", "the 2nd Monday"): a date or a rank counts nothing. */
const NUMBER = String.raw`(?:\d(?![\d,.]*(?:st|nd|rd|th)\b)|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|half|quarter|once|twice|single|double|triple)\b)`;
const UNIT = String.raw`(?:second|minute|hour|day|business day|working day|week|fortnight|month|quarter|year|decade)`;

/** A count of occurrences or an interval: "twice", "three times a year", "every two weeks", "every other day". */
const TIMES = new RegExp(String.raw`\b(?:once|twice|thrice)\b|${NUMBER}\S*\s+times\b|\bevery\s+(?:other|${NUMBER}\S*)\s+${UNIT}`, "i");
/** Digits or a number in words. */
const AMOUNT = new RegExp(NUMBER, "i");
/** A share: "80%", "ten percent", "half". */
const SHARE = /%|\bper ?cent\b|\b(?:half|quarter|third)\b/i;
/** A period of time as a measure: "a month", "every quarter", "within a week", "annually", "a biannual cadence", "immediately", "unlimited". */
const PERIOD = new RegExp(
  String.raw`\b(?:a|an|per|every|each|the same|next|following|within|by the end of)\s+(?:the\s+)?${UNIT}\b|\b(?:hourly|nightly|daily|weekly|fortnightly|monthly|quarterly|annually|yearly|(?:bi|semi-?)(?:-?weekly|-?monthly|-?annual(?:ly)?)|bienniall?y?|immediately|right away|as soon as|today|tomorrow|indefinitely|forever|unlimited)\b|\bnever expire`,
  "i",
);

/**
 * "How many weeks…?", "how long do I have to…?", "what percentage…?": a question whose answer is a quantity
 * (a number, an amount, a share, a duration or a frequency). Returns a test for the text that states one of
 * the kind asked, or null when the question asks something else.
 */
export function quantityAsked(question: string): ((text: string) => boolean) | null {
  if (/%|\bper ?cent(?:age)?\b/i.test(question)) return statesShare;
  if (/\bhow (?:many|much|long|often|early|soon|late|frequently|far|old)\b/i.test(question)) return statesAmount;
  return null;
}

const NUMBER = String.raw`(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|half|quarter|once|twice|single|double|triple)\b)`;
const UNIT = String.raw`(?:second|minute|hour|day|business day|working day|week|fortnight|month|quarter|year|decade)`;

function statesAmount(text: string): boolean {
  return new RegExp(NUMBER, "i").test(text) || statesTime(text);
}

function statesShare(text: string): boolean {
  return /%|\bper ?cent\b/i.test(text) || /\b(?:half|quarter|third)\b/i.test(text);
}

/** A duration or a frequency: "two weeks", "30 days", "a month", "every quarter", "annually", "immediately". */
function statesTime(text: string): boolean {
  return new RegExp(
    String.raw`${NUMBER}[\w\s-]{0,12}?\b${UNIT}s?\b|\b(?:a|an|per|every|each|the same|next|following|within|by the end of)\s+(?:the\s+)?${UNIT}\b|\b(?:hourly|daily|weekly|fortnightly|monthly|quarterly|annually|yearly|immediately|right away|as soon as)\b|\b(?:today|tomorrow|indefinitely|forever|never expire)`,
    "i",
  ).test(text);
}

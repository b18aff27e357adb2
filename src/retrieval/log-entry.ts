const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
/** "2021-12-07", "12/7/2021", "November 8, 2017", "8th July", optionally after a weekday ("Tuesday, May 2"). */
const DATE = new RegExp(
  String.raw`^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|${MONTH}\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+${MONTH}\b(?:,?\s+\d{4})?)`,
  "i",
);

/**
 * A passage of a log: a section headed by a date ("November 8, 2017" in a page of meeting notes) or a page titled
 * by one ("2023-05-02 Team sync"). Meeting notes record what was said on the day, policies and guides what holds:
 * a wiki's years of notes touch every topic in passing and, long as they are, match most questions somewhere.
 */
export function isLogEntry(passage: { title: string; heading: string | null }): boolean {
  const section = passage.heading?.split(" › ").at(-1)?.trim();
  return DATE.test(passage.title.trim()) || (section !== undefined && DATE.test(section));
}

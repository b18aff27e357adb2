/**
 * A backslash before ASCII punctuation only keeps the character literal (CommonMark); a heading or title read
 * as text drops it. GitBook's export and HTML converters escape freely: "Leadership Team \(MLT\)", "1\. Setup".
 */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, "$1");
}

/** Code in a fence longer than any run of backticks inside it, so the code cannot close it early. */
export function fencedCode(code: string, language: string): string {
  const text = code.replace(/^\n+|\n+$/g, "");
  const fence = "`".repeat(Math.max(3, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length + 1)));
  return `${fence}${language.replace(/\s.*$/, "")}\n${text}\n${fence}`;
}

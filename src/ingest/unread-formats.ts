/**
 * Document formats people keep knowledge in that Docent does not read (yet). A folder holding them is told
 * so, with the way out (save as a format it reads), instead of the files vanishing without a word. Images,
 * archives and code are not listed: nobody expects those to answer a question.
 */
const WORD_PROCESSING = [".pages", ".wpd"];
const SPREADSHEETS = [".xlsb", ".numbers"];
const SLIDES = [".key"];
const MARKUP_AND_BOOKS = [".org", ".tex", ".epub"];
const UNREAD_DOCUMENT_EXTENSIONS = new Set([...WORD_PROCESSING, ...SPREADSHEETS, ...SLIDES, ...MARKUP_AND_BOOKS]);

export function isUnreadDocument(fileName: string): boolean {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 && UNREAD_DOCUMENT_EXTENSIONS.has(fileName.slice(dot).toLowerCase());
}

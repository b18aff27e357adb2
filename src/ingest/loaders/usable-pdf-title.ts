/**
 * The document information Title when it names the document. Print-to-PDF and office exports often fill
 * it with the program and file name ("Microsoft Word - policy.docx"), a bare file name ("paper.dvi"),
 * "Untitled", PowerPoint's "PowerPoint Presentation" or a template's placeholder; a citation reading like
 * that is worse than the heading on the first page.
 */
export function usablePdfTitle(title: unknown): string | null {
  if (typeof title !== "string") return null;
  const text = title.replace(/\s+/g, " ").trim();
  if (!text) return null;
  if (/^microsoft\s+\w+\s+-\s/i.test(text)) return null;
  if (/^[^\s]+\.(?:pdf|docx?|odt|rtf|txt|pptx?|xlsx?|md|html?|tex|dvi|e?ps|indd|pages|qxd)$/i.test(text) || /[\\/]/.test(text)) return null;
  if (/^(?:untitled\b.*|title|document\d*|no title|slide \d+|powerpoint presentation)$/i.test(text)) return null;
  if (!/\p{L}/u.test(text)) return null;
  return text;
}

/**
 * Text that pdf.js could not map to characters: fonts embedded without a Unicode map (old TeX and
 * PostScript output, mostly) come out as control characters and letter soup ("ïð%ñ'òWðó(ô"). Such text
 * matches no question and only clutters the index. Told by both signs together: control characters, which
 * real text never holds, and few characters in words (a run of lower-case letters, or of letters of a script
 * without case, such as Chinese; the soup's capitals make runs too). A page of figures, code or capitals has
 * no control characters (Word's Symbol bullets are private-use characters, not control ones); a readable
 * paper with a few broken formula glyphs is still mostly words.
 */
export function hasBrokenTextLayer(text: string): boolean {
  const visible = text.replace(/\s+/g, "");
  if (visible.length === 0) return false;
  const control = (visible.match(/[\u0000-\u001f\ufffd]/gu) ?? []).length;
  const inWords = (visible.match(/\p{Lu}?\p{Ll}{2,}|\p{Lo}+/gu) ?? []).join("").length;
  return control / visible.length > MAX_CONTROL_SHARE && inWords / visible.length < MIN_WORD_SHARE;
}

/** Readable PDFs measured at most 0.006 (a few broken formula glyphs reach 0.06, with 70% of the text in words). */
const MAX_CONTROL_SHARE = 0.01;
/** Readable text has 70% or more of its characters in words; broken text layers measured 0% to 11%. */
const MIN_WORD_SHARE = 0.3;

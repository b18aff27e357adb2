/** What pdf.js makes of text in a font without a Unicode map: control characters and letter soup. */
export const LETTER_SOUP = Array.from({ length: 40 }, (_, i) => `${String.fromCharCode(1 + (i % 8))}ï%ñ'ò3W(ô`).join("");

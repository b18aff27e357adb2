/** A passage's text without the heading lines it opens with (retrieval keeps its heading path apart). */
export function passageBody(text: string): string {
  return text.replace(/^(?:#{1,6} .*\n+)+/, "");
}

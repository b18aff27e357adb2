/**
 * The link a citation points to: the document's own absolute URL if it declares one, else the source's
 * base URL followed by the docId exactly as it is (DESIGN). Dropping `.md` or `index.md` is opt-in.
 */
export function documentUrl(declared: string | null, baseUrl: string | undefined, docId: string, prettyUrls = false): string | null {
  if (declared && /^https?:\/\//i.test(declared)) return declared;
  if (!baseUrl) return null;
  const path = prettyUrls ? prettify(docId) : docId;
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  return base + path.split("/").map(encodeURIComponent).join("/");
}

function prettify(docId: string): string {
  return docId.replace(/(^|\/)index\.(md|mdx|markdown|html?)$/i, "$1").replace(/\.(md|mdx|markdown|html?)$/i, "");
}

type Queryable = Pick<ParentNode, "querySelector">;

/**
 * A document's title without the site's name that a web page's <title> (and a PDF printed from it) usually
 * adds ("Leave policy | Acme Intranet"): the document's own heading when the title starts with it, followed
 * by a separator. The site's name would otherwise show in every citation and sit in every page's searchable
 * title, where it matches any question that names the company. A title that merely contains the heading
 * ("Employee Handbook 2024", heading "Handbook"), or ends with it (a site logo's heading), stays whole.
 */
export function withoutSiteName(title: string | null, heading: string | null): string | null {
  if (!title || !heading || !title.startsWith(heading)) return title;
  return title === heading || SEPARATOR.test(title.slice(heading.length)) ? heading : title;
}

/** What sites put between a page's name and their own: "Leave policy | Acme", "Leave policy - Acme Intranet". */
const SEPARATOR = /^\s*[|\-–—:·•»]\s/u;

/** The title a citation shows for an HTML page: its own title (ownTitle), else its <title>. */
export function pageTitle(document: Queryable, content: Queryable = document): string | null {
  return ownTitle(document, content) ?? (clean(document.querySelector("title")?.textContent) || null);
}

/**
 * An HTML page's own title: its Open Graph title, else its heading when its <title> starts with it
 * (withoutSiteName), else null. `content` is where the page's own heading stands (its <main>, say), so a
 * site logo set in an <h1> in the banner is not taken for it.
 */
export function ownTitle(document: Queryable, content: Queryable = document): string | null {
  const openGraph = clean(document.querySelector('meta[property="og:title"]')?.getAttribute("content"));
  if (openGraph) return openGraph;
  const title = clean(document.querySelector("title")?.textContent);
  const heading = clean(content.querySelector("h1")?.textContent);
  return heading && withoutSiteName(title, heading) === heading ? heading : null;
}

function clean(text: string | null | undefined): string {
  return text?.replace(/\s+/g, " ").trim() ?? "";
}

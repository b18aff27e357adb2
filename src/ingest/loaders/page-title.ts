type Queryable = Pick<ParentNode, "querySelector">;

/**
 * The title a citation shows for an HTML page: its own title (ownTitle), else its <title>.
 */
export function pageTitle(document: Queryable, content: Queryable = document): string | null {
  return ownTitle(document, content) ?? (clean(document.querySelector("title")?.textContent) || null);
}

/**
 * A page's title without the site's name that its <title> usually adds ("Leave policy | Acme Intranet"),
 * which would also put the site's name into every page's searchable title, where it matches any question
 * naming the company: the page's Open Graph title, else its own heading when the <title> contains it, else
 * null. `content` is where the page's own heading stands (its <main>, say), so a site logo set in an <h1>
 * in the banner is not taken for it.
 */
export function ownTitle(document: Queryable, content: Queryable = document): string | null {
  const openGraph = clean(document.querySelector('meta[property="og:title"]')?.getAttribute("content"));
  if (openGraph) return openGraph;
  const title = clean(document.querySelector("title")?.textContent);
  const heading = clean(content.querySelector("h1")?.textContent);
  return heading && title.includes(heading) ? heading : null;
}

function clean(text: string | null | undefined): string {
  return text?.replace(/\s+/g, " ").trim() ?? "";
}

/**
 * A web page's docId: its address relative to the site's origin, as DESIGN asks of every docId ("the path
 * relative to the source root"): `https://intranet.example.com/handbook/leave/` gives `handbook/leave/`,
 * a query string stays (`search?q=x`), a fragment goes. The home page, whose relative path is empty, is `/`.
 */
export function pageDocId(url: URL): string {
  return `${url.pathname.replace(/^\//, "")}${url.search}` || "/";
}

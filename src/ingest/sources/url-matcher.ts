import picomatch from "picomatch";

/**
 * Which pages of a website a source indexes. Each pattern is a glob when it holds `*`, `?`, `[` or `{`,
 * else a prefix, and is compared with the page's absolute URL when it starts with `http(s)://`, with its
 * path (and query) when it starts with `/`, and with its docId otherwise:
 * `https://intranet.example.com/handbook/`, `/handbook/`, `handbook/**` and `**\/*.pdf` all work.
 * No include patterns means every page; an excluded page is left out even when included.
 */
export function urlMatcher(include: string[] = [], exclude: string[] = []): (url: URL, docId: string) => boolean {
  const included = include.map(patternTest);
  const excluded = exclude.map(patternTest);
  return (url, docId) => {
    const subject = { href: url.href, path: url.pathname + url.search, docId };
    return (included.length === 0 || included.some((test) => test(subject))) && !excluded.some((test) => test(subject));
  };
}

type Subject = { href: string; path: string; docId: string };

function patternTest(pattern: string): (subject: Subject) => boolean {
  const field: keyof Subject = /^https?:\/\//i.test(pattern) ? "href" : pattern.startsWith("/") ? "path" : "docId";
  if (/[*?[{]/.test(pattern)) {
    const matches = picomatch(pattern, { dot: true });
    return (subject) => matches(subject[field]);
  }
  return (subject) => subject[field].startsWith(pattern);
}

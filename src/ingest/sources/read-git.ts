import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { readFolder } from "../read-folder.ts";
import { SourceError, type SourceEntry, type SourceReader } from "../source-reader.ts";
import { gitFileDates } from "./git-file-dates.ts";
import { runGit } from "./run-git.ts";

export interface GitSourceOptions {
  /** What `git clone` takes: https://…, ssh://…, git@host:repo.git, file://…, or a local path. */
  url: string;
  /** Default: the repository's default branch. */
  branch?: string;
  /** The folder inside the repository to index (default: all of it). */
  subfolder?: string;
  /** Web address of each file: `{path}` (path in the repository), `{docId}` (path under the subfolder), `{branch}`. */
  urlPattern?: string;
  include?: string[];
  exclude?: string[];
  /** Where the clone lives between syncs (`<cacheDir>/repo`). */
  cacheDir: string;
  /** Mixed into every hash, so a change of settings that alters the output re-indexes the documents. */
  salt: string;
  /** Per git command (default 10 minutes). */
  timeoutMs?: number;
}

interface CloneRecord {
  url: string;
  branch: string | null;
  /** The branch actually checked out (the default branch when none was asked for). */
  checkedOut: string;
}

/**
 * A repository of documents, read with the system `git`. The first sync clones it into the cache folder;
 * later ones fetch and hard-reset to the remote branch, so local edits, force-pushes and deleted files all
 * end up exactly as upstream. Files are then what a folder source makes of them (same walker, loaders and
 * content hashes); each document's date is its last commit, and its citation link comes from `urlPattern`
 * (unless the file declares its own `url` in front matter).
 *
 * The clone is blobless (`--filter=blob:none`) rather than shallow: it downloads only the current version
 * of each file, like `--depth 1`, but keeps the commit history, without which every file would be dated by
 * the newest commit. Servers without partial clone, and local paths, simply send everything.
 */
export function readGit(options: GitSourceOptions): SourceReader {
  const checkout = join(options.cacheDir, "repo");
  const url = cloneUrl(options.url);
  const subfolder = options.subfolder?.replace(/^\.?\/+|\/+$/g, "") || undefined;
  const gitOptions = { timeoutMs: options.timeoutMs };
  let folder: SourceReader | null = null;
  let branch = options.branch ?? "";

  return {
    location: subfolder ? `${options.url} (${subfolder})` : options.url,
    notRead: () => folder?.notRead?.() ?? [],
    async list(): Promise<SourceEntry[]> {
      branch = await updateCheckout(checkout, url, options.branch, options.cacheDir, gitOptions);
      const root = subfolder ? resolve(checkout, subfolder) : checkout;
      const inside = relative(checkout, root);
      if (inside.startsWith("..") || isAbsolute(inside)) throw new SourceError(`"${subfolder}" is not a folder inside ${options.url}`);
      if (subfolder && !existsSync(root)) throw new SourceError(`the folder "${subfolder}" does not exist on branch ${branch} of ${options.url}`);
      folder = readFolder({ root, include: options.include, exclude: options.exclude, salt: JSON.stringify([options.salt, branch]) });
      const entries = await folder.list();
      const dates = await gitFileDates(checkout, new Set(entries.map((entry) => repositoryPath(entry.docId))), subfolder);
      return entries.map((entry) => ({ ...entry, updatedAt: dates.get(repositoryPath(entry.docId)) ?? entry.updatedAt }));
    },
    async load(docId) {
      if (!folder) throw new Error("list() must run before load()");
      const content = await folder.load(docId);
      return { ...content, url: content.url ?? fileUrl(docId) };
    },
  };

  function repositoryPath(docId: string): string {
    return subfolder ? `${subfolder}/${docId}` : docId;
  }

  function fileUrl(docId: string): string | null {
    if (!options.urlPattern) return null;
    const encode = (path: string) => path.split("/").map(encodeURIComponent).join("/");
    return options.urlPattern
      .replaceAll("{path}", encode(repositoryPath(docId)))
      .replaceAll("{docId}", encode(docId))
      .replaceAll("{branch}", encode(branch));
  }
}

/**
 * Brings the clone in `checkout` up to date with the remote branch, cloning anew when there is none yet
 * or it was made for another URL or branch. Returns the branch checked out.
 */
async function updateCheckout(checkout: string, url: string, branch: string | undefined, cacheDir: string, options: { timeoutMs?: number }): Promise<string> {
  const recordFile = join(cacheDir, "clone.json");
  const record = await readFile(recordFile, "utf8")
    .then((text) => JSON.parse(text) as CloneRecord)
    .catch(() => null);
  if (record && record.url === url && record.branch === (branch ?? null) && existsSync(join(checkout, ".git"))) {
    await runGit(["fetch", "--prune", "--no-tags", "--quiet", "origin"], { ...options, cwd: checkout });
    await runGit(["reset", "--hard", "--quiet", `refs/remotes/origin/${record.checkedOut}`], { ...options, cwd: checkout });
    await runGit(["clean", "-ffdxq"], { ...options, cwd: checkout });
    return record.checkedOut;
  }
  await rm(checkout, { recursive: true, force: true });
  await mkdir(cacheDir, { recursive: true });
  const branchArgs = branch ? ["--branch", branch] : [];
  await runGit(["clone", "--quiet", "--filter=blob:none", "--single-branch", "--no-tags", ...branchArgs, "--", url, checkout], options);
  const checkedOut = (await runGit(["symbolic-ref", "--quiet", "--short", "HEAD"], { ...options, cwd: checkout }).catch(() => "")).trim();
  if (!checkedOut) throw new SourceError(`${branch ?? "the default branch"} of ${url} is not a branch`);
  await writeFile(recordFile, JSON.stringify({ url, branch: branch ?? null, checkedOut } satisfies CloneRecord));
  return checkedOut;
}

/** Remote URLs go to git as written; a local path is made absolute, since git runs in the cache folder. */
function cloneUrl(url: string): string {
  const remote = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^[^/\\]{2,}:/.test(url);
  return remote ? url : resolve(url);
}

import { readSaltedJson, writeSaltedJson } from "./salted-json-file.ts";

/** A drive item as the delta feed last described it: folders too, since a file's path is made of its ancestors' names. */
export interface KnownItem {
  name: string;
  /** The parent folder's item id; null for the drive's root. */
  parentId: string | null;
  kind: "root" | "folder" | "file";
  /** Files only. */
  file?: {
    /** What the bytes are: Graph's content hash (quickXorHash…), else cTag or eTag. A rename or a sharing change keeps it. */
    version: string;
    webUrl: string | null;
    lastModified: number;
    /** Who may read it, from its permissions; null when they could not be read (the item is then not indexed anew). */
    readers: string[] | null;
  };
}

export interface DriveState {
  name: string;
  /** Where the next sync asks "what changed?"; null before the first complete enumeration. */
  deltaLink: string | null;
  items: Record<string, KnownItem>;
}

export interface SharePointState {
  drives: Record<string, DriveState>;
}

/**
 * What a SharePoint source knows between syncs, in `<cacheDir>/sharepoint-state.json`: each drive's delta
 * link and the items it has described so far. It belongs to the settings it was made with (`salt`: the
 * pipeline, the collection, the Graph address): anything else starts empty, which costs one full enumeration.
 */
export async function loadSharePointState(file: string, salt: string): Promise<SharePointState> {
  return { drives: (await readSaltedJson<SharePointState>(file, salt))?.drives ?? {} };
}

export async function saveSharePointState(file: string, salt: string, state: SharePointState): Promise<void> {
  await writeSaltedJson(file, salt, { drives: state.drives });
}

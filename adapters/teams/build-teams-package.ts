import JSZip from "jszip";
import { COLOR_ICON, OUTLINE_ICON, type TeamsManifest } from "./build-teams-manifest.ts";
import { drawColorIcon, drawOutlineIcon } from "./draw-teams-icons.ts";

/** The app package Teams uploads: manifest.json and both icons at the zip's root (no folder, or Teams refuses it). */
export async function buildTeamsPackage(manifest: TeamsManifest): Promise<Buffer> {
  const zip = new JSZip();
  // A fixed date keeps the zip byte-for-byte the same for the same manifest.
  const date = new Date("2024-01-01T00:00:00Z");
  zip.file("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`, { date });
  zip.file(COLOR_ICON, drawColorIcon(), { date });
  zip.file(OUTLINE_ICON, drawOutlineIcon(), { date });
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

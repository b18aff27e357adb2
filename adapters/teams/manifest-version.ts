/** The Teams app manifest schema version Docent writes (and validates against, offline). */
export const MANIFEST_VERSION = "1.29";

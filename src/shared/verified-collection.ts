/**
 * Verified answers are indexed as documents of their own source, in their own collection: readable wherever
 * the default scope is (a conversation without a scope of its own), and in any scope that lists "verified".
 */
export const VERIFIED_COLLECTION = "verified";
/** The source name their rows carry in the index; no configured source may take it. */
export const VERIFIED_SOURCE = "verified";

/**
 * Who may read a document, and who is asking, in one vocabulary so the two can be compared in the
 * retrieval filter: `everyone` (everyone in the organization), `user:<email or id>`, `group:<id>`.
 * Values are lower-cased so an email from Slack matches the same email from Confluence or Graph.
 */
export const EVERYONE = "everyone";

export function userPrincipal(emailOrId: string): string {
  return `user:${emailOrId.trim().toLowerCase()}`;
}

export function groupPrincipal(id: string): string {
  return `group:${id.trim().toLowerCase()}`;
}

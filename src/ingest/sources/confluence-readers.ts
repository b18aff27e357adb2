import { EVERYONE, groupPrincipal, userPrincipal } from "../../shared/principals.ts";

/** A user or group as Confluence names them in space permissions and page restrictions. */
export type ConfluenceSubject = { kind: "user"; accountId: string } | { kind: "group"; id: string; name?: string } | { kind: "anonymous" };

export interface PrincipalNaming {
  /** The user's email when Confluence gives it out (else the account id stands in, which matches no asker). */
  emailOf: (accountId: string) => string | null;
  /** Ids or names of groups that stand for the whole organization (confluence-users and the like). */
  everyoneGroups: ReadonlySet<string>;
}

/** Who a set of subjects is, as principals; anyone anonymous or a whole-organization group makes it everyone. */
export function subjectsToPrincipals(subjects: ConfluenceSubject[], naming: PrincipalNaming): string[] {
  const principals = new Set<string>();
  for (const subject of subjects) {
    if (subject.kind === "anonymous") return [EVERYONE];
    if (subject.kind === "group") {
      const everyone =
        naming.everyoneGroups.has(subject.id.toLowerCase()) || (subject.name !== undefined && naming.everyoneGroups.has(subject.name.toLowerCase()));
      if (everyone) return [EVERYONE];
      principals.add(groupPrincipal(subject.id));
    } else principals.add(userPrincipal(naming.emailOf(subject.accountId) ?? subject.accountId));
  }
  return [...principals].sort();
}

/**
 * Who may read a page: those who may read its space, narrowed by the read restriction of the page and of
 * every ancestor (Confluence's view restrictions are inherited), `null` standing for "no restriction".
 * Sets are intersected literally, `everyone` being the set of all: a user named on a restriction who reads
 * the space only through a group is not resolved, so the page is withheld from them rather than risked.
 */
export function pageReaders(spaceReaders: string[], restrictions: (string[] | null)[]): string[] {
  let readers = spaceReaders;
  for (const restriction of restrictions) {
    if (restriction === null) continue;
    if (readers.includes(EVERYONE)) readers = restriction;
    else if (!restriction.includes(EVERYONE)) readers = readers.filter((principal) => restriction.includes(principal));
  }
  return [...new Set(readers)].sort();
}

import { EVERYONE, groupPrincipal, userPrincipal } from "../../shared/principals.ts";

/** The parts of a Graph `identity` / `sharePointIdentity` we read (`email` is sent for users though not in every schema). */
interface GraphIdentity {
  id?: string;
  email?: string;
  loginName?: string;
}

/** One `sharePointIdentitySet`: who a permission is granted to. */
interface GraphIdentitySet {
  user?: GraphIdentity;
  group?: GraphIdentity;
  siteUser?: GraphIdentity;
  siteGroup?: GraphIdentity;
}

/** A driveItem `permission` as `GET /drives/{d}/items/{i}/permissions` returns it. */
export interface GraphPermission {
  id?: string;
  roles?: string[];
  grantedToV2?: GraphIdentitySet;
  grantedToIdentitiesV2?: GraphIdentitySet[];
  /** The deprecated forms, still sent by some tenants alongside (or instead of) the V2 ones. */
  grantedTo?: GraphIdentitySet;
  grantedToIdentities?: GraphIdentitySet[];
  link?: { scope?: string; type?: string };
  invitation?: { email?: string };
}

/**
 * Who may read a SharePoint or OneDrive item, from its permissions (inherited ones included: Graph lists them
 * on the item itself): users by email and object id, Entra groups by id, SharePoint site users by the
 * account in their login name, and everyone for a link anyone in the organization (or anyone at all) can
 * open. A SharePoint site group has no Entra id, so no asker's groups ever match it: its members read the
 * item only through another grant. Sorted and de-duplicated, so equal permissions give equal hashes.
 */
export function readersFromPermissions(permissions: readonly GraphPermission[]): string[] {
  const readers = new Set<string>();
  const addIdentities = (set: GraphIdentitySet | undefined) => {
    if (!set) return;
    if (set.user?.email) readers.add(userPrincipal(set.user.email));
    if (set.user?.id) readers.add(userPrincipal(set.user.id));
    if (set.group?.id) readers.add(groupPrincipal(set.group.id));
    // SharePoint's "Everyone except external users" and "Everyone" claims.
    const login = set.siteGroup?.loginName ?? set.siteUser?.loginName ?? "";
    if (/\|rolemanager\|spo-grid-all-users\//i.test(login) || /^c:0\(\.s\|true$/i.test(login)) readers.add(EVERYONE);
    const siteLogin = set.siteUser?.loginName ? accountOfLogin(set.siteUser.loginName) : null;
    if (siteLogin) readers.add(userPrincipal(siteLogin));
    // `c:0o.c|federateddirectoryclaimprovider|<group id>` is an Entra (Microsoft 365) group in SharePoint's words.
    const groupInLogin = /\|federateddirectoryclaimprovider\|([0-9a-f-]{36})(?:_o)?$/i.exec(login);
    if (groupInLogin) readers.add(groupPrincipal(groupInLogin[1]!));
    else if (set.siteGroup?.id) readers.add(groupPrincipal(`sharepoint:${set.siteGroup.loginName ?? set.siteGroup.id}`));
  };
  for (const permission of permissions) {
    const scope = permission.link?.scope;
    if (scope === "organization" || scope === "anonymous") readers.add(EVERYONE);
    // "existingAccess" links grant nothing new; "users" links name their people below.
    addIdentities(permission.grantedToV2 ?? permission.grantedTo);
    for (const set of permission.grantedToIdentitiesV2 ?? permission.grantedToIdentities ?? []) addIdentities(set);
    if (permission.invitation?.email) readers.add(userPrincipal(permission.invitation.email));
  }
  if (readers.has(EVERYONE)) return [EVERYONE];
  return [...readers].sort();
}

/** `i:0#.f|membership|alice@contoso.com` → `alice@contoso.com`; null for logins that name no account. */
function accountOfLogin(loginName: string): string | null {
  const account = loginName.split("|").pop()?.trim() ?? "";
  return account.includes("@") ? account : null;
}

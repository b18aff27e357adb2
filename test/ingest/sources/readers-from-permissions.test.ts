import { describe, expect, it } from "vitest";
import { readersFromPermissions } from "../../../src/ingest/sources/readers-from-permissions.ts";
import { EVERYONE, groupPrincipal, userPrincipal } from "../../../src/shared/principals.ts";

const ALICE = "a1b2c3d4-0000-4000-8000-000000000001";
const HR = "5f0c2a4e-8b1d-4c3a-9e7f-2b6d8a1c4e90";

describe("who may read a SharePoint item, from its Graph permissions", () => {
  it("names a user by email and by object id, and a group by id", () => {
    expect(
      readersFromPermissions([
        {
          id: "1",
          roles: ["write"],
          grantedToV2: { user: { id: ALICE, email: "Alice@Contoso.com" }, siteUser: { id: "7", loginName: "i:0#.f|membership|alice@contoso.com" } },
        },
        { id: "2", roles: ["read"], grantedToV2: { group: { id: HR } } },
      ]),
    ).toEqual([groupPrincipal(HR), userPrincipal("alice@contoso.com"), userPrincipal(ALICE)].sort());
  });

  it("opens an item to everyone through a link for the organization or for anyone", () => {
    expect(
      readersFromPermissions([
        { id: "1", link: { scope: "organization", type: "view" } },
        { id: "2", grantedToV2: { group: { id: HR } } },
      ]),
    ).toEqual([EVERYONE]);
    expect(readersFromPermissions([{ id: "1", link: { scope: "anonymous", type: "view" } }])).toEqual([EVERYONE]);
    // SharePoint's "Everyone except external users" granted directly.
    expect(
      readersFromPermissions([{ id: "1", grantedToV2: { siteGroup: { id: "9", loginName: "c:0-.f|rolemanager|spo-grid-all-users/7c1f6e57-2d3b" } } }]),
    ).toEqual([EVERYONE]);
  });

  it("takes the people of a specific-people link, an invitation's email, and the deprecated forms", () => {
    expect(
      readersFromPermissions([
        { id: "1", link: { scope: "users", type: "view" }, grantedToIdentitiesV2: [{ user: { id: "U1" } }, { user: { id: "U2" } }] },
        { id: "2", invitation: { email: "guest@example.com" } },
        { id: "3", grantedTo: { user: { id: "U3" } } },
      ]),
    ).toEqual([userPrincipal("guest@example.com"), userPrincipal("u1"), userPrincipal("u2"), userPrincipal("u3")]);
  });

  it("reads an Entra group from a site login name, and keeps a SharePoint-only group apart from Entra ids", () => {
    expect(readersFromPermissions([{ id: "1", grantedToV2: { siteUser: { id: "12", loginName: `c:0o.c|federateddirectoryclaimprovider|${HR}` } } }])).toEqual([
      groupPrincipal(HR),
    ]);
    expect(readersFromPermissions([{ id: "1", grantedToV2: { siteGroup: { id: "3", loginName: "HR Members" } } }])).toEqual([
      groupPrincipal("sharepoint:HR Members"),
    ]);
    // An existing-access link grants nothing new: nobody beyond those already named.
    expect(readersFromPermissions([{ id: "1", link: { scope: "existingAccess", type: "view" } }])).toEqual([]);
  });
});

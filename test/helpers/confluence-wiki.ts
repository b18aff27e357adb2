import type { FakePage, FakeSpace, FakeUser } from "./fake-confluence.ts";

/**
 * A small Confluence site with restrictions, for connector and permission tests. HR is open to the whole
 * organization (through the `confluence-users` group); in it "Salary bands" is restricted to Alice, and
 * "Bonus table" beneath it inherits that. LEGAL is readable by Alice and Carol only.
 */
export const WIKI_USERS: FakeUser[] = [
  { accountId: "557058:alice", email: "Alice@Acme.test", displayName: "Alice Archer" },
  { accountId: "557058:bob", email: "bob@acme.test", displayName: "Bob Baker" },
  { accountId: "557058:carol", email: "carol@acme.test", displayName: "Carol Cole" },
];

export const WIKI_SPACES: FakeSpace[] = [
  { id: "98305", key: "HR", name: "Human Resources", readers: { groups: ["confluence-users"] } },
  { id: "98306", key: "LEGAL", name: "Legal", readers: { users: ["557058:alice", "557058:carol"] } },
];

export function wikiPages(): FakePage[] {
  return [
    { id: "100", spaceKey: "HR", title: "People", body: "<p>How the people team works with everyone at Acme.</p>" },
    {
      id: "101",
      spaceKey: "HR",
      parentId: "100",
      title: "Parental leave",
      body: '<h2>Moonbeam leave</h2><p>Every parent takes twenty weeks of moonbeam leave at full pay.</p><ac:structured-macro ac:name="info"><ac:parameter ac:name="icon">true</ac:parameter><ac:rich-text-body><p>Tell your manager eight weeks ahead.</p></ac:rich-text-body></ac:structured-macro>',
    },
    {
      id: "102",
      spaceKey: "HR",
      parentId: "100",
      title: "Salary bands",
      body: "<p>The quartz salary band for senior engineers starts at 140,000 per year.</p>",
      restrictedTo: { users: ["557058:alice"] },
    },
    { id: "103", spaceKey: "HR", parentId: "102", title: "Bonus table", body: "<p>The zircon bonus pays eleven percent of the quartz salary band.</p>" },
    { id: "104", spaceKey: "HR", parentId: "100", title: "Office plants", body: "<p>Water the ficus plants every Tuesday.</p>" },
    { id: "105", spaceKey: "HR", parentId: "100", title: "Snack budget", body: "<p>The snack budget is forty euros per person per month.</p>" },
    { id: "106", spaceKey: "HR", parentId: "100", title: "Holiday calendar", body: "<p>The office closes for the solstice week in December.</p>" },
    { id: "200", spaceKey: "LEGAL", title: "Litigation hold", body: "<p>A litigation hold freezes every garnet mailbox involved in the case.</p>" },
  ];
}

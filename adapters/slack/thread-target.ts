/** Where a reply goes and whom it is for. */
export interface ThreadTarget {
  channel: string;
  threadTs: string;
  user: string;
  teamId: string | null;
  isDirect: boolean;
}

/** Between the headings of a passage's heading path: "Leave › Parental leave". */
export const HEADING_SEPARATOR = " › ";

import { addAIToActivity, type Activity, type ClientCitation, type ClientCitationIconName } from "@microsoft/agents-activity";
import { describeAge } from "../../src/core/describe-age.ts";
import type { Answer, Citation } from "../../src/core/types.ts";
import type { OutgoingActivity } from "./create-conversation-sender.ts";

/** Teams' limits for AI message citations (bot-messages-ai-generated-content). */
export const MAX_CITATIONS = 20;
const MAX_NAME = 80;
const MAX_ABSTRACT = 160;
const MAX_KEYWORDS = 3;
const MAX_KEYWORD = 28;
const HEADING_SEPARATOR = /\s*[›>]\s*/;

/** Teams' predefined citation icons, by file extension; others get none. */
const ICONS: Record<string, ClientCitationIconName> = { pdf: "PDF", docx: "Microsoft Word", doc: "Microsoft Word", md: "Text", txt: "Text" };

export const NOT_GROUNDED_NOTE = "_Note: parts of this answer could not be matched to the sources. Please check the cited documents before relying on it._";

/**
 * An answer as Teams shows AI answers: the text with its `[n]` markers, one `https://schema.org/Message`
 * entity carrying the AI label and a citation per marker, and the native feedback buttons. The sources
 * are listed in the text as well, for clients that show neither citations nor the label.
 */
export function renderAnswerActivity(answer: Answer, now: number = Date.now()): OutgoingActivity {
  const declined = answer.mode === "no-answer";
  const citations = declined ? [] : answer.citations.slice(0, MAX_CITATIONS).map((c) => toClientCitation(c, now));
  const activity: OutgoingActivity = {
    type: "message",
    text: declined ? renderNoAnswerText(answer, now) : renderAnswerText(answer, now),
    entities: [],
    // The current form of Teams' feedback buttons ("default" shows Teams' own form). The older
    // `feedbackLoopEnabled: true`, which the SDK's StreamingResponse still sends, is what the retired
    // Teams AI library v1 used; the docs no longer ask for it.
    channelData: { feedbackLoop: { type: "default" } },
  };
  // The SDK's one root `https://schema.org/Message` entity: the AI label, plus the citations when there are any.
  // Its parameter is typed as the SDK's Activity class, but it only appends to `entities`.
  addAIToActivity(activity as Activity, citations.length ? citations : undefined);
  // It also leaves `citation` and `usageInfo` keys set to undefined, which JSON drops on the wire; dropped
  // here too, so the activity is exactly what Teams receives.
  for (const entity of activity.entities!) for (const key of Object.keys(entity)) if (entity[key] === undefined) delete entity[key];
  return activity;
}

function renderAnswerText(answer: Answer, now: number): string {
  const parts = [answer.text.trim()];
  if (!answer.grounded) parts.push(NOT_GROUNDED_NOTE);
  if (answer.citations.length) parts.push(`**Sources:**\n\n${answer.citations.map((c) => `[${c.n}] ${sourceLine(c, now)}`).join("\n\n")}`);
  return parts.join("\n\n");
}

/** Nothing relevant was found: say so and list the closest documents, with no `[n]` to suggest a claim. */
function renderNoAnswerText(answer: Answer, now: number): string {
  const lines = answer.citations.map((c) => `- ${sourceLine(c, now)}`);
  return [answer.text.trim(), ...(lines.length ? [lines.join("\n")] : [])].join("\n\n");
}

function sourceLine(citation: Citation, now: number): string {
  const url = httpUrl(citation.url);
  const age = describeAge(citation.updatedAt, now);
  return `${url ? `${citation.title} – ${url}` : citation.title}${age ? ` (${age})` : ""}`;
}

function toClientCitation(citation: Citation, now: number): ClientCitation {
  const url = httpUrl(citation.url);
  const age = describeAge(citation.updatedAt, now);
  // Keywords show under the citation: the last heading steps, and how fresh the document is.
  const headingSteps = (citation.heading ?? "")
    .split(HEADING_SEPARATOR)
    .map((part) => part.trim())
    .filter(Boolean)
    .slice(-(age ? MAX_KEYWORDS - 1 : MAX_KEYWORDS));
  const keywords = [...headingSteps, ...(age ? [age] : [])].map((part) => clip(part, MAX_KEYWORD));
  const icon = ICONS[citation.docId.split(".").pop()?.toLowerCase() ?? ""];
  return {
    "@type": "Claim",
    position: citation.n,
    appearance: {
      "@type": "DigitalDocument",
      name: clip(citation.title || citation.docId, MAX_NAME),
      // Teams rejects an empty appearance; the abstract is never empty.
      abstract: clip(citation.snippet || citation.title || citation.docId, MAX_ABSTRACT),
      ...(url ? { url } : {}),
      ...(keywords.length ? { keywords } : {}),
      ...(icon ? { image: { "@type": "ImageObject" as const, name: icon } } : {}),
    },
  };
}

function httpUrl(url: string | null): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

import type { Activity } from "botbuilder";
import { describeAge } from "../../src/core/describe-age.ts";
import type { Answer, Citation } from "../../src/core/types.ts";

/** Teams' limits for AI message citations (bot-messages-ai-generated-content). */
export const MAX_CITATIONS = 20;
const MAX_NAME = 80;
const MAX_ABSTRACT = 160;
const MAX_KEYWORDS = 3;
const MAX_KEYWORD = 28;
const HEADING_SEPARATOR = /\s*[›>]\s*/;

/** Teams' predefined citation icons, by file extension; others get none. */
const ICONS: Record<string, string> = { pdf: "PDF", docx: "Microsoft Word", doc: "Microsoft Word", md: "Text", txt: "Text" };

export interface CitationAppearance {
  "@type": "DigitalDocument";
  name: string;
  abstract: string;
  url?: string;
  keywords?: string[];
  image?: { "@type": "ImageObject"; name: string };
}

export interface ClientCitation {
  "@type": "Claim";
  position: number;
  appearance: CitationAppearance;
}

/** The one root message entity: the "AI generated" label plus the citations behind the `[n]` markers. */
export interface AiMessageEntity {
  type: "https://schema.org/Message";
  "@type": "Message";
  "@context": "https://schema.org";
  "@id": "";
  additionalType: ["AIGeneratedContent"];
  citation?: ClientCitation[];
}

export const NOT_GROUNDED_NOTE = "_Note: parts of this answer could not be matched to the sources. Please check the cited documents before relying on it._";

/**
 * An answer as Teams shows AI answers: the text with its `[n]` markers, one `https://schema.org/Message`
 * entity carrying the AI label and a citation per marker, and the native feedback buttons. The sources
 * are listed in the text as well, for clients that show neither citations nor the label.
 */
export function renderAnswerActivity(answer: Answer, now: number = Date.now()): Partial<Activity> {
  const declined = answer.mode === "no-answer";
  const citations = declined ? [] : answer.citations.slice(0, MAX_CITATIONS).map((c) => toClientCitation(c, now));
  const entity: AiMessageEntity = {
    type: "https://schema.org/Message",
    "@type": "Message",
    "@context": "https://schema.org",
    "@id": "",
    additionalType: ["AIGeneratedContent"],
    ...(citations.length ? { citation: citations } : {}),
  };
  return {
    type: "message",
    text: declined ? renderNoAnswerText(answer, now) : renderAnswerText(answer, now),
    entities: [entity],
    // The current form of Teams' feedback buttons ("default" shows Teams' own form). The older
    // `feedbackLoopEnabled: true` is what the retired Teams AI library v1 sent; the docs no longer ask for it.
    channelData: { feedbackLoop: { type: "default" } },
  };
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

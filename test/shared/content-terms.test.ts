import { describe, expect, it } from "vitest";
import { contentTerms } from "../../src/shared/content-terms.ts";

describe("the content words of a question", () => {
  it("leave out the word after 'how' that asks for a measure: it is not what the question is about", () => {
    expect(contentTerms("how long is parental leave?")).toEqual(["parent", "leav"]);
    expect(contentTerms("how quickly do I have to ack a page?")).toEqual(["ack", "page"]);
    expect(contentTerms("how fast must we post the first update?")).toEqual(["post", "first", "updat"]);
  });

  it("keep the same word where it names something", () => {
    expect(contentTerms("is there a fast track for long-term contracts?")).toEqual(["fast", "track", "long", "term", "contract"]);
  });
});

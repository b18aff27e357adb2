import { describe, expect, it } from "vitest";
import { readFeedbackInvoke } from "../../../adapters/teams/read-feedback-invoke.ts";

const value = (actionValue: unknown) => ({ actionName: "feedback", actionValue });

describe("reading Teams' feedback invoke", () => {
  it("maps like to up and dislike to down", () => {
    expect(readFeedbackInvoke(value({ reaction: "like" }))).toEqual({ rating: "up", comment: null });
    expect(readFeedbackInvoke(value({ reaction: "dislike" }))).toEqual({ rating: "down", comment: null });
  });

  it("takes the comment from the default form's JSON string", () => {
    expect(readFeedbackInvoke(value({ reaction: "dislike", feedback: '{"feedbackText":"  Out of date  "}' }))).toEqual({
      rating: "down",
      comment: "Out of date",
    });
    expect(readFeedbackInvoke(value({ reaction: "like", feedback: '{"feedbackText":""}' }))).toEqual({ rating: "up", comment: null });
  });

  it("accepts the comment as an object, or as plain text", () => {
    expect(readFeedbackInvoke(value({ reaction: "like", feedback: { feedbackText: "Great" } }))?.comment).toBe("Great");
    expect(readFeedbackInvoke(value({ reaction: "like", feedback: "Great" }))?.comment).toBe("Great");
  });

  it("keeps at most 2000 characters of a comment", () => {
    expect(readFeedbackInvoke(value({ reaction: "like", feedback: JSON.stringify({ feedbackText: "x".repeat(5000) }) }))?.comment).toHaveLength(2000);
  });

  it("returns null for anything that is not feedback", () => {
    for (const bad of [
      null,
      "feedback",
      {},
      { actionName: "other", actionValue: { reaction: "like" } },
      value({ reaction: "love" }),
      value(null),
      value({ reaction: "like", feedback: 42 }),
    ]) {
      expect(readFeedbackInvoke(bad)).toBeNull();
    }
  });
});

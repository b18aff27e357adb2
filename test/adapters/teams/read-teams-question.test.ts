import type { Activity } from "@microsoft/agents-activity";
import { describe, expect, it } from "vitest";
import { readTeamsQuestion } from "../../../adapters/teams/read-teams-question.ts";
import { stripBotMention } from "../../../adapters/teams/strip-bot-mention.ts";
import { EVERYONE, userPrincipal } from "../../../src/shared/principals.ts";
import { BOT, channelMention, groupChatMessage, personalMessage, USER } from "./fixtures/activities.ts";

const SERVICE = "https://smba.trafficmanager.net/emea/";
const asActivity = (value: Record<string, any>) => value as Activity;
const mention = (text: string, mentioned = BOT) => ({ type: "mention", text, mentioned });

describe("removing the bot's @mention", () => {
  it("removes the mention the entity names", () => {
    expect(stripBotMention({ text: "<at>KB Bot</at> what is the leave policy?", entities: [mention("<at>KB Bot</at>")], recipient: BOT })).toEqual({
      text: "what is the leave policy?",
      mentioned: true,
    });
  });

  it("removes it when the text writes the name differently from the entity (&nbsp;, case)", () => {
    const stripped = stripBotMention({ text: "<at>kb&nbsp;bot</at>&nbsp;what is the leave policy?", entities: [mention("<at>KB Bot</at>")], recipient: BOT });
    expect(stripped).toEqual({ text: "what is the leave policy?", mentioned: true });
  });

  it("removes a name split over two tags", () => {
    const stripped = stripBotMention({ text: "<at>KB</at> <at>Bot</at> what is the leave policy?", entities: [mention("<at>KB Bot</at>")], recipient: BOT });
    expect(stripped.text).toBe("what is the leave policy?");
  });

  it("removes the leading tag when the entity names the bot but no tag matches (a renamed bot)", () => {
    const stripped = stripBotMention({
      text: "<at>Knowledge Helper</at> what is the leave policy?",
      entities: [mention("<at>Docent</at>")],
      recipient: { ...BOT, name: "Docent" },
    });
    expect(stripped).toEqual({ text: "what is the leave policy?", mentioned: true });
  });

  it("finds the mention by the bot's name when the entity is missing", () => {
    expect(stripBotMention({ text: "<at>KB Bot</at> hi there", entities: [], recipient: BOT })).toEqual({ text: "hi there", mentioned: true });
  });

  it("keeps other people's mentions as their plain names", () => {
    const alice = { id: "29:alice", name: "Alice Example" };
    const stripped = stripBotMention({
      text: "<at>KB Bot</at> who approves <at>Alice Example</at>'s expenses?",
      entities: [mention("<at>KB Bot</at>"), mention("<at>Alice Example</at>", alice)],
      recipient: BOT,
    });
    expect(stripped).toEqual({ text: "who approves Alice Example's expenses?", mentioned: true });
  });

  it("reports no mention when only someone else is mentioned", () => {
    const alice = { id: "29:alice", name: "Alice" };
    expect(stripBotMention({ text: "<at>Alice</at> lunch?", entities: [mention("<at>Alice</at>", alice)], recipient: BOT })).toEqual({
      text: "Alice lunch?",
      mentioned: false,
    });
  });
});

describe("reading the question in a Teams message", () => {
  it("reads a channel mention: the channel as the scope, the reply chain as the thread", () => {
    const activity = channelMention(SERVICE, "what is the leave policy?");
    expect(readTeamsQuestion(asActivity(activity))).toEqual({
      scope: "channel",
      question: {
        platform: "teams",
        user: USER.aadObjectId,
        conversation: "19:abc@thread.tacv2",
        thread: `19:abc@thread.tacv2;messageid=${activity.id}`,
        text: "what is the leave policy?",
        history: [],
        // Everyone in the channel sees the answer.
        audience: { kind: "shared" },
      },
    });
  });

  it("ignores a channel message that does not mention the bot", () => {
    const activity = channelMention(SERVICE, "", { text: "what is the leave policy?" });
    expect(readTeamsQuestion(asActivity({ ...activity, entities: [] }))).toBeNull();
  });

  it("takes every message in a personal chat, with the chat as scope and thread", () => {
    const activity = personalMessage(SERVICE, "  what is the leave policy? ", { chatId: "a:1chat" });
    expect(readTeamsQuestion(asActivity(activity))).toEqual({
      scope: "personal",
      question: {
        platform: "teams",
        user: USER.aadObjectId,
        conversation: "a:1chat",
        thread: "a:1chat",
        text: "what is the leave policy?",
        history: [],
        // Only the asker sees it: what everyone may read, and what is shared with them by object id.
        audience: { kind: "private", principals: [EVERYONE, userPrincipal(USER.aadObjectId)] },
      },
    });
  });

  it("answers a group chat for everyone in it, and a personal chat for the asker with any UPN the activity carries", () => {
    expect(readTeamsQuestion(asActivity(groupChatMessage(SERVICE, "leave policy?", { mention: true })))?.question.audience).toEqual({ kind: "shared" });
    const activity = personalMessage(SERVICE, "hi");
    const withUpn = { ...activity, from: { ...activity.from, userPrincipalName: "User.One@Contoso.com" } };
    expect(readTeamsQuestion(asActivity(withUpn))?.question.audience).toEqual({
      kind: "private",
      principals: [EVERYONE, userPrincipal(USER.aadObjectId), "user:user.one@contoso.com"],
    });
  });

  it("takes a group chat message only when it mentions the bot", () => {
    expect(readTeamsQuestion(asActivity(groupChatMessage(SERVICE, "leave policy?", { mention: true })))?.question.text).toBe("leave policy?");
    expect(readTeamsQuestion(asActivity(groupChatMessage(SERVICE, "leave policy?", { mention: false })))).toBeNull();
  });

  it("falls back to the channel account id when there is no Entra object id", () => {
    const activity = personalMessage(SERVICE, "hi");
    expect(readTeamsQuestion(asActivity({ ...activity, from: { id: "29:guest" } }))?.question.user).toBe("29:guest");
  });

  it("ignores other activity types and the bot's own messages", () => {
    const activity = personalMessage(SERVICE, "hi");
    expect(readTeamsQuestion(asActivity({ ...activity, type: "conversationUpdate" }))).toBeNull();
    expect(readTeamsQuestion(asActivity({ ...activity, from: BOT }))).toBeNull();
  });

  it("treats a chat without conversationType (the Emulator) by whether it is a group", () => {
    const activity = personalMessage(SERVICE, "hi");
    expect(readTeamsQuestion(asActivity({ ...activity, conversation: { id: "emu-1" } }))?.scope).toBe("personal");
    expect(readTeamsQuestion(asActivity({ ...activity, conversation: { id: "emu-2", isGroup: true } }))).toBeNull();
  });
});

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { EVENTS_PATH } from "../../../adapters/slack/create-slack-adapter.ts";
import { SUGGESTED_PROMPTS } from "../../../adapters/slack/register-home-listener.ts";
import { SAVE_VERIFIED_CALLBACK_ID } from "../../../adapters/slack/register-verified-shortcut.ts";

const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, "../../../manifest.json"), "utf8"));

/** What the adapter calls or receives, and the bot scope Slack requires for it (docs.slack.dev reference). */
const SCOPE_FOR = {
  "event app_mention": "app_mentions:read",
  "event message.im": "im:history",
  "event message.channels": "channels:history",
  "event message.groups": "groups:history",
  "event app_home_opened": null,
  "event assistant_thread_started": null,
  "chat.postMessage / chat.update / chat.postEphemeral": "chat:write",
  "chat.startStream / appendStream / stopStream": "chat:write",
  "assistant.threads.setStatus": "chat:write",
  "assistant.threads.setSuggestedPrompts": "assistant:write",
  "assistant.threads.setTitle": "assistant:write",
  "views.open (with a trigger id)": null,
  "views.publish (the Home tab)": null,
  "message shortcut (Save as verified answer)": "commands",
  "chat.getPermalink (the verified reply's link)": null,
  "conversations.replies (the verified reply's thread)": "channels:history",
  // Who asks in a DM, so the answer may draw on what they may read.
  "users.info": "users:read",
  "users.info (user.profile.email)": "users:read.email",
} as const;

/** The manifest fields Slack requires or this app relies on, with Slack's documented limits (web-api 8 Manifest type). */
const manifestSchema = z.object({
  display_information: z.object({
    name: z.string().min(1).max(35),
    description: z.string().max(140),
    long_description: z.string().min(175).max(4000),
    background_color: z.string().regex(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i),
  }),
  features: z.object({
    app_home: z.object({ messages_tab_enabled: z.literal(true), messages_tab_read_only_enabled: z.literal(false), home_tab_enabled: z.literal(true) }),
    bot_user: z.object({ display_name: z.string().regex(/^[a-z0-9._-]{1,80}$/), always_online: z.literal(true) }),
    agent_view: z
      .object({
        agent_description: z.string().min(1).max(300),
        suggested_prompts: z.array(z.object({ title: z.string().min(1), message: z.string().min(1) }).strict()).max(4),
      })
      .strict(),
    // Slack's limits for a shortcut (web-api 8 Manifest type): callback_id at most 255 characters, description 150.
    shortcuts: z
      .array(
        z
          .object({
            name: z.string().min(1),
            type: z.enum(["message", "global"]),
            callback_id: z.string().min(1).max(255),
            description: z.string().min(1).max(150),
          })
          .strict(),
      )
      .max(10),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()).min(1) }).strict() }),
  settings: z.object({
    event_subscriptions: z.object({ request_url: z.string().url(), bot_events: z.array(z.string()).min(1).max(100) }).strict(),
    interactivity: z.object({ is_enabled: z.literal(true), request_url: z.string().url() }).strict(),
    org_deploy_enabled: z.boolean(),
    socket_mode_enabled: z.boolean(),
    token_rotation_enabled: z.boolean(),
  }),
});

describe("manifest.json", () => {
  it("has every field Slack requires, within Slack's limits, for the agent messaging experience", () => {
    const parsed = manifestSchema.safeParse(manifest);
    expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([]);
    // The legacy assistant view must not be declared next to the agent view.
    expect(manifest.features.assistant_view).toBeUndefined();
  });

  it("asks for exactly the scopes the adapter uses, and has a scope for every event it subscribes to", () => {
    const needed = [...new Set(Object.values(SCOPE_FOR).filter((scope): scope is NonNullable<typeof scope> => scope !== null))].sort();
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(needed);
    const events = Object.keys(SCOPE_FOR)
      .filter((k) => k.startsWith("event "))
      .map((k) => k.slice("event ".length))
      .sort();
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(events);
    for (const event of manifest.settings.event_subscriptions.bot_events as string[]) {
      const scope = SCOPE_FOR[`event ${event}` as keyof typeof SCOPE_FOR];
      if (scope) expect(manifest.oauth_config.scopes.bot).toContain(scope);
    }
  });

  it("sends events and interactivity to the one endpoint the adapter mounts, over HTTPS", () => {
    const events = new URL(manifest.settings.event_subscriptions.request_url);
    const interactivity = new URL(manifest.settings.interactivity.request_url);
    expect(events.href).toBe(interactivity.href);
    expect(events.protocol).toBe("https:");
    expect(events.pathname).toBe(EVENTS_PATH);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it("declares the message shortcut that saves a verified answer, under the callback id the adapter listens to", () => {
    expect(manifest.features.shortcuts).toEqual([expect.objectContaining({ type: "message", callback_id: SAVE_VERIFIED_CALLBACK_ID })]);
  });

  it("suggests the same generic prompts as the app falls back to when neither the config nor the index gives any", () => {
    expect(manifest.features.agent_view.suggested_prompts).toEqual(SUGGESTED_PROMPTS);
  });

  it("gets every event the agent experience needs: the agent DM and Home tab opening, and assistant threads starting", () => {
    expect(manifest.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(["app_home_opened", "assistant_thread_started", "message.im"]));
    expect(manifest.oauth_config.scopes.bot).toContain("assistant:write");
  });
});

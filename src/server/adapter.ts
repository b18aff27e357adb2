import type { HttpRoute } from "./http-route.ts";

/** What each platform adapter gives the server: its routes and, for connections it opens itself, start/stop. */
export interface Adapter {
  name: string;
  routes: HttpRoute[];
  /** One line for the start-up banner, e.g. "Slack: HTTP at /slack/events". */
  banner: string;
  /** Opens outbound connections (Slack's Socket Mode); HTTP-only adapters leave it out. */
  start?(): Promise<void>;
  /** Finishes work in flight and closes connections. */
  stop?(): Promise<void>;
}

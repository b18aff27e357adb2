import type { Config } from "../config.ts";
import type { DocentCore } from "../core/docent-core.ts";
import type { Logger } from "../logger.ts";
import type { SharedState } from "../state/shared-state.ts";
import type { WorkTracker } from "../shared/create-work-tracker.ts";
import type { AckFirstScheduler } from "./create-ack-first-scheduler.ts";
import type { HttpRoute } from "./http-route.ts";
import type { DocentServer } from "./start-docent.ts";

/** What each platform adapter gives the server: its routes and, for connections it opens itself, start/stop. */
export interface Adapter {
  name: string;
  routes: HttpRoute[];
  /** One line for the start-up banner, e.g. "Slack: HTTP at /slack/events". */
  banner: string;
  /**
   * Reaches the services the platform needs (Slack's auth.test, Socket Mode). Rejects only for what no
   * retry can fix (a refused token); a service that is down leaves the adapter degraded, retrying.
   */
  start?(): Promise<void>;
  /**
   * Whether the platform can take questions now. "degraded" when a service it depends on is down (Slack
   * unreachable at start-up): the server keeps serving the other platforms and `/healthz` gives the reason.
   */
  health?(): { status: "ok" } | { status: "degraded"; reason: string };
  /** Finishes work in flight and closes connections. */
  stop?(): Promise<void>;
}

/** What every adapter is given: the configuration, the core it asks, the logger and the shared ack scheduler. */
export interface AdapterContext {
  config: Config;
  core: DocentCore;
  logger: Logger;
  /** Shared by every adapter, so no answer starts while any platform's request still waits for its ack. */
  ackScheduler?: AckFirstScheduler;
  /** Shared by the core and every adapter: stopping waits here once for every answer still being written. */
  answers?: WorkTracker;
  /** Replica-wide state (Slack's delivery claims); this process's memory unless Redis is configured. */
  state?: SharedState;
  /** For the playground's admin view. */
  docent: () => DocentServer;
}

export type AdapterFactory = (context: AdapterContext) => Promise<Adapter | null>;

import type { Logger } from "../logger.ts";
import { createMemoryState } from "./memory-state.ts";
import { createRedisState, describeRedisUrl } from "./redis-state.ts";
import type { SharedState } from "./shared-state.ts";

/** Redis when a URL is configured (`DOCENT_REDIS_URL`), else this process's memory: today's single-replica default. */
export async function openSharedState(redisUrl: string | undefined, logger: Logger): Promise<SharedState> {
  if (!redisUrl) return createMemoryState();
  const state = await createRedisState({ url: redisUrl, logger });
  logger.info({ redis: describeRedisUrl(redisUrl) }, "shared state in Redis: replicas share de-duplication, thread memory and rate limits");
  return state;
}

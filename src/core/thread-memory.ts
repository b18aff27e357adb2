import { createMemoryState } from "../state/memory-state.ts";
import type { SharedState } from "../state/shared-state.ts";
import type { Turn } from "./types.ts";

export interface ThreadMemoryOptions {
  maxTurns?: number;
  /** Threads untouched for this long are forgotten. */
  ttlMs?: number;
}

export interface ThreadMemory {
  get(key: string): Promise<Turn[]>;
  append(key: string, ...turns: Turn[]): Promise<void>;
  has(key: string): Promise<boolean>;
}

/**
 * Recent turns per thread, bounded in turns and age, kept in the shared state so a follow-up may land on any
 * replica. Teams offers bots no thread history API and Slack's is rate-limited for most apps, so the core
 * remembers what it was asked and answered.
 */
export function createThreadMemory(state: SharedState = createMemoryState(), options: ThreadMemoryOptions = {}): ThreadMemory {
  const maxTurns = options.maxTurns ?? 10;
  const ttlMs = options.ttlMs ?? 24 * 3600_000;
  const get = async (key: string) => (await state.readList(`thread:${key}`)).flatMap(readTurn);
  return {
    get,
    async append(key, ...turns) {
      await state.appendToList(
        `thread:${key}`,
        turns.map((turn) => JSON.stringify(turn)),
        { maxLength: maxTurns, ttlMs },
      );
    },
    has: async (key) => (await get(key)).length > 0,
  };
}

/** A stored turn; anything else (written by another version, or damaged) is skipped rather than trusted. */
function readTurn(stored: string): Turn[] {
  try {
    const turn = JSON.parse(stored) as Turn;
    return (turn.role === "user" || turn.role === "assistant") && typeof turn.text === "string" ? [{ role: turn.role, text: turn.text }] : [];
  } catch {
    return [];
  }
}

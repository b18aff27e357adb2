export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface CompleteOptions {
  /** Called with each piece of text as it streams in. */
  onDelta?: (delta: string) => void;
  signal?: AbortSignal;
  maxTokens?: number;
  temperature?: number;
}

/** One interface for every chat provider; the core never knows which one it talks to. */
export interface ChatModel {
  /** The model's name, shown in banners and logs. */
  readonly name: string;
  /** Resolves with the whole reply text; rejects with a ChatModelError on timeout, HTTP failure or an empty reply. */
  complete(messages: ChatMessage[], options?: CompleteOptions): Promise<string>;
}

export class ChatModelError extends Error {
  constructor(
    message: string,
    readonly kind: "timeout" | "http" | "empty" | "network",
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ChatModelError";
  }
}

/**
 * Change notifications between the parts of one node and, in a cluster,
 * between nodes: "blocklist entry X changed", "rules changed". Subscribers
 * re-read from storage; a message carries ids, never personal data.
 */
export interface Bus {
  publish(topic: string, payload: Record<string, unknown>): Promise<void>;
  subscribe(topic: string, handler: (payload: Record<string, unknown>) => void | Promise<void>): void;
  close(): Promise<void>;
}

/** The embedded bus: handlers run in process, after the publisher's commit. */
export class LocalBus implements Bus {
  private readonly handlers = new Map<string, ((p: Record<string, unknown>) => void | Promise<void>)[]>();

  async publish(topic: string, payload: Record<string, unknown>): Promise<void> {
    for (const h of this.handlers.get(topic) ?? []) await h(payload);
  }

  subscribe(topic: string, handler: (payload: Record<string, unknown>) => void | Promise<void>): void {
    const list = this.handlers.get(topic) ?? [];
    list.push(handler);
    this.handlers.set(topic, list);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}

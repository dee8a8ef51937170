/**
 * Change notifications between nodes: "blocklist entry X changed", "rules
 * changed". The node that makes a change applies it to its own memory first
 * (so it is in force before the API answers), then publishes; the other
 * nodes' subscribers re-read from storage. A message carries ids or blind
 * indexes, never personal data.
 */
export interface Bus {
  /**
   * Tells the other nodes; never calls this node's own subscribers. Resolves
   * even when the message could not be sent (logged): it is a hint about a
   * change already committed, and must never fail that change.
   */
  publish(topic: string, payload: Record<string, unknown>): Promise<void>;
  subscribe(topic: string, handler: (payload: Record<string, unknown>) => void | Promise<void>): void;
  close(): Promise<void>;
}

/** The embedded bus: one node, so there is nobody to tell. */
export class LocalBus implements Bus {
  async publish(): Promise<void> {}

  subscribe(): void {}

  async close(): Promise<void> {}
}

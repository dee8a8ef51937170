/**
 * Turn-taking between the SQLite connections of one process: the main one
 * (Kysely) and the message recorder's writer thread. SQLite lets one
 * connection write at a time and makes the other wait in its busy handler,
 * which sleeps 1, 2, 5, 10 … 100 ms between tries, on the main thread
 * blocking the event loop. Screening with complaint intake on the main
 * connection and records on the writer thread spent most of its time there
 * (4k screens/s recorded against 180k unrecorded). Taking turns here, in
 * order, the wait is exactly as long as the other's transaction, and the
 * event loop runs meanwhile.
 *
 * Other processes (the CLI beside a running server) still meet SQLite's busy timeout.
 */
export class WriteGate {
  private tail: Promise<void> = Promise.resolve();

  /** Waits for the turn; call the returned function to pass it on. */
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const before = this.tail;
    this.tail = before.then(() => mine);
    await before;
    return release;
  }
}

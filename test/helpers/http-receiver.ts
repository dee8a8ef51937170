import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as sent (signatures are checked over it). */
  body: string;
  /** What the receiver answered (503 also for a request it left hanging). */
  status: number;
}

/**
 * A real HTTP endpoint on a free loopback port that records every request.
 * `mode('down')` answers 503; `stop()` closes the port entirely (connections
 * are refused) and `start()` opens it again on the same port.
 */
export interface HttpReceiver {
  url: string;
  port: number;
  /** Every request, including the ones answered 503. */
  requests: ReceivedRequest[];
  /** Requests answered 2xx. */
  accepted(): ReceivedRequest[];
  mode(m: 'up' | 'down' | 'hang'): void;
  stop(): Promise<void>;
  start(): Promise<void>;
  waitFor(acceptedCount: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
}

export async function startHttpReceiver(path = '/hook'): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  let current: 'up' | 'down' | 'hang' = 'up';
  let server: Server | null = null;
  let port = 0;

  const open = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const status = current === 'up' ? 200 : 503;
          const record = {
            method: req.method ?? '',
            url: req.url ?? '',
            headers: req.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            status,
          };
          requests.push(record);
          if (current === 'hang') return; // never answer; the client must time out
          res.writeHead(status, { 'content-type': 'text/plain' });
          res.end(status === 200 ? 'ok' : 'temporarily down');
        });
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        const address = s.address();
        port = typeof address === 'object' && address ? address.port : port;
        server = s;
        resolve();
      });
    });

  await open();
  return {
    get url() {
      return `http://127.0.0.1:${port}${path}`;
    },
    get port() {
      return port;
    },
    requests,
    accepted: () => requests.filter((r) => r.status === 200),
    mode(m) {
      current = m;
    },
    async stop() {
      const s = server;
      if (!s) return;
      server = null;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    },
    async start() {
      if (!server) await open();
    },
    async waitFor(count, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      while (requests.filter((r) => r.status === 200).length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} accepted requests`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return requests.filter((r) => r.status === 200);
    },
  };
}

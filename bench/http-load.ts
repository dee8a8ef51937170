// An HTTP load generator for the benchmarks, run as a child process so it
// never shares the server's event loop:
//
//   node bench/http-load.ts CONFIG.json   (through tsx: see runLoad)
//
// Two modes, both POSTing a rotating mix of bodies over `connections`
// keep-alive sockets:
// - closed loop (no `rate`): every connection sends its next request when the
//   last one is answered — the maximum rate the server sustains;
// - open loop (`rate`): requests are due at fixed intervals whatever the
//   server does, and each latency is measured from when the request was due,
//   so time spent waiting for a free socket counts (no coordinated omission:
//   a stalled server shows as a long tail, not as fewer samples).
//
// Why our own and not autocannon: autocannon sends one body per run from its
// CLI, and its `-R` rate limit is closed loop (latency from the send, not from
// when a request was due). This is ~150 lines on node:http.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';

export interface LoadConfig {
  url: string;
  headers: Record<string, string>;
  /** Sent in turn, request k gets bodies[k % length]. */
  bodies: string[];
  connections: number;
  seconds: number;
  /** Requests per second offered (open loop); absent: closed loop at full speed. */
  rate?: number;
}

export interface LoadResult {
  mode: 'closed' | 'open';
  offeredPerSecond: number | null;
  requestsPerSecond: number;
  completed: number;
  non2xx: number;
  errors: number;
  /** Requests still unanswered when the run ended (open loop: the server fell behind). */
  unfinished: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

const percentile = (sorted: Float64Array, q: number): number =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);

const round2 = (x: number) => Math.round(x * 100) / 100;

export async function generateLoad(config: LoadConfig): Promise<LoadResult> {
  const url = new URL(config.url);
  const agent = new Agent({ keepAlive: true, maxSockets: config.connections });
  const bodies = config.bodies.map((b) => Buffer.from(b));
  let latencies = new Float64Array(1 << 16);
  let completed = 0;
  let non2xx = 0;
  let errors = 0;
  let inFlight = 0;
  let k = 0;
  let stopped = false;

  const record = (ms: number) => {
    if (completed === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[completed++] = ms;
  };

  /** One request; resolves when answered (or failed). `due` is when it was meant to start. */
  const send = (due: number): Promise<void> =>
    new Promise((resolve) => {
      const body = bodies[k++ % bodies.length] as Buffer;
      inFlight++;
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: 'POST',
          headers: { ...config.headers, 'content-length': body.length },
          timeout: 30_000,
        },
        (res) => {
          res.on('data', () => {});
          res.on('end', () => {
            inFlight--;
            if (!stopped) {
              if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) non2xx++;
              record(performance.now() - due);
            }
            resolve();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        inFlight--;
        if (!stopped) errors++;
        resolve();
      });
      req.end(body);
    });

  const started = performance.now();
  const end = started + config.seconds * 1000;
  if (config.rate === undefined) {
    const worker = async () => {
      while (performance.now() < end) await send(performance.now());
    };
    await Promise.all(Array.from({ length: config.connections }, worker));
  } else {
    const interval = 1000 / config.rate;
    let issued = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        if (now >= end) return resolve();
        // Every request due by now is issued now, measured from when it was due.
        const due = Math.floor((now - started) / interval);
        for (; issued < due; issued++) void send(started + issued * interval);
        setImmediate(tick);
      };
      tick();
    });
  }
  const elapsed = (performance.now() - started) / 1000;
  stopped = true;
  const unfinished = inFlight;
  agent.destroy();
  const sorted = latencies.slice(0, completed).sort();
  return {
    mode: config.rate === undefined ? 'closed' : 'open',
    offeredPerSecond: config.rate ?? null,
    requestsPerSecond: Math.round(completed / elapsed),
    completed,
    non2xx,
    errors,
    unfinished,
    p50Ms: round2(percentile(sorted, 0.5)),
    p99Ms: round2(percentile(sorted, 0.99)),
    p999Ms: round2(percentile(sorted, 0.999)),
    maxMs: round2(sorted.length ? (sorted[sorted.length - 1] as number) : 0),
  };
}

// As a child process: the config file in, one JSON line out.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const config = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as LoadConfig;
  generateLoad(config).then(
    // Exit at once: an open-loop run past the server's capacity leaves requests
    // queued in the agent, which would keep the process alive (counted as unfinished).
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`, () => process.exit(0)),
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    },
  );
}

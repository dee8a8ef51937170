import { SMTPServer } from 'smtp-server';

/** One message as the sink received it, with the parts a test reads decoded. */
export interface ReceivedMail {
  /** Envelope. */
  from: string;
  to: string[];
  /** The authenticated user, or null. */
  user: string | null;
  raw: string;
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
  /** Content-Transfer-Encoding of each leaf part, in order. */
  encodings: string[];
}

export interface SmtpSink {
  /** `smtp://user:pass@127.0.0.1:<port>` */
  url: string;
  messages: ReceivedMail[];
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on a free loopback port that keeps what it receives.
 * It requires AUTH with `user`/`pass` (so the tests prove the URL's
 * credentials are used) and offers no STARTTLS (no certificate to trust).
 */
export async function startSmtpSink(user = 'warden', pass = 's3cret-pass'): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) callback(null, { user });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = parseMessage(raw);
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : null,
          raw,
          ...parsed,
        });
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return {
    url: `smtp://${user}:${pass}@127.0.0.1:${port}`,
    messages,
    async waitFor(count, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} messages, got ${messages.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// --- a small MIME reader: enough for what nodemailer writes ------------------

function splitHead(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  // Unfold continuation lines, then one header per line.
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`); adjacent words join before UTF-8 decoding. */
export function decodeHeader(value: string): string {
  return value.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)(\s+=\?[^?]+\?[BbQq]\?[^?]*\?=)*/g, (run) => {
    const bytes: Buffer[] = [];
    for (const m of run.matchAll(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g)) {
      const [, kind, data = ''] = m;
      if (kind?.toUpperCase() === 'B') bytes.push(Buffer.from(data, 'base64'));
      else bytes.push(decodeQuotedPrintable(data.replace(/_/g, ' ')));
    }
    return Buffer.concat(bytes).toString('utf8');
  });
}

export function decodeQuotedPrintable(s: string): Buffer {
  const soft = s.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i];
    const hex = soft.slice(i + 1, i + 3);
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(Number.parseInt(hex, 16));
      i += 2;
    } else out.push(...Buffer.from(c ?? '', 'utf8'));
  }
  return Buffer.from(out);
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return decodeQuotedPrintable(body).toString('utf8');
    default:
      return body;
  }
}

function parseMessage(raw: string): Omit<ReceivedMail, 'from' | 'to' | 'user' | 'raw'> {
  const top = splitHead(raw);
  const out = { text: '', html: '', encodings: [] as string[] };
  const walk = (part: { headers: Record<string, string>; body: string }) => {
    const type = part.headers['content-type'] ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (/^multipart\//i.test(type) && boundary) {
      const pieces = part.body.split(`--${boundary}`);
      // First piece is the preamble, last is after the closing `--boundary--`.
      for (const piece of pieces.slice(1)) {
        if (piece.startsWith('--')) break;
        walk(splitHead(piece.replace(/^\r?\n/, '')));
      }
      return;
    }
    const encoding = part.headers['content-transfer-encoding'] ?? '7bit';
    out.encodings.push(encoding.toLowerCase());
    const decoded = decodeBody(part.body, encoding).replace(/\r?\n$/, '');
    if (/^text\/html/i.test(type)) out.html += decoded;
    else if (/^text\/plain/i.test(type)) out.text += decoded;
  };
  walk(top);
  const headers = Object.fromEntries(Object.entries(top.headers).map(([k, v]) => [k, decodeHeader(v)]));
  return { headers, subject: headers.subject ?? '', ...out };
}

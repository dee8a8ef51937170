import pino, { type Logger } from 'pino';

/**
 * Paths pino blanks out wherever they appear in a log line: credentials,
 * cookies and personal data must never reach a log.
 */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'token',
  '*.token',
  'key',
  '*.key',
  'masterKey',
  'text',
  '*.text',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redactPaths, censor: '[redacted]' } }, destination);
}

export type { Logger };

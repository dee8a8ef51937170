import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { isWardenError } from '../core/errors.js';
import { parseLabelledFile } from '../rules/spam/train-file.js';
import type { ScreenInput } from '../screening/model.js';

import type { WithApp } from './with-app.js';

const out = (line: string) => process.stdout.write(`${line}\n`);

function toInput(raw: Record<string, unknown>): ScreenInput {
  const from = raw.from;
  if (
    typeof raw.channel !== 'string' ||
    typeof raw.text !== 'string' ||
    typeof from !== 'object' ||
    from === null
  ) {
    throw new Error('each line needs {"channel", "from": {type: value}, "text"}');
  }
  return {
    channel: raw.channel,
    source: typeof raw.source === 'string' ? raw.source : null,
    from: Object.fromEntries(Object.entries(from).map(([k, v]) => [k, String(v)])),
    text: raw.text,
    sessionId: typeof raw.sessionId === 'string' ? raw.sessionId : null,
    receivedAt: typeof raw.receivedAt === 'string' ? Date.parse(raw.receivedAt) : undefined,
    externalId: typeof raw.externalId === 'string' ? raw.externalId : null,
  };
}

/** `warden screen` and `warden model train`. */
export function registerScreeningCommands(program: Command, withApp: WithApp): void {
  program
    .command('screen')
    .description(
      'Screen one message from flags, or a JSONL stream on standard input (one {"channel","from","text"} per line); prints one JSON result per message',
    )
    .option('--channel <channel>', 'sms, voice, email, chat, app or social', 'sms')
    .option('--from <type:value...>', 'sender identifiers, e.g. phone:13800138000 (repeatable)')
    .option('--text <text>', 'the message text')
    .option('--session <id>', 'conversation / session id')
    .option('--no-record', 'do not store the messages (dry run)')
    .action(
      async (o: { channel: string; from?: string[]; text?: string; session?: string; record: boolean }) => {
        await withApp(async (app) => {
          const emit = (result: object) => out(JSON.stringify(result));
          const screen = async (input: ScreenInput) => {
            const { identifiers: _ids, ...result } = await app.screening.screen(input, { record: o.record });
            emit(result);
          };
          if (o.text !== undefined) {
            const from: Record<string, string> = {};
            for (const ref of o.from ?? []) {
              const i = ref.indexOf(':');
              if (i < 1) throw new Error(`--from takes type:value, got ${ref}`);
              from[ref.slice(0, i)] = ref.slice(i + 1);
            }
            await screen({ channel: o.channel, from, text: o.text, sessionId: o.session ?? null });
            return;
          }
          if (process.stdin.isTTY)
            throw new Error('give --text and --from, or pipe JSONL into standard input');
          const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
          let n = 0;
          let bad = 0;
          for await (const line of lines) {
            n++;
            if (!line.trim()) continue;
            try {
              await screen(toInput(JSON.parse(line) as Record<string, unknown>));
            } catch (err) {
              bad++;
              const message = isWardenError(err)
                ? `${err.code}: ${err.message}`
                : err instanceof Error
                  ? err.message
                  : String(err);
              emit({ line: n, error: message });
            }
          }
          await app.recorder.flush();
          if (bad) process.exitCode = 1;
          process.stderr.write(`screened ${n - bad} message(s)${bad ? `, ${bad} bad line(s)` : ''}\n`);
        });
      },
    );

  const model = program.command('model').description('The learned spam model');
  model
    .command('train <file>')
    .description(
      'Train the spam model from a labelled file: one "label<TAB>text" per line, label 1/0, spam/ham or spam/not_spam',
    )
    .option('--reset', 'start from an empty model instead of adding to the current one')
    .action(async (file: string, o: { reset?: boolean }) => {
      const examples = parseLabelledFile(readFileSync(file, 'utf8'));
      await withApp(async (app) => {
        const n = await app.spam.trainFrom(examples, { reset: o.reset === true });
        const s = app.spam.stats();
        out(`trained on ${n} examples; the model has ${s.docs.spam} spam and ${s.docs.ham} ham documents`);
      });
    });
  model
    .command('score <text>')
    .description('Print the spam score (0–1) of a text')
    .action(async (text: string) => {
      await withApp(async (app) => {
        out(app.spam.score(text).toFixed(3));
      });
    });
}

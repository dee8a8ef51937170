import { type RawBuilder, sql } from 'kysely';
import type { LocalDays } from '../core/local-days.js';

const DAY = 86_400_000;

/**
 * The local day number (see `LocalDays.first`) of the epoch-milliseconds
 * column `column`, as SQL both SQLite and PostgreSQL run: the column plus the
 * offset of its span, divided by a day. Subtract `days.first` for the index.
 */
export function localDaySql(column: string, days: LocalDays): RawBuilder<number> {
  const ref = sql.ref(column);
  const [head, ...rest] = days.spans;
  if (!head) return sql<number>`(${ref} / ${sql.lit(DAY)})`;
  // Numbers from the zone table, never from a request: safe as literals.
  const offset = rest.length
    ? sql`case ${sql.join(
        rest.map(
          (s, i) => sql`when ${ref} < ${sql.lit(s.from)} then ${sql.lit(days.spans[i]?.offsetMs ?? 0)}`,
        ),
        sql` `,
      )} else ${sql.lit(rest[rest.length - 1]?.offsetMs ?? 0)} end`
    : sql.lit(head.offsetMs);
  return sql<number>`((${ref} + ${offset}) / ${sql.lit(DAY)})`;
}

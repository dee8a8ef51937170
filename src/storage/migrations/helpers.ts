import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/** A migration that knows which database it runs on; schema only through Kysely's builder. */
export interface PortableMigration {
  name: string;
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}

/** An auto-incrementing integer key that works on both dialects. */
export function withSerialKey<T extends string>(
  table: CreateTableBuilder<T, never>,
  column: string,
  dialect: DialectName,
): CreateTableBuilder<T, never> {
  return dialect === 'postgres'
    ? (table.addColumn(column, 'bigserial', (c) => c.primaryKey()) as CreateTableBuilder<T, never>)
    : (table.addColumn(column, 'integer', (c) => c.primaryKey().autoIncrement()) as CreateTableBuilder<
        T,
        never
      >);
}

export const notNull = (c: ColumnDefinitionBuilder) => c.notNull();

/**
 * Every column that holds ciphertext, so key rotation can find it. A feature
 * that adds an encrypted column adds it here in the same commit.
 */
export const encryptedColumns: { table: string; key: string; columns: string[] }[] = [
  { table: 'customers', key: 'id', columns: ['name_enc', 'attributes_enc'] },
  { table: 'customer_identifiers', key: 'id', columns: ['value_enc'] },
  { table: 'blocklist_entries', key: 'id', columns: ['identifier_enc', 'reason_enc'] },
  { table: 'blocklist_exemptions', key: 'id', columns: ['reason_enc'] },
  { table: 'blocklist_events', key: 'id', columns: ['note_enc', 'change_enc'] },
  { table: 'messages', key: 'id', columns: ['identifiers_enc', 'text_enc'] },
  { table: 'consents', key: 'id', columns: ['identifier_enc'] },
  { table: 'complaints', key: 'id', columns: ['text_enc', 'contact_enc', 'order_id_enc'] },
  { table: 'complaint_messages', key: 'id', columns: ['text_enc'] },
  { table: 'complaint_events', key: 'id', columns: ['note_enc'] },
  { table: 'notifications', key: 'id', columns: ['to_enc', 'data_enc'] },
  { table: 'alerts', key: 'id', columns: ['detail_enc'] },
  { table: 'winback_cases', key: 'id', columns: ['script_enc', 'notes_enc'] },
];

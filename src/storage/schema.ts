import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Portable column conventions (SQLite and PostgreSQL):
 * times are epoch milliseconds in BIGINT, booleans are 0/1 integers, JSON is
 * TEXT, personal data is `*_enc` TEXT ciphertext with a `*_index` blind index.
 */
export interface Database {
  encryption_keys: EncryptionKeyTable;
  users: UserTable;
  sessions: SessionTable;
  api_keys: ApiKeyTable;
  setup_tokens: SetupTokenTable;
  audit_log: AuditTable;
  customers: CustomerTable;
  customer_identifiers: CustomerIdentifierTable;
  blocklist_categories: BlocklistCategoryTable;
  blocklist_entries: BlocklistEntryTable;
  blocklist_exemptions: BlocklistExemptionTable;
  blocklist_events: BlocklistEventTable;
  blocklist_reminders: BlocklistReminderTable;
  import_jobs: ImportJobTable;
  rules: RuleTable;
  messages: MessageTable;
  message_rule_hits: MessageRuleHitTable;
  consents: ConsentTable;
  alerts: AlertTable;
  models: ModelTable;
  complaints: ComplaintTable;
  complaint_messages: ComplaintMessageTable;
  complaint_events: ComplaintEventTable;
  notifications: NotificationTable;
  notification_attempts: NotificationAttemptTable;
  settings: SettingsTable;
  complaint_reference_days: ComplaintReferenceDayTable;
  job_leases: JobLeaseTable;
  change_feed: ChangeFeedTable;
  winback_cases: WinbackCaseTable;
  winback_milestones: WinbackMilestoneTable;
}

/** A win-back case (migration 0013); script and notes encrypted. */
export interface WinbackCaseTable {
  id: string;
  entry_id: string;
  customer_id: string | null;
  category: string;
  owner_id: string | null;
  template: string | null;
  plan: string;
  script_enc: string | null;
  notes_enc: string | null;
  status: string;
  outcome: string | null;
  satisfaction_before: number | null;
  satisfaction_after: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
}

export interface WinbackMilestoneTable {
  id: string;
  case_id: string;
  kind: string;
  due_at: number | null;
  done_at: number | null;
  reminded_due_at: number | null;
}

export interface ChangeFeedTable {
  version: number;
  topic: string;
  target: string | null;
  payload: string | null;
  origin: string;
  created_at: number;
}

/** Which node runs a scheduled job, until when (epoch ms, wall clock). */
export interface JobLeaseTable {
  name: string;
  holder: string;
  expires_at: number;
  /** When the holder last finished a run of it, and how that went (`ok` or the error message). */
  last_run_at: number | null;
  last_result: string | null;
}

export interface ModelTable {
  name: string;
  data: string;
  updated_at: number;
}

export interface EncryptionKeyTable {
  version: number;
  wrapped: string;
  active: number;
  created_at: number;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  locale: string | null;
  disabled: number;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

export interface ApiKeyTable {
  id: string;
  name: string;
  role: string;
  scopes: string; // JSON array of permissions, [] = the role's permissions
  prefix: string; // first characters shown in lists, e.g. wdn_ab12
  key_hash: string;
  created_by: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface SetupTokenTable {
  token_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface AuditTable {
  seq: Generated<number>;
  id: string;
  at: number;
  actor_type: string; // user | api_key | system | cli
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  summary: string; // JSON, redacted: never a plaintext identifier
  prev_hash: string;
  hash: string;
}

export interface CustomerTable {
  id: string;
  external_id: string | null;
  name_enc: string | null;
  tier: string;
  lifetime_value: number;
  protected: number;
  attributes_enc: string | null; // JSON, encrypted: may hold personal data
  created_at: number;
  updated_at: number;
  /** Set when the customer's personal data was erased (0012); the row and blind indexes stay. */
  erased_at?: number | null;
}

export interface CustomerIdentifierTable {
  id: string;
  customer_id: string;
  type: string;
  value_enc: string;
  value_index: string; // blind index of type + normalised value; unique
  created_at: number;
}

export interface BlocklistCategoryTable {
  key: string;
  label_zh: string;
  label_en: string;
  default_level: number;
  default_limit_max: number | null;
  default_limit_window: number | null;
  review_days: number | null;
  builtin: number;
  created_at: number;
  updated_at: number;
}

export interface BlocklistEntryTable {
  id: string;
  customer_id: string | null;
  identifier_type: string | null;
  identifier_enc: string | null;
  identifier_index: string | null;
  target_key: string;
  level: number;
  limit_max: number | null;
  limit_window: number | null;
  allowed_channels: string | null; // JSON array
  category: string;
  reason_enc: string;
  source: string;
  owner_id: string | null;
  created_by: string | null;
  state: string; // pending | approved | rejected | released
  starts_at: number | null;
  expires_at: number | null;
  review_at: number | null;
  released_at: number | null;
  import_id: string | null;
  created_at: number;
  updated_at: number;
  /** When the start notice was dealt with (sent, or not due for the category); migration 0013. */
  start_notice_at?: number | null;
}

export interface BlocklistExemptionTable {
  id: string;
  entry_id: string;
  from_at: number | null;
  until_at: number | null;
  session_id: string | null;
  channel: string | null;
  reason_enc: string | null;
  created_by: string | null;
  created_at: number;
  revoked_at: number | null;
}

export interface BlocklistEventTable {
  id: string;
  entry_id: string;
  at: number;
  kind: string;
  actor_type: string;
  actor_id: string | null;
  detail: string;
  note_enc: string | null;
  /** Encrypted JSON of a change's personal fields, before and after (0010). */
  change_enc?: string | null;
}

export interface BlocklistReminderTable {
  id: string;
  entry_id: string;
  owner_id: string | null;
  due_at: number;
  created_at: number;
  done_at: number | null;
}

export interface ImportJobTable {
  id: string;
  kind: string;
  file_name: string;
  file_hash: string;
  dry_run: number;
  skip_invalid: number;
  status: string;
  total_rows: number | null;
  processed_rows: number;
  report: string | null;
  error: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  /** `host:pid:nonce` of the process running the job (0010). */
  runner?: string | null;
}

export interface RuleTable {
  id: string;
  name: string;
  stage: string;
  mode: string;
  enabled: number;
  priority: number;
  conditions: string;
  actions: string;
  version: number;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export interface MessageTable {
  id: string;
  received_at: number;
  channel: string;
  source: string | null;
  customer_id: string | null;
  sender_index: string | null;
  identifiers_enc: string;
  text_enc: string;
  decision: string;
  reasons: string;
  actions: string;
  external_id: string | null;
  session_id: string | null;
  complaint_id: string | null;
  mark: string | null;
  marked_by: string | null;
  marked_at: number | null;
  created_at: number;
}

export interface MessageRuleHitTable {
  message_id: string;
  rule_id: string;
  mode: string;
  at: number;
}

export interface ConsentTable {
  id: string;
  identifier_type: string;
  identifier_index: string;
  identifier_enc: string;
  purpose: string;
  status: string;
  method: string;
  created_at: number;
  updated_at: number;
}

export interface AlertTable {
  id: string;
  kind: string;
  severity: string;
  title: string;
  detail: string; // '{}' since 0011: the detail is in detail_enc
  detail_enc: string | null; // JSON, encrypted: may quote complaint texts
  target_type: string | null;
  target_id: string | null;
  dedupe_key: string | null;
  status: string;
  created_at: number;
  acked_at: number | null;
  acked_by: string | null;
}

export interface NotificationTable {
  id: string;
  channel: string;
  to_enc: string | null;
  data_enc: string;
  template: string;
  locale: string;
  subject_type: string | null;
  subject_id: string | null;
  status: string; // pending | sending | sent | failed
  attempts: number;
  next_attempt_at: number | null;
  claim_id: string | null;
  last_error: string | null;
  sent_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface NotificationAttemptTable {
  id: Generated<number>;
  notification_id: string;
  at: number;
  ok: number;
  error: string | null;
  duration_ms: number;
}

export interface ComplaintTable {
  id: string;
  customer_id: string | null;
  subject_key: string; // customer id, or `i:<blind index>` of an unknown sender
  channel: string;
  channels: string; // JSON array
  category: string;
  sentiment: number;
  risk_words: string; // JSON array
  severity: number;
  factors: string; // JSON [{name, points, detail}]
  priority: string;
  team: string;
  queue: string;
  tier: string | null;
  assignee_id: string | null;
  status: string; // received | processing | resolved | closed | reopened
  order_id: string | null; // null since 0011: the order id is in order_id_enc
  order_id_enc: string | null;
  text_enc: string;
  contact_enc: string | null; // JSON {phone?, email?}, encrypted
  locale: string;
  message_count: number;
  sla_due_at: number;
  escalated_at: number | null;
  resolved_at: number | null;
  last_message_at: number;
  created_at: number;
  updated_at: number;
  /** 1 when a message of it came from a blocked, limited or restricted sender (0009). */
  from_blocked_sender: number;
  /** Short human reference, e.g. `TS-20261205-0042`; null on complaints made before 0009. */
  reference: string | null;
}

export interface ComplaintMessageTable {
  id: string;
  complaint_id: string;
  message_id: string | null;
  subject_key: string;
  channel: string;
  category: string;
  topics: string; // JSON array
  text_enc: string;
  at: number;
}

export interface ComplaintEventTable {
  id: string;
  complaint_id: string;
  at: number;
  kind: string;
  actor_type: string;
  actor_id: string | null;
  detail: string;
  note_enc: string | null;
}

export interface SettingsTable {
  section: string;
  data: string; // JSON document
  version: number;
  updated_by: string | null;
  updated_at: number;
}

export interface ComplaintReferenceDayTable {
  day: string; // YYYYMMDD
  last: number;
}

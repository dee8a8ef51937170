import type { privacyZhCN } from './privacy-zh-CN';

/** English text of data protection, typed against the Chinese keys. */
export const privacyEn: Record<keyof typeof privacyZhCN, string> = {
  'nav.privacy': 'Data protection',
  'privacy.subtitle': 'Backup status and how long data is kept',

  'privacy.backups': 'Backups',
  'privacy.backups.unsupported':
    'On PostgreSQL Warden takes no backups: use pg_dump / pg_restore, and keep the master key apart.',
  'privacy.backups.schedule': 'Schedule',
  'privacy.backups.schedule.off': 'Off (WARDEN_BACKUP_SCHEDULE)',
  'privacy.backups.schedule.hourly': 'Hourly',
  'privacy.backups.schedule.daily': 'Daily at {hour}:00 UTC',
  'privacy.backups.keep': 'Kept',
  'privacy.backups.dir': 'Directory',
  'privacy.backups.last': 'Last backup',
  'privacy.backups.none': 'No backup yet',
  'privacy.backups.size': 'Size',
  'privacy.backups.path': 'File',
  'privacy.backups.nextDue': 'Next scheduled backup',
  'privacy.backups.lastError': 'The last backup failed: {message}',
  'privacy.backups.now': 'Back up now',
  'privacy.backups.done': 'Backup written: {name}',
  'privacy.backups.keyNote':
    'Backups are encrypted like the database: keep the master key (master.key or WARDEN_MASTER_KEY) safe and apart; without it they cannot be restored.',

  'privacy.retention': 'Retention',
  'privacy.retention.hint':
    'Data older than its period is deleted daily. Set WARDEN_RETENTION_*_DAYS; 0 keeps it for ever. The table previews the next run (it deletes nothing).',
  'privacy.retention.kind': 'Kind of data',
  'privacy.retention.days': 'Kept',
  'privacy.retention.daysValue': '{days} days',
  'privacy.retention.forever': 'For ever',
  'privacy.retention.before': 'Deletes older than',
  'privacy.retention.count': 'Next run deletes',
  'privacy.kind.messages': 'Screened messages',
  'privacy.kind.entries': 'Released, rejected or expired blocklist entries',
  'privacy.kind.complaints': 'Closed complaints',
  'privacy.kind.auditReads': 'Reads in the audit log',

  'privacy.erase': 'Erase personal data',
  'privacy.erase.title': "Erase this customer's personal data?",
  'privacy.erase.body':
    'Removes the name, attributes, identifier values and the text of their messages and complaints. The identifiers’ hashes stay, so existing blocks and opt-outs still hold. This cannot be undone and is audited.',
  'privacy.erase.reason': 'Reason (e.g. ticket number)',
  'privacy.erase.reasonHelp': 'Do not put personal data in the reason',
  'privacy.erase.reasonRequired': 'Give a reason (at least 3 characters)',
  'privacy.erase.confirm': 'Erase',
  'privacy.erase.done': 'Erased: {messages} messages, {complaints} complaints, {entries} blocklist entries',
  'privacy.erased':
    'This customer’s personal data was erased on {time}; the identifiers’ hashes stay, so blocks still hold.',
  'privacy.erasedValue': '(erased)',
  'privacy.export': 'Export personal data',
  'privacy.export.done': 'Downloaded {file}',
  'error.BACKUP_UNSUPPORTED': 'On PostgreSQL, back up with pg_dump',
};

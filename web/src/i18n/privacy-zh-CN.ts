/** Chinese text of data protection: erasure, subject export, retention, backups. Spread into `zh-CN.ts`. */
export const privacyZhCN = {
  'nav.privacy': '数据保护',
  'privacy.subtitle': '备份状态与数据保留期限',

  'privacy.backups': '备份',
  'privacy.backups.unsupported':
    '使用 PostgreSQL 时，Warden 不做备份：请用 pg_dump / pg_restore，并另行保管主密钥。',
  'privacy.backups.schedule': '计划',
  'privacy.backups.schedule.off': '关闭（WARDEN_BACKUP_SCHEDULE）',
  'privacy.backups.schedule.hourly': '每小时',
  'privacy.backups.schedule.daily': '每天 {hour}:00（UTC）',
  'privacy.backups.keep': '保留份数',
  'privacy.backups.dir': '目录',
  'privacy.backups.last': '最近一次备份',
  'privacy.backups.none': '还没有备份',
  'privacy.backups.size': '大小',
  'privacy.backups.path': '文件',
  'privacy.backups.nextDue': '下次计划备份',
  'privacy.backups.lastError': '上次备份失败：{message}',
  'privacy.backups.now': '立即备份',
  'privacy.backups.done': '备份完成：{name}',
  'privacy.backups.keyNote':
    '备份与数据库一样是加密的：请把主密钥（master.key 或 WARDEN_MASTER_KEY）另行妥善保管，没有它无法恢复。',

  'privacy.retention': '数据保留期限',
  'privacy.retention.hint':
    '每天自动删除超过期限的数据。用环境变量 WARDEN_RETENTION_*_DAYS 设置；0 表示永久保留。下表为下次执行的预览（不会删除任何数据）。',
  'privacy.retention.kind': '数据类型',
  'privacy.retention.days': '保留',
  'privacy.retention.daysValue': '{days} 天',
  'privacy.retention.forever': '永久保留',
  'privacy.retention.before': '删除早于',
  'privacy.retention.count': '下次将删除',
  'privacy.kind.messages': '消息',
  'privacy.kind.entries': '已解除、驳回或过期的黑名单条目',
  'privacy.kind.complaints': '已关闭的投诉',
  'privacy.kind.auditReads': '审计日志中的查阅记录',

  'privacy.erase': '删除个人数据',
  'privacy.erase.title': '删除该客户的个人数据？',
  'privacy.erase.body':
    '将删除姓名、属性、标识符的值，以及其消息和投诉的文本。标识符的哈希会保留，所以现有的黑名单和退订仍然有效。此操作不可撤销，并记入审计日志。',
  'privacy.erase.reason': '原因（如工单号）',
  'privacy.erase.reasonHelp': '请勿在原因中填写个人信息',
  'privacy.erase.reasonRequired': '请填写原因（至少 3 个字）',
  'privacy.erase.confirm': '删除',
  'privacy.erase.done': '已删除：{messages} 条消息、{complaints} 个投诉、{entries} 个黑名单条目',
  'privacy.erased': '该客户的个人数据已于 {time} 删除；标识符的哈希仍保留，黑名单继续有效。',
  'privacy.erasedValue': '（已删除）',
  'privacy.export': '导出个人数据',
  'privacy.export.done': '已下载 {file}',
  'error.BACKUP_UNSUPPORTED': '使用 PostgreSQL 时请用 pg_dump 备份',
};

import type { settingsZhCN } from './settings-zh-CN';

/** English text of the settings page and the blocked-sender flag on complaints. Spread into `en.ts`. */
export const settingsEn: Record<keyof typeof settingsZhCN, string> = {
  'nav.settings': 'Settings',
  'set.title': 'Complaint and opt-out settings',
  'set.subtitle':
    'Risk words, categories and teams, SLA, severity weights, first answers and notice templates, opt-out wording. A save is in force on every server at once.',
  'set.version': 'Version {version}',
  'set.updated': 'Changed {at} by {by}',
  'set.default': 'Defaults, not changed yet',
  'set.readOnly': 'Only admins can change settings.',
  'set.saved': 'Saved; version {version} is in force',
  'set.conflict': 'Someone else changed the settings. Refresh and make your change again.',
  'set.invalid': 'The settings are not valid and were not saved:',
  'set.reset': 'Discard changes',

  'set.tab.words': 'Risk words',
  'set.tab.categories': 'Categories and teams',
  'set.tab.routing': 'Routing and SLA',
  'set.tab.severity': 'Severity weights',
  'set.tab.replies': 'Replies and notices',
  'set.tab.optOut': 'Opt-out',

  'set.words.help':
    'Add words to each kind of signal on top of the built-in lists; words under "no longer counted" leave every list. A blocked customer who mentions a regulator, the media, legal action, a threat or a safety issue still gets a complaint recorded and an alert raised.',
  'set.words.add': 'Added words',
  'set.words.remove': 'No longer counted',
  'set.signal.regulator': 'Regulator',
  'set.signal.media': 'Media',
  'set.signal.legal': 'Legal',
  'set.signal.threat': 'Threat',
  'set.signal.safety': 'Safety',
  'set.signal.demand': 'Demand',
  'set.signal.fault': 'Product fault',
  'set.signal.service': 'Service failure',
  'set.placeholder.words': 'Type and press Enter',

  'set.cat.category': 'Category',
  'set.cat.team': 'Team',
  'set.cat.words': 'Keywords',

  'set.routing.sla': 'SLA per priority (hours)',
  'set.routing.seniorTiers': 'Customer tiers for the senior queue',
  'set.routing.seniorQueue': 'Senior queue',

  'set.sev.base': 'Base points',
  'set.sev.negativeAt': 'Negative sentiment at',
  'set.sev.negativePoints': 'Negative sentiment points',
  'set.sev.strongAt': 'Strongly negative at',
  'set.sev.strongPoints': 'Strongly negative points',
  'set.sev.riskEach': 'Points per risk word',
  'set.sev.riskCap': 'Risk word points cap',
  'set.sev.tiers': 'Points by customer tier',
  'set.sev.frequency': 'Frequent complaints (window days / from count / points / each more / cap)',
  'set.sev.multiChannel': 'Several channels (window days / from channels / points)',
  'set.sev.waiting': 'Waiting (half the SLA / overdue points)',
  'set.sev.thresholds': 'Priority thresholds (P1 / P2 / P3)',

  'set.replies.auto': 'First answer by category',
  'set.replies.prefix': 'Reference prefix',
  'set.replies.timeZone': 'Reference day time zone',
  'set.replies.example': 'Example reference: {example}',
  'set.replies.templates': 'Customer notice templates',
  'set.replies.subject': 'Subject',
  'set.replies.text': 'Text',
  'set.replies.placeholders': 'Placeholders: {list}',
  'set.template.complaint.received': 'Received',
  'set.template.complaint.processing': 'In progress',
  'set.template.complaint.resolved': 'Resolved',
  'set.template.complaint.auto_reply': 'First answer',

  'set.opt.keywords': 'Opt-out keywords (whole message)',
  'set.opt.inKeywords': 'Opt-in keywords (whole message)',
  'set.opt.phrases': 'Opt-out phrases (anywhere in a short message)',
  'set.opt.inPhrases': 'Opt-in phrases',
  'set.opt.maxLength': 'Longest short message (characters)',
  'set.opt.help':
    'A negation ("don\'t unsubscribe me") is no opt-out; a question ("how do I unsubscribe?") gets how to opt out and changes nothing. Bare keywords such as TD are answered in the language of the number\'s region.',
  'set.opt.replyOut': 'Opt-out confirmation',
  'set.opt.replyIn': 'Opt-in confirmation',
  'set.opt.replyQuestion': 'How to opt out',

  'cmp.blockedSender': 'Blocked sender',
  'cmp.blockedSender.hint':
    'This complaint came from a blocked, rate-limited or channel-restricted customer: their messages are still handled by the blocklist, but the complaint is recorded and alerted.',
  'alerts.kind.blocked_sender_complaint': 'Blocked sender complaint',
  'cmp.reference': 'Reference',
};

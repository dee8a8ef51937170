import type { NotifyConfig } from '../../core/config.js';
import type { NotificationChannel } from '../model.js';
import { SmtpEmailTransport } from './email.js';
import { HttpSmsTransport } from './sms.js';
import type { NotificationTransport } from './transport.js';
import { WebhookTransport } from './webhook.js';

/** The configured channels; one left out of the config is absent here. */
export function createTransports(
  config: NotifyConfig,
): Partial<Record<NotificationChannel, NotificationTransport>> {
  const out: Partial<Record<NotificationChannel, NotificationTransport>> = {};
  if (config.smtp) out.email = new SmtpEmailTransport(config.smtp);
  if (config.webhook) out.webhook = new WebhookTransport(config.webhook);
  if (config.sms) out.sms = new HttpSmsTransport(config.sms);
  return out;
}

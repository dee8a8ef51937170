import type { BlocklistService } from '../blocklist/service.js';
import type { Clock } from '../core/clock.js';
import type { CustomerDirectory } from '../identity/directory.js';
import type { Counters } from '../storage/counters.js';
import type { ConsentService } from './consent.js';
import type { ScreeningService } from './service.js';

export interface OutboundReason {
  kind: 'opt_out' | 'blocklist' | 'channel_restricted' | 'frequency_cap';
  detail: string;
  entryId?: string;
}

/**
 * May we send this to this recipient? Marketing is refused to opted-out,
 * level-1 blocked and channel-restricted recipients and beyond the
 * per-recipient frequency cap; transactional messages always go, with the
 * same reasons listed for the record. Reads memory only.
 *
 * A check is not a send: the cap counts only sends reported to Warden, by
 * `send: true` on an allowed check or by `recordSent` (`POST /outbound/sent`).
 */
export class OutboundService {
  constructor(
    private readonly screening: ScreeningService,
    private readonly directory: CustomerDirectory,
    private readonly blocklist: BlocklistService,
    private readonly consent: ConsentService,
    private readonly counters: Counters,
    private readonly clock: Clock,
    private readonly cap: { max: number; windowSeconds: number },
  ) {}

  async check(
    to: Record<string, string>,
    channel: string,
    purpose: 'marketing' | 'transactional',
    send: boolean,
  ): Promise<{ allowed: boolean; reasons: OutboundReason[]; sent: boolean }> {
    const now = this.clock.now();
    const { identifiers, indexes } = this.screening.identify(to);
    const facts = this.directory.resolve(identifiers, indexes);
    const reasons: OutboundReason[] = [];
    identifiers.forEach((identifier, i) => {
      if (this.consent.isOptedOut(identifier, 'marketing', indexes[i])) {
        reasons.push({
          kind: 'opt_out',
          detail: `the recipient's ${identifier.type} opted out of marketing`,
        });
      }
    });
    const policy = this.blocklist.evaluate(
      { identifiers, customerId: facts?.id ?? null, indexes },
      channel,
      null,
      now,
    );
    if (policy.decision === 'block' && policy.entry) {
      reasons.push({
        kind: 'blocklist',
        detail: 'the recipient is on the blocklist at level 1',
        entryId: policy.entry.id,
      });
    } else if (policy.decision === 'restrict' && policy.entry) {
      reasons.push({
        kind: 'channel_restricted',
        detail: `${channel} is not an allowed channel for this recipient`,
        entryId: policy.entry.id,
      });
    }
    if (purpose === 'transactional') return { allowed: true, reasons, sent: false };
    if (reasons.length > 0) return { allowed: false, reasons, sent: false };
    const key = capKey(facts?.id ?? null, indexes[0]);
    const windowMs = this.cap.windowSeconds * 1000;
    // Sends already counted, plus this one if it goes.
    const after = (await this.counters.count(key, windowMs, now)) + 1;
    if (after > this.cap.max) {
      reasons.push({
        kind: 'frequency_cap',
        detail: `more than ${this.cap.max} marketing messages in ${this.cap.windowSeconds}s`,
      });
      return { allowed: false, reasons, sent: false };
    }
    if (send) await this.counters.hit(key, windowMs, now, this.cap.max + 1);
    return { allowed: true, reasons, sent: send };
  }

  /**
   * Records a marketing message as sent (the team sent it after a check, or
   * without one): it counts against the recipient's cap from now on. Returns
   * the marketing sends in the cap's window, this one included.
   */
  async recordSent(
    to: Record<string, string>,
    purpose: 'marketing' | 'transactional',
  ): Promise<{ counted: boolean; sentInWindow: number; cap: { max: number; windowSeconds: number } }> {
    const now = this.clock.now();
    const { identifiers, indexes } = this.screening.identify(to);
    const facts = this.directory.resolve(identifiers, indexes);
    const key = capKey(facts?.id ?? null, indexes[0]);
    const windowMs = this.cap.windowSeconds * 1000;
    if (purpose === 'transactional')
      return { counted: false, sentInWindow: await this.counters.count(key, windowMs, now), cap: this.cap };
    const n = await this.counters.hit(key, windowMs, now, this.cap.max + 1);
    return { counted: true, sentInWindow: n, cap: this.cap };
  }
}

/** The cap's counter: per customer when the recipient is one, else per identifier. */
const capKey = (customerId: string | null, index: string | undefined) =>
  `out:mkt:${customerId ? `c:${customerId}` : `i:${index}`}`;

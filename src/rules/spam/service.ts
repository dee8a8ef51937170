import type { Logger } from '../../core/logging.js';
import type { Store } from '../../storage/database.js';
import {
  createSpamModel,
  deserialize,
  type SpamLabel,
  type SpamModel,
  serialize,
  spamScore,
  stats,
  train,
  untrain,
} from './model.js';

const MODEL_NAME = 'spam';

/**
 * The learned spam model: trained from agents' marks (and `warden model train`),
 * scored on the hot path from memory, saved to the database a few seconds
 * after it changes so a burst of marks costs one write.
 */
export class SpamModelService {
  private model: SpamModel = createSpamModel();
  private dirty = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly saveDelayMs = 5_000,
    private readonly log?: Logger,
  ) {}

  async load(): Promise<void> {
    const row = await this.store.db
      .selectFrom('models')
      .select('data')
      .where('name', '=', MODEL_NAME)
      .executeTakeFirst();
    this.model = row ? deserialize(row.data) : createSpamModel();
  }

  score(text: string): number {
    return spamScore(this.model, text);
  }

  stats() {
    return stats(this.model);
  }

  learn(text: string, label: SpamLabel): void {
    train(this.model, text, label);
    this.changed();
  }

  unlearn(text: string, label: SpamLabel): void {
    untrain(this.model, text, label);
    this.changed();
  }

  /** Replaces the model with one trained from examples (e.g. a labelled file). */
  async trainFrom(
    examples: Iterable<{ text: string; label: SpamLabel }>,
    options: { reset?: boolean } = {},
  ): Promise<number> {
    if (options.reset) this.model = createSpamModel();
    let n = 0;
    for (const e of examples) {
      train(this.model, e.text, e.label);
      n++;
    }
    await this.save();
    return n;
  }

  private changed(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      // Saved again at the next change or at close; a lost save loses only recent training.
      this.save().catch((err: unknown) => this.log?.warn({ err }, 'saving the spam model failed'));
    }, this.saveDelayMs);
    this.timer.unref();
  }

  async save(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const data = serialize(this.model);
    const now = Date.now();
    const updated = await this.store.db
      .updateTable('models')
      .set({ data, updated_at: now })
      .where('name', '=', MODEL_NAME)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await this.store.db.insertInto('models').values({ name: MODEL_NAME, data, updated_at: now }).execute();
    }
    this.dirty = false;
  }

  async close(): Promise<void> {
    if (this.dirty) await this.save();
  }
}

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { App } from '../app.js';
import type { BlocklistSettingsDocument } from '../blocklist/release-settings.js';
import type { ComplaintSettingsDocument } from '../complaints/team-settings.js';
import { auditContext } from '../http/auth.js';
import type { OptOutSettingsDocument } from '../screening/opt-out.js';
import {
  BlocklistSettingsSchema,
  ComplaintSettingsSchema,
  OptOutSettingsSchema,
  SettingsEnvelope,
  SettingsPut,
} from './schemas.js';

/** `GET/PUT /settings/complaints` and `/settings/opt-out`: supervisors read, admins change. */
export function settingsRoutes(scope: FastifyInstance, app: App): void {
  const r = scope.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/settings/complaints',
    {
      config: { access: 'settings:read' },
      schema: {
        tags: ['settings'],
        summary: 'Complaint settings in force, with their version',
        response: { 200: SettingsEnvelope(ComplaintSettingsSchema) },
      },
    },
    async () => app.settings.read('complaints'),
  );

  r.get(
    '/settings/complaints/defaults',
    {
      config: { access: 'settings:read' },
      schema: {
        tags: ['settings'],
        summary: 'The complaint settings Warden starts with (to compare, or to go back to)',
        response: { 200: ComplaintSettingsSchema },
      },
    },
    async () => app.settings.defaultOf('complaints'),
  );

  r.put(
    '/settings/complaints',
    {
      config: { access: 'settings:write', problems: ['SETTINGS_VERSION_CONFLICT'] },
      schema: {
        tags: ['settings'],
        summary: 'Replace the complaint settings',
        description:
          'Risk words per signal kind (`add`, `remove`), categories with their team and words, routing and SLA hours per priority, severity weights, first answers per category and customer notification templates (placeholders as in the defaults; `{ref}` is the reference number, e.g. `TS-20261205-0042`). In force on this server when the answer comes, on the others within moments. Audited with every changed field, before and after. With `version`, a change made since answers 409 SETTINGS_VERSION_CONFLICT.',
        body: SettingsPut(ComplaintSettingsSchema),
        response: { 200: SettingsEnvelope(ComplaintSettingsSchema) },
      },
    },
    async (request) =>
      app.settings.write(
        auditContext(request),
        'complaints',
        request.body.settings as ComplaintSettingsDocument,
        request.body.version,
      ),
  );

  r.get(
    '/settings/opt-out',
    {
      config: { access: 'settings:read' },
      schema: {
        tags: ['settings'],
        summary: 'Opt-out and opt-in keywords, phrases and replies in force',
        response: { 200: SettingsEnvelope(OptOutSettingsSchema) },
      },
    },
    async () => app.settings.read('opt-out'),
  );

  r.get(
    '/settings/opt-out/defaults',
    {
      config: { access: 'settings:read' },
      schema: {
        tags: ['settings'],
        summary: 'The opt-out settings Warden starts with',
        response: { 200: OptOutSettingsSchema },
      },
    },
    async () => app.settings.defaultOf('opt-out'),
  );

  r.put(
    '/settings/opt-out',
    {
      config: { access: 'settings:write', problems: ['SETTINGS_VERSION_CONFLICT'] },
      schema: {
        tags: ['settings'],
        summary: 'Replace the opt-out and opt-in wording',
        description:
          'Keywords count as the whole message (or a whole clause of a short one, "退订谢谢"); phrases count inside a message of at most `maxLength` characters unless negated ("我不想退订") or asked ("怎么退订不了？", answered with `replies.question`). Replies go out in the language of the text, or of the number\'s region for a bare keyword such as TD.',
        body: SettingsPut(OptOutSettingsSchema),
        response: { 200: SettingsEnvelope(OptOutSettingsSchema) },
      },
    },
    async (request) =>
      app.settings.write(
        auditContext(request),
        'opt-out',
        request.body.settings as OptOutSettingsDocument,
        request.body.version,
      ),
  );

  r.get(
    '/settings/blocklist',
    {
      config: { access: 'settings:read' },
      schema: {
        tags: ['settings'],
        summary: 'Release reasons, customer notices and win-back templates in force',
        response: { 200: SettingsEnvelope(BlocklistSettingsSchema) },
      },
    },
    async () => app.settings.read('blocklist'),
  );

  r.get(
    '/settings/blocklist/defaults',
    {
      config: { access: 'settings:read' },
      schema: {
        tags: ['settings'],
        summary: 'The blocklist settings Warden starts with',
        response: { 200: BlocklistSettingsSchema },
      },
    },
    async () => app.settings.defaultOf('blocklist'),
  );

  r.put(
    '/settings/blocklist',
    {
      config: { access: 'settings:write', problems: ['SETTINGS_VERSION_CONFLICT'] },
      schema: {
        tags: ['settings'],
        summary: 'Replace the release reasons, customer notices and win-back templates',
        description:
          'Release reasons are what `POST /blocklist/{id}/release` and `…/exemptions` take as `reasonCode` (plus the built-in `other`, which needs `text`). A category listed under `notices.categories` with `started`/`released` true sends the customer that notice through the outbox (SMS to a phone, else e-mail); templates may use `{date}`. Audited with every changed field.',
        body: SettingsPut(BlocklistSettingsSchema),
        response: { 200: SettingsEnvelope(BlocklistSettingsSchema) },
      },
    },
    async (request) =>
      app.settings.write(
        auditContext(request),
        'blocklist',
        request.body.settings as BlocklistSettingsDocument,
        request.body.version,
      ),
  );
}

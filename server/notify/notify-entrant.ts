import { normalizePhone } from '@core/normalize.ts';
import type { NotificationKind } from '@core/notifications.ts';
import type { Deps } from '../context.ts';
import { decodeDraft } from '../db/json-columns.ts';

export interface EntrantMessage {
  kind: NotificationKind;
  title: { vi: string; en: string };
  body: { vi: string; en: string };
  sms: string;
  /** Facts for the app to show beside the text (no personal data). */
  data?: Record<string, unknown>;
}

export interface Delivery {
  notificationId: number | null;
  emailed: boolean;
  texted: boolean;
}

/**
 * Tells the people behind an entry what happened to it: in the app (its owner's account), by e-mail (the account's
 * address, else the first author's) and by SMS (the account's phone, else the first author's). Each channel is tried
 * on its own; a failure is logged without the address or number and never undoes what was decided.
 */
export async function notifyEntrant(deps: Deps, entryId: number, msg: EntrantMessage): Promise<Delivery> {
  const entry = await deps.db
    .selectFrom('entries')
    .select(['owner_user_id', 'draft_json'])
    .where('id', '=', entryId)
    .executeTakeFirst();
  if (!entry) return { notificationId: null, emailed: false, texted: false };
  const owner =
    entry.owner_user_id === null
      ? null
      : await deps.db
          .selectFrom('users')
          .select(['id', 'email', 'phone', 'locale'])
          .where('id', '=', entry.owner_user_id)
          .executeTakeFirst();
  const author = decodeDraft(entry.draft_json).authors[0];
  const out: Delivery = { notificationId: null, emailed: false, texted: false };

  if (owner) {
    try {
      const row = await deps.db
        .insertInto('notifications')
        .values({
          user_id: owner.id,
          kind: msg.kind,
          entry_id: entryId,
          payload_json: JSON.stringify({ title: msg.title, body: msg.body, ...msg.data }),
          created_at: deps.clock().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      out.notificationId = row.id;
    } catch (err) {
      deps.logger.error(
        { err: { code: (err as { code?: string }).code ?? 'unknown' }, entryId, kind: msg.kind },
        'in-app notification not stored',
      );
    }
  }

  const email = owner?.email || author?.email || null;
  if (email) {
    const lang = owner?.locale === 'en' ? 'en' : 'vi';
    try {
      await deps.mailer.send({ to: email, subject: msg.title[lang], text: msg.body[lang] });
      out.emailed = true;
    } catch (err) {
      // The mail error may name the recipient: log its code only.
      deps.logger.warn(
        { code: (err as { code?: string }).code ?? 'unknown', entryId, kind: msg.kind },
        'notification e-mail not sent',
      );
    }
  }

  const phone =
    (owner?.phone ? normalizePhone(owner.phone) : null) ?? (author?.phone ? normalizePhone(author.phone) : null);
  if (phone) {
    try {
      await deps.sms.send({ to: phone, text: msg.sms });
      out.texted = true;
    } catch (err) {
      deps.logger.warn(
        { code: (err as { code?: string }).code ?? 'unknown', entryId, kind: msg.kind },
        'notification SMS not sent',
      );
    }
  }
  deps.logger.info(
    {
      entryId,
      kind: msg.kind,
      inApp: out.notificationId !== null,
      emailed: out.emailed,
      texted: out.texted,
      sms: deps.sms.kind,
    },
    'entrant notified',
  );
  return out;
}

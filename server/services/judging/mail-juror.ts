import type { Deps } from '../../context.ts';

/**
 * A juror reminder e-mailed in the juror's language; false when they have no e-mail or it could not be sent. The
 * mail error may name the recipient, so only its code is logged.
 */
export async function mailJuror(
  deps: Deps,
  user: { email: string | null; locale: string | null } | undefined,
  text: { subject: { vi: string; en: string }; body: { vi: string; en: string } },
): Promise<boolean> {
  if (!user?.email) return false;
  const lang = user.locale === 'en' ? 'en' : 'vi';
  try {
    await deps.mailer.send({ to: user.email, subject: text.subject[lang], text: text.body[lang] });
    return true;
  } catch (err) {
    deps.logger.warn({ code: (err as { code?: string }).code ?? 'unknown' }, 'juror reminder e-mail not sent');
    return false;
  }
}

import { erasureNotice, type ErasureNoticeFacts } from '@core/privacy-erasure.ts';
import type { Deps } from '../../context.ts';

/** E-mails the person the outcome of their request; a failure is logged without the address and changes nothing. */
export async function tellErasureOutcome(
  deps: Deps,
  to: { email: string | null; locale: 'vi' | 'en' },
  facts: ErasureNoticeFacts,
): Promise<boolean> {
  if (!to.email) return false;
  const notice = erasureNotice(facts, to.locale);
  try {
    await deps.mailer.send({ to: to.email, subject: notice.subject, text: notice.text });
    return true;
  } catch (err) {
    deps.logger.warn({ code: (err as { code?: string }).code ?? 'unknown' }, 'erasure notice not sent');
    return false;
  }
}

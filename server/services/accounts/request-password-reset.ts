import { normalizeEmail } from '@core/normalize.ts';
import { randomToken, sha256Hex } from '../../security/tokens.ts';
import type { Deps } from '../../context.ts';

const RESET_TTL_MS = 60 * 60 * 1000;

/**
 * Sends a one-hour reset link to the account's e-mail. It answers the same whether or not the address has an
 * account, so that the form cannot be used to find out who is registered.
 */
export async function requestPasswordReset(deps: Deps, input: { email: string }): Promise<void> {
  const email = normalizeEmail(input.email);
  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'locale', 'full_name'])
    .where('email', '=', email)
    .executeTakeFirst();
  if (!user) return;
  const token = randomToken();
  const now = deps.clock();
  await deps.db
    .insertInto('password_resets')
    .values({
      token_hash: sha256Hex(token),
      user_id: user.id,
      expires_at: new Date(now.getTime() + RESET_TTL_MS).toISOString(),
      used_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  const link = `${deps.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  const vi = user.locale !== 'en';
  // Not awaited: the answer must not take longer, or fail, only for addresses that have an account.
  void deps.mailer
    .send({
      to: email,
      subject: vi ? 'Đặt lại mật khẩu' : 'Reset your password',
      text: vi
        ? `Xin chào ${user.full_name},\n\n` +
          `Để đặt lại mật khẩu, hãy mở liên kết sau trong vòng 60 phút:\n${link}\n\n` +
          'Nếu bạn không yêu cầu, hãy bỏ qua thư này; mật khẩu của bạn không thay đổi.'
        : `Hello ${user.full_name},\n\n` +
          `To reset your password, open this link within 60 minutes:\n${link}\n\n` +
          'If you did not ask for this, ignore this message; your password has not changed.',
    })
    .catch((err: { code?: string }) =>
      deps.logger.warn({ code: err?.code ?? 'unknown' }, 'password reset e-mail not sent'),
    );
}

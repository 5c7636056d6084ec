import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { errorText } from '../../api/errors.ts';
import { useLogout, useSession } from '../../api/session.ts';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useTitle } from '../../components/useTitle.ts';
import { ContactForm } from './ContactForm.tsx';
import { EraseMyData } from './EraseMyData.tsx';
import { MyData } from './MyData.tsx';
import { MyRoles } from './MyRoles.tsx';
import { PasswordForm } from './PasswordForm.tsx';
import { ProfileForm } from './ProfileForm.tsx';

export default function AccountPage() {
  const { t } = useTranslation();
  useTitle(t('account.title'));
  const session = useSession();
  const logout = useLogout();
  if (session.isPending) return <Loading />;
  if (session.isError) return <Notice kind="error">{errorText(session.error, t('errors.unreachable'))}</Notice>;
  const user = session.data.user;
  // Logged out here: back to the home page; never logged in: to the login, and back here afterwards.
  if (!user) return <Navigate to={logout.isIdle ? '/login?next=/account' : '/'} replace />;
  return (
    <section className="narrow" data-testid="account-page">
      <h1>{t('account.title')}</h1>
      <p>{t('account.signedInAs', { name: user.fullName, id: user.email ?? user.phone ?? '' })}</p>
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">{t('account.profile')}</h2>
        <ProfileForm user={user} />
      </section>
      <section className="card" aria-labelledby="contact-title">
        <h2 id="contact-title">{t('addressCode.contactTitle')}</h2>
        <ContactForm user={user} />
      </section>
      <section className="card" aria-labelledby="roles-title">
        <h2 id="roles-title">{t('account.roles')}</h2>
        <MyRoles session={session.data} />
      </section>
      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title">{t('account.password')}</h2>
        <PasswordForm username={user.email ?? user.phone ?? ''} />
      </section>
      <section className="card" aria-labelledby="my-data-title">
        <h2 id="my-data-title">{t('privacy.myData')}</h2>
        <MyData />
      </section>
      <section className="card" aria-labelledby="erase-title">
        <h2 id="erase-title">{t('erasure.title')}</h2>
        <EraseMyData />
      </section>
      {logout.isError && <Notice kind="error">{errorText(logout.error, t('errors.unreachable'))}</Notice>}
      <button
        type="button"
        className="button button-secondary"
        data-testid="logout"
        disabled={logout.isPending}
        onClick={() => logout.mutate()}
      >
        {t('account.logout')}
      </button>
    </section>
  );
}

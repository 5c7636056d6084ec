import { createElement, lazy, Suspense, type ComponentType } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Loading } from '../components/Loading.tsx';
import { PublicLayout } from './PublicLayout.tsx';
import { queryClient } from './query-client.ts';

/**
 * A route's page in its own chunk, which can also be loaded ahead (`preload`): a page rendered on the server is
 * hydrated only once its chunk is there, since a page that suspends while hydrating is rendered again from scratch
 * as soon as anything above it changes (the session arriving), losing the server's nodes.
 */
function lazyPage(load: () => Promise<{ default: ComponentType }>) {
  let loaded: ComponentType | null = null;
  const Lazy = lazy(load);
  const Page = () => (loaded ? createElement(loaded) : createElement(Lazy));
  Page.preload = () =>
    load().then((m) => {
      loaded = m.default;
    });
  return Page;
}

// One chunk per route: the public pages stay light, the staff area (Ant Design) loads only when opened.
const ContestListPage = lazy(() => import('../features/contests/ContestListPage.tsx'));
const ContestHomePage = lazyPage(() => import('../features/contests/ContestHomePage.tsx'));
const GalleryPage = lazyPage(() => import('../features/gallery/GalleryPage.tsx'));
const PublicEntryPage = lazyPage(() => import('../features/public-entry/PublicEntryPage.tsx'));
const ResultsPage = lazyPage(() => import('../features/results/ResultsPage.tsx'));

/** Loads the chunk of the server-rendered page at `pathname` (web/src/ssr/entry-server.tsx renders these). */
export function preloadRenderedPage(pathname: string): Promise<void> {
  if (/^\/c\/[^/]+\/?$/.test(pathname)) return ContestHomePage.preload();
  if (/^\/c\/[^/]+\/gallery\/?$/.test(pathname)) return GalleryPage.preload();
  if (/^\/c\/[^/]+\/e\/[^/]+\/?$/.test(pathname)) return PublicEntryPage.preload();
  if (/^\/c\/[^/]+\/results\/?$/.test(pathname)) return ResultsPage.preload();
  return Promise.resolve();
}
const EmbedPage = lazy(() => import('../features/public-entry/EmbedPage.tsx'));
const EmbedResultsPage = lazy(() => import('../features/results/EmbedResultsPage.tsx'));
const PrivacyPage = lazy(() => import('../features/privacy/PrivacyPage.tsx'));
const LoginPage = lazy(() => import('../features/auth/LoginPage.tsx'));
const RegisterPage = lazy(() => import('../features/auth/RegisterPage.tsx'));
const ForgotPasswordPage = lazy(() => import('../features/auth/ForgotPasswordPage.tsx'));
const ResetPasswordPage = lazy(() => import('../features/auth/ResetPasswordPage.tsx'));
const AccountPage = lazy(() => import('../features/account/AccountPage.tsx'));
const MyEntriesPage = lazy(() => import('../features/entries/MyEntriesPage.tsx'));
const StartEntryPage = lazy(() => import('../features/entries/StartEntryPage.tsx'));
const EntryPage = lazy(() => import('../features/entries/EntryPage.tsx'));
const ReceiptPage = lazy(() => import('../features/entries/ReceiptPage.tsx'));
const NotificationsPage = lazy(() => import('../features/notifications/NotificationsPage.tsx'));
const ManageArea = lazy(() => import('../features/manage/ManageArea.tsx'));
const ContestsAdminPage = lazy(() => import('../features/manage/contests/ContestsAdminPage.tsx'));
const VerifyCertificatePage = lazy(() => import('../features/certificates/VerifyCertificatePage.tsx'));
const NotFoundPage = lazy(() => import('./NotFoundPage.tsx'));

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route element={<PublicLayout />}>
            <Route index element={<ContestListPage />} />
            <Route path="contests" element={<ContestListPage all />} />
            <Route path="c/:slug" element={<ContestHomePage />} />
            <Route path="c/:slug/submit" element={<StartEntryPage />} />
            <Route path="c/:slug/gallery" element={<GalleryPage />} />
            <Route path="c/:slug/results" element={<ResultsPage />} />
            <Route path="c/:slug/e/:entryId" element={<PublicEntryPage />} />
            <Route path="entries" element={<MyEntriesPage />} />
            <Route path="entries/:id" element={<EntryPage />} />
            <Route path="entries/:id/receipt" element={<ReceiptPage />} />
            <Route path="login" element={<LoginPage />} />
            <Route path="register" element={<RegisterPage />} />
            <Route path="forgot-password" element={<ForgotPasswordPage />} />
            <Route path="reset-password" element={<ResetPasswordPage />} />
            <Route path="account" element={<AccountPage />} />
            <Route path="notifications" element={<NotificationsPage />} />
            <Route path="privacy" element={<PrivacyPage />} />
            <Route path="v/:code" element={<VerifyCertificatePage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
          {/* Framed by other sites: no header, no footer, no session request. */}
          <Route
            path="embed/results/:slug"
            element={
              <Suspense fallback={null}>
                <EmbedResultsPage />
              </Suspense>
            }
          />
          <Route
            path="embed/:entryId"
            element={
              <Suspense fallback={null}>
                <EmbedPage />
              </Suspense>
            }
          />
          <Route
            path="manage"
            element={
              <Suspense fallback={<Loading />}>
                <ContestsAdminPage />
              </Suspense>
            }
          />
          <Route
            path="manage/:slug/*"
            element={
              <Suspense fallback={<Loading />}>
                <ManageArea />
              </Suspense>
            }
          />
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}

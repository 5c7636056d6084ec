/**
 * What a server-rendered public page is made from (docs/decisions/0046): the contest's home page, a gallery page or
 * an entry's page, as the React Query entries the browser's hooks read, with a version that changes whenever
 * anything on the page does. The rendered HTML is cached under that version, so that under load a page costs one
 * point query (the contest's version, raised by the database on every write to it) and no render: the gallery's
 * snapshot (gallery-cache.ts) serves the entries, and the contest is read again only when its version changed.
 */
import crypto from 'node:crypto';
import { AppError } from '@core/errors.ts';
import type { GalleryFilter } from '@core/gallery.ts';
import type { Deps } from '../../context.ts';
import { getPublicResults, type PublicResultsView } from '../awards/get-public-results.ts';
import { contestView } from '../contests/get-contest.ts';
import { currentContest, type CurrentContest } from '../contests/current-contest.ts';
import { gallerySnapshot, snapshotOfEntry, type GallerySnapshot } from './gallery-cache.ts';
import { getPublicEntry, type PublicEntryView } from './get-public-entry.ts';
import { galleryCardPage } from './list-gallery.ts';
import { listNews, type NewsPostView } from './list-news.ts';

/**
 * How long a rendered page is kept at most, even unchanged: the home page's countdown moves on, and the browser
 * dates the embedded data by the render (its clock offset depends on it), so data from a page older than the web
 * app's 30 s `staleTime` would be fetched again right after hydrating.
 */
export const CONTEST_TTL_MS = 10_000;

type ContestView = ReturnType<typeof contestView>;

export type PublicPage =
  | { kind: 'home'; slug: string }
  | { kind: 'gallery'; slug: string; filter: Omit<GalleryFilter, 'page' | 'pageSize'>; filterKey: string }
  | { kind: 'entry'; slug: string; entryId: number }
  | { kind: 'results'; slug: string };

export interface PageQuery {
  key: readonly unknown[];
  data: unknown;
  /** The server's clock when the data was read, in ms. */
  at: number;
}

export interface PublicPageData {
  /** Equal for two requests exactly when the page shows the same thing: the key of its cached HTML. */
  version: string;
  /** The entry of an entry page (its share preview). */
  entry: PublicEntryView | null;
  /** The results of the results page (its share preview). */
  results?: PublicResultsView;
  /** The page's data for the render and the browser's cache; made only when the page is rendered. */
  queries: () => PageQuery[];
}

interface ContestFace {
  current: CurrentContest;
  /** Only for a home page. */
  news: NewsPostView[] | null;
}

const ids = new WeakMap<object, number>();
let lastId = 0;

/** A number that stands for one object (a gallery snapshot) while it lives. */
function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = ++lastId));
  return id;
}

type CardPage = ReturnType<typeof galleryCardPage>;

/**
 * By gallery snapshot, by filter: the first page of cards and a digest of it. The snapshot is reloaded every 10 s
 * (gallery-cache.ts); keyed by the digest rather than by the snapshot, a rendered page outlives a reload that left its
 * cards as they were, instead of being rendered and compressed again.
 */
const firstPages = new WeakMap<GallerySnapshot, Map<string, { page: CardPage; digest: string }>>();

function firstCardPage(snap: GallerySnapshot, page: Extract<PublicPage, { kind: 'gallery' }>) {
  let bySnap = firstPages.get(snap);
  if (!bySnap) firstPages.set(snap, (bySnap = new Map()));
  let hit = bySnap.get(page.filterKey);
  if (!hit) {
    const cards = galleryCardPage(snap, { ...page.filter, page: 1 });
    const digest = digestOf(cards);
    if (bySnap.size >= 200) bySnap.clear();
    bySnap.set(page.filterKey, (hit = { page: cards, digest }));
  }
  return hit;
}

/** By contest as read (one per version, current-contest.ts): its news, read when a home page first asks. */
const newsOf = new WeakMap<CurrentContest, Promise<NewsPostView[]>>();

/**
 * The contest (and its news for the home page) as it is now; null for a draft or no such contest. The contest is the
 * process's shared copy (current-contest.ts), read again only when its version changed; its news, which raise that
 * version too, are read once per version.
 */
async function contestFace(deps: Deps, slug: string, withNews: boolean): Promise<ContestFace | null> {
  const current = await currentContest(deps.db, slug);
  // The contest's read may be newer than its version: a contest unpublished since is a draft, and does not exist.
  if (!current || current.loaded.status === 'draft') return null;
  if (!withNews) return { current, news: null };
  let news = newsOf.get(current);
  if (!news) {
    newsOf.set(current, (news = listNews(deps, slug)));
    news.catch(() => newsOf.delete(current));
  }
  return { current, news: await news };
}

/**
 * Where the present stands among the contest's phases, which the clock moves on with no edit: with the contest's
 * version, everything that makes its public view differ from one request to the next (but its read time).
 */
function phasePosition(view: ContestView): string {
  return JSON.stringify([view.phaseState, view.currentPhase, view.openPhases, view.next]);
}

/** By contest as read: its phase position and the span of time, between two phase edges, in which it holds. */
const positions = new WeakMap<CurrentContest, { from: number; until: number; key: string }>();

/** The phase position at `now`, worked out again only when the clock crossed a phase's start or end. */
function positionAt(contest: CurrentContest, now: number): string {
  const kept = positions.get(contest);
  if (kept && kept.from <= now && now < kept.until) return kept.key;
  let from = -Infinity;
  let until = Infinity;
  for (const p of contest.loaded.phases) {
    for (const edge of [Date.parse(p.startsAt), Date.parse(p.endsAt)]) {
      if (edge <= now) from = Math.max(from, edge);
      else until = Math.min(until, edge);
    }
  }
  const key = phasePosition(contestView(contest.loaded, new Date(now)));
  positions.set(contest, { from, until, key });
  return key;
}

/** The data of a public page, or null when it has none to show (no such contest, a draft, an unpublished entry). */
export async function publicPageData(deps: Deps, page: PublicPage): Promise<PublicPageData | null> {
  // Every page checks the contest's version each time: its phases decide what the page shows (the vote button, the
  // countdown), and a change to them, whoever makes it and however (an organizer's edit, another process, a script
  // writing the table), must show at once. The phase in force is recomputed from the kept phases and the clock.
  if (page.kind === 'results') return resultsPageData(deps, page.slug);
  const face = await contestFace(deps, page.slug, page.kind === 'home');
  if (!face) return null;
  const now = deps.clock();
  const at = now.getTime();
  const { current } = face;
  const { id, slug } = current.loaded;
  // The view itself is built only for a render.
  const contestQuery = (): PageQuery => ({ key: ['contest', slug], data: contestView(current.loaded, now), at });
  const faceId = `${id}.${current.version}.${positionAt(current, at)}`;

  if (page.kind === 'home') {
    const news = face.news ?? [];
    return {
      version: `h|${slug}|${faceId}`,
      entry: null,
      queries: () => [contestQuery(), { key: ['news', slug], data: news, at }],
    };
  }

  if (page.kind === 'gallery') {
    const cards = firstCardPage(await gallerySnapshot(deps, id), page);
    return {
      version: `g|${slug}|${faceId}|${cards.digest}|${page.filterKey}`,
      entry: null,
      queries: () => [
        contestQuery(),
        {
          key: ['gallery', slug, page.filter],
          data: { pages: [cards.page], pageParams: [1] },
          at,
        },
      ],
    };
  }

  const snap = await snapshotOfEntry(deps, page.entryId);
  if (!snap) return null;
  const entry = await getPublicEntry(deps, page.entryId);
  // Only under its own contest's address.
  if (entry.contest.slug !== slug) return null;
  return {
    version: `e|${slug}|${faceId}|${idOf(snap)}|${page.entryId}`,
    entry,
    queries: () => [contestQuery(), { key: ['public-entry', page.entryId], data: entry, at }],
  };
}

/** A digest of data shown on a page: the key of its rendered HTML when nothing cheaper tells that it changed. */
function digestOf(data: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(data)).digest('base64url').slice(0, 22);
}

/**
 * The results page: the announced results, read on each request (as its share preview always was: they depend on
 * the announcements, their amendments, the vote's figures and the gallery), the rendered HTML kept under a digest of
 * them. Null before the results are announced, for a draft or no such contest: the web app says so.
 */
async function resultsPageData(deps: Deps, slug: string): Promise<PublicPageData | null> {
  const at = deps.clock().getTime();
  let results: PublicResultsView;
  try {
    results = await getPublicResults(deps, slug);
  } catch (err) {
    if (err instanceof AppError) return null;
    throw err;
  }
  return {
    version: `r|${slug}|${digestOf(results)}`,
    entry: null,
    results,
    queries: () => [{ key: ['public-results', slug], data: results, at }],
  };
}

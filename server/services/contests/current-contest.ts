/**
 * A contest as it is now, kept per process and read again only when it changed (ADR 0046): the database raises
 * `contests.version` on every write to the contest's row, its phases, unit categories or news, whoever makes it (an
 * organizer's edit, another process, a script writing the table). The public pages and the votes, the two paths that
 * read a contest on every request, share this one copy.
 */
import type { CompiledQuery, Kysely } from 'kysely';
import { changeToken } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import { loadContest, type LoadedContest } from './load-contest.ts';

export interface ContestHead {
  id: number;
  status: string;
  version: number;
}

/** The contest as read when its version was `version` (or later). Shared by every caller: never change it. */
export interface CurrentContest {
  version: number;
  loaded: LoadedContest;
}

type Db = Kysely<DB>;

function mapOf<V>(store: WeakMap<object, Map<string, V>>, db: object): Map<string, V> {
  let m = store.get(db);
  if (!m) store.set(db, (m = new Map()));
  return m;
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= 500) map.clear();
  map.set(key, value);
}

/** The version query by slug, built once: under load, building and compiling it cost as much as running it. */
const versionQueries = new WeakMap<object, Map<string, CompiledQuery<ContestHead>>>();

function versionQuery(db: Db, slug: string): CompiledQuery<ContestHead> {
  const kept = mapOf(versionQueries, db);
  let q = kept.get(slug);
  if (!q) {
    q = db.selectFrom('contests').select(['id', 'status', 'version']).where('slug', '=', slug).compile();
    remember(kept, slug, q);
  }
  return q;
}

/** By database, by slug: the version query's last answer, and the database's change token taken just before it. */
const heads = new WeakMap<object, Map<string, { token: string; head: ContestHead | undefined }>>();

/**
 * The contest's id, status and version as they are now. On SQLite the answer is reused while the database's change
 * token (dialect.ts `changeToken`: this process's writes and other connections' commits) is the one taken before it
 * was read: nothing at all was written since, so it still holds, and the check costs no query. Any write, to any
 * table, makes the next call ask again.
 */
export async function contestHead(db: Db, slug: string): Promise<ContestHead | undefined> {
  const token = changeToken(db);
  if (!token) return (await db.executeQuery(versionQuery(db, slug))).rows[0];
  const before = token();
  const kept = mapOf(heads, db);
  const hit = kept.get(slug);
  if (hit && hit.token === before) return hit.head;
  const head = (await db.executeQuery(versionQuery(db, slug))).rows[0];
  remember(kept, slug, { token: before, head });
  return head;
}

/** By database, by slug: the contest as last read. */
const kept = new WeakMap<object, Map<string, CurrentContest>>();
/** Reads of a contest at a given version in progress, shared by the callers that need that very version. */
const reading = new WeakMap<object, Map<string, Promise<CurrentContest>>>();

/**
 * The contest as this process last read it, without asking whether it changed since: for a caller that checks the
 * version itself where it matters (a vote's batch, under the contest's log head).
 */
export function keptContest(db: Db, slug: string): CurrentContest | undefined {
  return kept.get(db)?.get(slug);
}

/**
 * The contest as it is now, or null when there is no such contest (drafts included: callers decide). One point query
 * per call (none on SQLite while nothing was written, see contestHead); the contest itself is read again only when
 * its version changed. A read started for an older version is never reused for a newer one, and a read may only be
 * newer than the version it is kept under (it started after that version was seen), which costs one more read later,
 * never a stale answer.
 */
export async function currentContest(db: Db, slug: string): Promise<CurrentContest | null> {
  const head = await contestHead(db, slug);
  if (!head) return null;
  const bySlug = mapOf(kept, db);
  const hit = bySlug.get(slug);
  if (hit && hit.version === head.version) return hit;
  const reads = mapOf(reading, db);
  const key = `${slug}|${head.version}`;
  let read = reads.get(key);
  if (!read) {
    read = loadContest(db, { id: head.id })
      .then((loaded) => {
        const made = { version: head.version, loaded };
        remember(bySlug, slug, made);
        return made;
      })
      .finally(() => reads.delete(key));
    reads.set(key, read);
  }
  return read;
}

/**
 * Pages of SQLite's write-ahead log a vote writes, by table and index (issue 12, ADR 0062), run by hand:
 * `npx tsx bench/vote-pages.ts [--before 20000] [--batch 50] [--batches 20]`.
 *
 * A batch's commit writes every page its votes changed, and the `fsync` that makes them durable takes longer the more
 * pages there are: on the vote thread the commit was the largest cost (ADR 0061). This counts them exactly: the
 * schema is the real one (every migration), holding `--before` votes of one contest; then batches of `--batch` votes
 * are written as a vote batch writes them (the votes, their log lines, their spent challenges, the log's head), and
 * each frame the commit appends to the log is attributed to its table or index (SQLite's `dbstat`). Rows are shaped
 * like the bench's (bench/votes.ts): random device and session hashes, 12 entries, challenges made ahead of the votes.
 * Twice: voters voting in the order they verified, as on a first day and in bench/votes.ts, then voters coming back on
 * a later day in no particular order, whose keys by voter land all over their indexes.
 *
 * Baseline, same run: the schema before migrations 0034 and 0035 (votes indexed by device; the entry key unique for
 * every vote, null or not).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { openSqlite } from '../server/db/dialect.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { arg } from './args.ts';

const before = arg('before', 20_000);
const batchSize = arg('batch', 50);
const batches = arg('batches', 20);
const FRAME_HEADER = 24;
const WAL_HEADER = 32;

async function measure(label: string, before0034: boolean, returning: boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vote-pages-'));
  const file = path.join(dir, 'contest.sqlite');
  try {
    const database = openSqlite(file, false);
    await migrateToLatest(database);
    await database.close();
    const db = new SqliteDatabase(file);
    db.pragma('journal_mode = WAL');
    // Rows of one contest without its voters, entries and sessions: only what a vote batch writes is measured.
    db.pragma('foreign_keys = OFF');
    db.pragma('wal_autocheckpoint = 0');
    if (before0034) {
      db.exec('create index votes_device on votes (contest_id, device_id, cast_at)');
      db.exec('drop index votes_entry_key');
      db.exec('create unique index votes_entry_key_full on votes (contest_id, voter_id, entry_key)');
    }
    // Coming back: each voter's place in the order is a fixed permutation of the ids (7919 is prime, 1,000,003 too).
    const voterOf = (i: number) => (returning ? 1 + ((i * 7919) % 1_000_003) : i + 1);
    const hex = (bytes: number) => crypto.randomBytes(bytes).toString('hex');
    const start = Date.parse('2026-12-07T03:00:00Z');
    const insertVote = db.prepare(`insert into votes (contest_id, seq, voter_id, entry_id, cast_at, rule_key,
      entry_key, status, reasons_json, ip, network, device_id)
      values (1, ?, ?, ?, ?, 'any@2026-12-07', null, 'counted', '[]', ?, ?, ?)`);
    const insertLine = db.prepare('insert into vote_log (contest_id, seq, line, hash, at) values (1, ?, ?, ?, ?)');
    const spend = db.prepare('insert into altcha_spent (expires_at, signature) values (?, ?)');
    db.prepare(`insert into vote_log_heads (contest_id, header_line, seq, hash) values (1, '{}', 0, '')`).run();
    const moveHead = db.prepare('update vote_log_heads set seq = ?, hash = ? where contest_id = 1');
    let seq = 0;
    const vote = (i: number) => {
      seq++;
      // 3,000 votes a second; challenges made ahead, 1,500 a second, as the bench makes them.
      const at = new Date(start + Math.floor(i / 3)).toISOString();
      const expires = new Date(start + 600_000 + Math.floor(i / 1500) * 1000).toISOString();
      const address = `100.64.${(i >> 8) & 255}.${i & 255}`;
      insertVote.run(seq, voterOf(i), (i % 12) + 1, at, address, `100.64.${(i >> 8) & 255}.0/24`, hex(32));
      const line = JSON.stringify({ seq, voter: hex(8), entry: `VL-${(i % 12) + 1}`, at, status: 'counted' });
      insertLine.run(seq, line, hex(32), at);
      spend.run(expires, hex(32));
    };
    db.transaction(() => {
      for (let i = 0; i < before; i++) vote(i);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const byTree = new Map<string, number>();
    let frames = 0;
    for (let b = 0; b < batches; b++) {
      const owner = new Map(
        (db.prepare('select name, pageno from dbstat').all() as { name: string; pageno: number }[]).map((r) => [
          r.pageno,
          r.name,
        ]),
      );
      db.transaction(() => {
        for (let k = 0; k < batchSize; k++) vote(before + b * batchSize + k);
        moveHead.run(seq, hex(32));
      })();
      const wal = fs.readFileSync(`${file}-wal`);
      for (let at = WAL_HEADER; at + FRAME_HEADER + pageSize <= wal.length; at += FRAME_HEADER + pageSize) {
        const name = owner.get(wal.readUInt32BE(at)) ?? '(pages new to the file)';
        byTree.set(name, (byTree.get(name) ?? 0) + 1);
        frames++;
      }
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
    db.close();
    const votes = batches * batchSize;
    const kib = (frames * pageSize) / 1024 / votes;
    console.log(`\n${label}: ${(frames / votes).toFixed(2)} pages per vote, ${kib.toFixed(1)} KiB`);
    for (const [name, n] of [...byTree].sort((a, b) => b[1] - a[1]))
      if (n / votes >= 0.01) console.log(`  ${name.padEnd(34)} ${(n / votes).toFixed(2)}`);
    return frames / votes;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`${before} votes already stored; ${batches} batches of ${batchSize} votes`);
for (const [order, returning] of [
  ['voters in the order they verified', false],
  ['voters coming back in no particular order', true],
] as const) {
  console.log(`\n== ${order}`);
  const now = await measure('now', false, returning);
  const baseline = await measure('baseline: before migrations 0034 and 0035', true, returning);
  console.log(`pages per vote: ${(now / baseline).toFixed(2)}× the baseline's`);
}

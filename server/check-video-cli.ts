/**
 * `npm run check-video -- [--contest SLUG] [--lang en] [--json] [--no-decode] FILE...`
 *
 * Checks video files received offline (USB stick, e-mail) against a contest's rules without the server running,
 * with the same code the server runs after an upload. Exit code: 0 when every file passes, 1 when any file fails
 * (or cannot be read), 2 when the command cannot run (wrong arguments, unknown contest, no database, no ffmpeg).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultEntryRules, type EntryRules } from '@core/contest.ts';
import { AppError, errorMessage, type Lang } from '@core/errors.ts';
import { describeProbe, formatDurationRange, VIDEO_RULE_LABELS } from '@core/video-policy.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/dialect.ts';
import { checkVideoFile } from './media/check-video-file.ts';
import { FfmpegUnavailableError } from './media/decode-check.ts';
import { loadContest } from './services/contests/load-contest.ts';

const USAGE = `Cách dùng / usage:
  npm run check-video -- [--contest SLUG] [--lang vi|en] [--json] [--no-decode] TỆP/FILE...

  --contest SLUG  thể lệ của cuộc thi này trong cơ sở dữ liệu đã cấu hình (mặc định: thể lệ của kế hoạch)
                  the rules of this contest in the configured database (default: the plan's rules)
  --lang en       thông báo bằng tiếng Anh / messages in English (default: vi)
  --json          mỗi tệp một dòng JSON / one JSON object per line and file
  --no-decode     bỏ qua bước giải mã thử bằng ffmpeg / skip the ffmpeg test decode

Mã thoát / exit code: 0 mọi tệp đạt / all pass · 1 có tệp không đạt / some file fails · 2 lỗi cách dùng / usage error`;

class UsageError extends Error {}

const T = {
  vi: {
    pass: 'ĐẠT',
    fail: 'KHÔNG ĐẠT',
    unreadable: 'KHÔNG ĐỌC ĐƯỢC',
    rulesOf: (name: string, slug: string) => `Kiểm tra theo thể lệ của cuộc thi «${name}» (${slug})`,
    defaultRules: 'Kiểm tra theo thể lệ mặc định của kế hoạch',
    summary: (ok: number, n: number) => `Kết quả: ${ok}/${n} tệp đạt.`,
    noDb: (file: string) =>
      `Không tìm thấy cơ sở dữ liệu (${file}). Hãy chạy lệnh trong thư mục cài đặt của máy chủ, ` +
      'hoặc đặt DATA_DIR / DATABASE_URL như khi chạy máy chủ.',
    dbError: (e: string) => `Không đọc được cơ sở dữ liệu: ${e}`,
    notFound: (slug: string) => `${errorMessage('contest.notFound', 'vi')} (slug: ${slug})`,
    noFiles: 'Chưa chỉ ra tệp nào để kiểm tra.',
    cannotRead: (code: string | undefined, m: string) =>
      code === 'ENOENT'
        ? 'Không tìm thấy tệp.'
        : code === 'EACCES' || code === 'EPERM'
          ? 'Không có quyền đọc tệp.'
          : code === 'ENOTFILE' || code === 'EISDIR'
            ? 'Đây không phải là một tệp (có thể là thư mục).'
            : `Không đọc được tệp: ${m}`,
  },
  en: {
    pass: 'PASS',
    fail: 'FAIL',
    unreadable: 'UNREADABLE',
    rulesOf: (name: string, slug: string) => `Checking against the rules of the contest “${name}” (${slug})`,
    defaultRules: "Checking against the plan's default rules",
    summary: (ok: number, n: number) => `Result: ${ok}/${n} files pass.`,
    noDb: (file: string) =>
      `No database found (${file}). Run the command in the server's installation directory, ` +
      'or set DATA_DIR / DATABASE_URL as for the server.',
    dbError: (e: string) => `The database cannot be read: ${e}`,
    notFound: (slug: string) => `${errorMessage('contest.notFound', 'en')} (slug: ${slug})`,
    noFiles: 'No file to check was given.',
    cannotRead: (code: string | undefined, m: string) =>
      code === 'ENOENT'
        ? 'No such file.'
        : code === 'EACCES' || code === 'EPERM'
          ? 'No permission to read the file.'
          : code === 'ENOTFILE' || code === 'EISDIR'
            ? 'This is not a file (perhaps a directory).'
            : `The file cannot be read: ${m}`,
  },
} as const;

function describeRules(r: EntryRules, lang: Lang): string {
  const sizes = r.allowedResolutions.map((s) => `${s.width}×${s.height}`).join(lang === 'vi' ? ' hoặc ' : ' or ');
  const dur = formatDurationRange(r.minDurationSec, r.maxDurationSec, lang);
  return `${dur}, ${sizes}, ${r.aspectRatio.width}:${r.aspectRatio.height}, ${r.containers.join('/').toUpperCase()}`;
}

/** npm runs scripts in the package directory; relative paths are meant from where the user typed the command. */
function resolveInput(file: string): string {
  const base =
    process.env.npm_lifecycle_event === 'check-video' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
  return path.resolve(base, file);
}

async function rulesFor(slug: string | undefined, lang: Lang): Promise<{ rules: EntryRules; title: string }> {
  if (!slug) return { rules: defaultEntryRules(), title: T[lang].defaultRules };
  const config = loadConfig();
  if (
    config.database.kind === 'sqlite' &&
    (config.database.file === ':memory:' || !fs.existsSync(config.database.file))
  ) {
    throw new UsageError(T[lang].noDb(config.database.file));
  }
  const database = openDatabase(config.database);
  try {
    const contest = await loadContest(database.db, { slug });
    return { rules: contest.settings.entryRules, title: T[lang].rulesOf(contest.settings.name, contest.slug) };
  } catch (err) {
    if (err instanceof AppError && err.code === 'contest.notFound') throw new UsageError(T[lang].notFound(slug));
    throw new UsageError(T[lang].dbError((err as Error).message));
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        contest: { type: 'string' },
        lang: { type: 'string' },
        json: { type: 'boolean' },
        'no-decode': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const langArg = values.lang ?? 'vi';
  if (langArg !== 'vi' && langArg !== 'en') {
    console.error(`--lang: vi | en (got "${langArg}")\n\n${USAGE}`);
    return 2;
  }
  const lang: Lang = langArg;
  const t = T[lang];
  if (positionals.length === 0) {
    console.error(`${t.noFiles}\n\n${USAGE}`);
    return 2;
  }

  let rules: EntryRules;
  let title: string;
  try {
    ({ rules, title } = await rulesFor(values.contest, lang));
  } catch (err) {
    console.error(err instanceof UsageError || err instanceof ConfigError ? err.message : String(err));
    return 2;
  }
  const json = values.json === true;
  const log = json ? (s: string) => console.error(s) : (s: string) => console.log(s);
  log(`${title}: ${describeRules(rules, lang)}`);

  let passed = 0;
  for (const file of positionals) {
    let verdict;
    try {
      verdict = await checkVideoFile(resolveInput(file), rules, { decode: values['no-decode'] !== true });
    } catch (err) {
      if (err instanceof FfmpegUnavailableError) {
        console.error(`${err.message}\n(--no-decode)`);
        return 2;
      }
      const reason = t.cannotRead((err as NodeJS.ErrnoException).code, (err as Error).message);
      if (json) console.log(JSON.stringify({ file, ok: false, error: reason, failures: [], probe: null }));
      else console.log(`[${t.unreadable}] ${file}\n    ${reason}`);
      continue;
    }
    if (verdict.ok) passed++;
    if (json) {
      console.log(
        JSON.stringify({
          file,
          ok: verdict.ok,
          failures: verdict.failures.map((f) => ({ rule: f.rule, message: f.message[lang] })),
          probe: verdict.probe,
        }),
      );
    } else {
      console.log(`[${verdict.ok ? t.pass : t.fail}] ${file}`);
      console.log(`    ${describeProbe(verdict.probe, lang)}`);
      for (const f of verdict.failures) console.log(`    - ${VIDEO_RULE_LABELS[f.rule][lang]}: ${f.message[lang]}`);
    }
  }
  log(t.summary(passed, positionals.length));
  return passed === positionals.length ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));

/**
 * `npm run deps:check`: lists the installed version of every runtime dependency and fails when any installed package,
 * nested copies included, is in security/known-bad-versions.json. The registry here does not answer `npm audit`, so
 * the list is kept in the repository (docs/decisions/0027).
 */
import fs from 'node:fs';
import path from 'node:path';
import { findKnownBad, type Installed, type KnownBad } from '@core/version-ranges.ts';
import { REPO_ROOT } from './web-build.ts';

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** The version actually on disk at a node_modules location, or null when it is not installed. */
function installedAt(location: string): string | null {
  const file = path.join(REPO_ROOT, location, 'package.json');
  return fs.existsSync(file) ? readJson<{ version: string }>(file).version : null;
}

const pkg = readJson<{ dependencies: Record<string, string> }>(path.join(REPO_ROOT, 'package.json'));
const lock = readJson<{ packages: Record<string, { version?: string }> }>(path.join(REPO_ROOT, 'package-lock.json'));
const list = readJson<{ entries: KnownBad[] }>(path.join(REPO_ROOT, 'security', 'known-bad-versions.json')).entries;

const installed: Installed[] = [];
for (const location of Object.keys(lock.packages)) {
  if (!location.startsWith('node_modules/')) continue;
  const name = location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const version = installedAt(location);
  if (version) installed.push({ name, version, location });
}

let missing = 0;
console.log('Phụ thuộc khi chạy / runtime dependencies:');
for (const name of Object.keys(pkg.dependencies).sort()) {
  const version = installedAt(`node_modules/${name}`);
  if (!version) missing++;
  console.log(`  ${name.padEnd(32)} ${version ?? 'CHƯA CÀI / NOT INSTALLED'}`);
}

const found = findKnownBad(installed, list);
for (const { installed: i, bad } of found)
  console.error(
    `Phiên bản có lỗ hổng / known-bad version: ${i.location} ${i.version} — ${bad.advisory}: ${bad.summary}`,
  );
console.log(
  `${installed.length} gói đã kiểm tra với ${list.length} khuyến cáo / ${installed.length} installed packages ` +
    `checked against ${list.length} advisories: ${found.length} known-bad`,
);
if (found.length || missing) process.exitCode = 1;

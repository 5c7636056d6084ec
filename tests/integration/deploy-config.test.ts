/**
 * The deployment guide's files are known to work: nginx parses the site (`nginx -t` on a configuration that includes
 * it, with a throwaway certificate), and the shared environment file passes the server's configuration check for
 * both roles.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';

const DEPLOY = path.resolve(import.meta.dirname, '../../docs/deploy');
const NGINX = fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'contest-nginx-'));

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The site as an operator would install it, with this machine's temporary paths for what nginx -t opens. */
function siteFor(dir: string, overrides: (site: string) => string = (s) => s): string {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=cuocthi.example.gov.vn',
      '-keyout',
      path.join(dir, 'privkey.pem'),
      '-out',
      path.join(dir, 'fullchain.pem'),
    ],
    { stdio: 'ignore' },
  );
  const site = fs
    .readFileSync(path.join(DEPLOY, 'nginx/vicontest.conf'), 'utf8')
    .replaceAll('/etc/letsencrypt/live/cuocthi.example.gov.vn/', `${dir}/`)
    .replaceAll('/var/log/nginx/', `${dir}/`)
    .replaceAll('/opt/vicontest/', `${dir}/`);
  return overrides(site);
}

function nginxTest(site: string, dir: string): { status: number | null; output: string } {
  fs.writeFileSync(path.join(dir, 'vicontest.conf'), site);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((k) => `  ${k}_temp_path ${dir}/${k};`)
    .join('\n');
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    `pid ${dir}/nginx.pid;\nerror_log stderr;\nevents {}\nhttp {\n  include /etc/nginx/mime.types;\n${temp}\n` +
      `  access_log off;\n  include ${dir}/vicontest.conf;\n}\n`,
  );
  const r = spawnSync(NGINX, ['-t', '-p', dir, '-e', 'stderr', '-c', path.join(dir, 'nginx.conf')], {
    encoding: 'utf8',
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('docs/deploy/nginx/vicontest.conf', () => {
  it('parses with nginx -t', () => {
    const r = nginxTest(siteFor(tmp), tmp);
    expect(r.output).toContain('syntax is ok');
    expect(r.output).toContain('test is successful');
    expect(r.status).toBe(0);
  });

  it('is really checked: a broken copy fails nginx -t', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'broken-'));
    const r = nginxTest(
      siteFor(dir, (s) => s.replace('proxy_request_buffering off;', 'proxy_request_buffering sometimes;')),
      dir,
    );
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('proxy_request_buffering');
  });

  it('streams tus uploads to the app with long timeouts and caches hashed assets', () => {
    const site = fs.readFileSync(path.join(DEPLOY, 'nginx/vicontest.conf'), 'utf8');
    const uploads = /location \/api\/uploads \{([^}]*)\}/.exec(site)?.[1] ?? '';
    expect(uploads).toContain('proxy_request_buffering off;');
    expect(uploads).toContain('client_max_body_size 0;');
    expect(uploads).toMatch(/proxy_send_timeout 3600s;/);
    const assets = /location \/assets\/ \{([^}]*)\}/.exec(site)?.[1] ?? '';
    expect(assets).toContain('immutable');
    expect(site).toContain('listen 443 ssl http2;');
  });
});

describe('docs/deploy/vicontest.env.example', () => {
  const env = Object.fromEntries(
    fs
      .readFileSync(path.join(DEPLOY, 'vicontest.env.example'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

  it('passes the configuration check for a web process and for the worker', () => {
    const web = loadConfig({ ...env, ROLES: 'web', PORT: '3001' });
    expect(web).toMatchObject({
      roles: { web: true, worker: false },
      port: 3001,
      database: { kind: 'postgres' },
      storage: { kind: 's3', bucket: 'vicontest-media' },
      trustProxy: 1,
      secureCookies: true,
      demo: false,
    });
    expect(web.metricsToken).toHaveLength(46);
    expect(loadConfig({ ...env, ROLES: 'worker' }).roles).toEqual({ web: false, worker: true });
  });

  it('names only settings the server knows', () => {
    const known = fs.readFileSync(path.resolve(import.meta.dirname, '../../server/config.ts'), 'utf8');
    for (const name of Object.keys(env)) expect(known, name).toContain(`  ${name}: z`);
  });
});

/**
 * In production (NODE_ENV=production, as the image sets it) the API refuses to start with the
 * development pseudonym secret or development API keys (issue 11): started for real, it exits 1
 * naming the setting, before it connects to anything.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const devKeys = path.join(root, 'config/api-keys.dev.json');

/** The CPAS portal's identity provider and session key (issue 15), unless a test removes one. */
const PORTAL = {
  PARCOURS_OIDC_ISSUER: 'https://idp.wallonie.example',
  PARCOURS_PORTAL_CLIENT_ID: 'parcours-portail',
  PARCOURS_PORTAL_CLIENT_SECRET: 'a-long-client-secret',
  PARCOURS_SESSION_SECRET: 'a-long-session-secret-0123456789',
};

function startApi(env: Record<string, string>, main = 'api/main.ts') {
  const r = spawnSync(path.join(root, 'node_modules/.bin/tsx'), [main], {
    cwd: root,
    // Nothing listens there: an API that got past the check would fail on Temporal, not exit 1 at once.
    // A production codec key (issue 12) unless a test removes it: the checks here are issue 11's.
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', TEMPORAL_ADDRESS: '127.0.0.1:1', PARCOURS_DATABASE_URL: 'postgres://parcours@127.0.0.1:1/parcours', PARCOURS_CODEC_KEYS: 'prod-1:cHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHA=', PARCOURS_PUBLIC_URL: 'https://parcours.forem.example', ...PORTAL, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stderr: r.stderr };
}

describe('production refuses development secrets', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-prod-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const ownKeys = path.join(dir, 'keys.json');
  fs.writeFileSync(ownKeys, JSON.stringify({ keys: [{ id: 'bo', role: 'backoffice', sha256: 'a'.repeat(64) }] }));
  const copiedKeys = path.join(dir, 'copied.json');
  fs.copyFileSync(devKeys, copiedKeys);

  it('but starts with its own secret and keys (and then fails on the unreachable Temporal)', () => {
    const r = startApi({ PARCOURS_PSEUDONYM_SECRET: 'a-long-production-secret-0123456789', PARCOURS_API_KEYS: ownKeys });
    expect(r.stderr).not.toContain('refusing to start');
    expect(r.stderr).toMatch(/connect|Failed to connect|deadline/i);
  });

  it('without its own payload encryption key (the development key is public)', () => {
    const r = startApi({ PARCOURS_PSEUDONYM_SECRET: 'a-long-production-secret-0123456789', PARCOURS_API_KEYS: ownKeys, PARCOURS_CODEC_KEYS: '' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('PARCOURS_CODEC_KEYRING (or PARCOURS_CODEC_KEYS) must be set in production');
  });

  it.each(Object.keys(PORTAL))('without the CPAS portal’s %s (its development value is public)', (name) => {
    const r = startApi({ PARCOURS_PSEUDONYM_SECRET: 'a-long-production-secret-0123456789', PARCOURS_API_KEYS: ownKeys, [name]: '' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`refusing to start: ${name} is not set`);
  });

  it('without PARCOURS_PSEUDONYM_SECRET', () => {
    const r = startApi({ PARCOURS_API_KEYS: ownKeys });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('refusing to start: PARCOURS_PSEUDONYM_SECRET');
  });

  it('with the development keys file', () => {
    const r = startApi({ PARCOURS_PSEUDONYM_SECRET: 'a-long-production-secret-0123456789' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('refusing to start: PARCOURS_API_KEYS names the development keys file');
  });

  // Issue 15: the e-mails to a CPAS link to the request's page on the portal; a link to this machine leads nowhere.
  it.each(['api/main.ts', 'worker/main.ts'])('%s without PARCOURS_PUBLIC_URL', (main) => {
    const r = startApi({ PARCOURS_PSEUDONYM_SECRET: 'a-long-production-secret-0123456789', PARCOURS_API_KEYS: ownKeys, PARCOURS_PUBLIC_URL: '' }, main);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('refusing to start: PARCOURS_PUBLIC_URL is not set or names this machine');
  });

  it('with a PARCOURS_PUBLIC_URL in plain http', () => {
    const r = startApi({ PARCOURS_PSEUDONYM_SECRET: 'a-long-production-secret-0123456789', PARCOURS_API_KEYS: ownKeys, PARCOURS_PUBLIC_URL: 'http://parcours.forem.example' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('PARCOURS_PUBLIC_URL must be an https address in production');
  });

  it.each(['api/main.ts', 'worker/main.ts'])('%s with a SQLite file for the product database (production runs on PostgreSQL)', (main) => {
    const r = startApi({ PARCOURS_PSEUDONYM_SECRET: 'a-long-production-secret-0123456789', PARCOURS_API_KEYS: ownKeys, PARCOURS_DATABASE_URL: path.join(dir, 'parcours.db') }, main);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('refusing to start: PARCOURS_DATABASE_URL names a SQLite file');
  });

  it('with development keys copied into another file', () => {
    const r = startApi({ PARCOURS_PSEUDONYM_SECRET: 'a-long-production-secret-0123456789', PARCOURS_API_KEYS: copiedKeys });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('holds development keys');
  });
});

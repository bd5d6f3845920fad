/**
 * The CPAS portal as it runs, for the browser tests: the development OpenID Connect provider
 * (scripts/oidc-dev.ts) and API processes (api/main.ts, the portal inside) on the harness's dev
 * server, worker queue and database — two of them, as production runs two replicas sharing the
 * session key — and Debian's Chromium driven by playwright-core, with an axe-core check.
 * Child processes, not in-process: openid-client, jose and oidc-provider are ES modules, which
 * jest's CommonJS runtime does not load.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { Child, freePort } from '../../bench/system/stack';
import type { Harness } from './harness';
import { TEST_KEY_1 } from './codec';

export const PORTAL_SECRET = 'portail-test-pseudonym-secret';

export interface PortalStack {
  issuer: string;
  /** Each API replica's base URL. */
  apis: string[];
  stop(): Promise<void>;
}

const tsx = ['--import', 'tsx'];

async function waitUntil(what: string, child: Child, probe: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!child.running) throw new Error(`${what} exited\n${child.output()}`);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} is not ready\n${child.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** `firstPort`: the first replica's, when the worker's e-mails must link to it (PARCOURS_PUBLIC_URL). */
export async function startPortalStack(h: Harness, replicas = 2, firstPort?: number): Promise<PortalStack> {
  const oidcPort = await freePort();
  const ports = await Promise.all(Array.from({ length: replicas }, (_, i) => (i === 0 && firstPort ? firstPort : freePort())));
  const apis = ports.map((p) => `http://localhost:${p}`);
  const issuer = `http://localhost:${oidcPort}`;
  const children: Child[] = [];
  const stop = async () => {
    await Promise.all(children.map((c) => c.stop('SIGTERM', 5_000)));
  };
  try {
    const oidc = new Child('oidc', process.execPath, [...tsx, 'scripts/oidc-dev.ts'], { PARCOURS_OIDC_DEV_PORT: String(oidcPort), PARCOURS_OIDC_DEV_REDIRECTS: apis.join(',') });
    children.push(oidc);
    await waitUntil('the OpenID Connect provider', oidc, async () => (await fetch(`${issuer}/.well-known/openid-configuration`)).ok);
    for (const [i, port] of ports.entries()) {
      const api = new Child(`api-${i + 1}`, process.execPath, [...tsx, 'api/main.ts'], {
        NODE_ENV: 'development',
        PORT: String(port),
        TEMPORAL_ADDRESS: h.env.address,
        TEMPORAL_NAMESPACE: h.env.namespace ?? 'default',
        PARCOURS_TASK_QUEUE: h.taskQueue,
        PARCOURS_DATABASE_URL: h.databaseUrl,
        PARCOURS_PSEUDONYM_SECRET: PORTAL_SECRET,
        PARCOURS_CODEC_KEYS: `${TEST_KEY_1.id}:${TEST_KEY_1.material.toString('base64')}`,
        PARCOURS_PUBLIC_URL: apis[i],
        PARCOURS_OIDC_ISSUER: issuer,
        // The same session key on every replica: a session opened on one is read by the other.
        PARCOURS_SESSION_SECRET: 'portail-test-session-secret',
        LOG_LEVEL: 'warn',
      });
      children.push(api);
      await waitUntil(`API ${i + 1}`, api, async () => (await fetch(`${apis[i]}/v1/ready`)).ok);
    }
    return { issuer, apis, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The flags of a browser on a closed network: nothing reaches out on its own. */
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A fresh Chromium profile (its own --user-data-dir), headless. */
export async function openBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const executablePath = process.env.PARCOURS_CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) throw new Error(`Chromium is not at ${executablePath}: run through make test (scripts/toolchain.sh installs Debian's chromium)`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: CHROMIUM_FLAGS, locale: 'fr-BE', timezoneId: 'Europe/Brussels' });
  context.setDefaultTimeout(30_000);
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Where each page's screenshot is kept: outside the repository. */
export const SCREENSHOTS = path.join(os.tmpdir(), 'parcours-portail-screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core's WCAG 2.0/2.1 A and AA rules on the page as it stands; only the serious and critical
 * violations. Injected through the DevTools protocol: the page's CSP allows no script of its own.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const r = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

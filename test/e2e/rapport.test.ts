/**
 * The monitoring outputs of a CPAS (convention art. 6) through the API, and the report page in a
 * real browser: Debian's Chromium (scripts/toolchain.sh) driven by playwright-core, offline. The
 * dossier has known counts (test/helpers/monitoring-dossier.ts); the page must show them as
 * ECharts drew them — one bar per category, a bar of no length for « < 5 » — with no style
 * refused by its CSP, and print on A4. The screenshot and the PDF are left in the system's
 * temporary directory (their paths are printed), never in the repository.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { apiFor, KEYS, useDevServerApi } from '../helpers/api';
import { CPAS_LIEGE } from '../helpers/fixtures';
import { ecrireDossierMonitoring } from '../helpers/monitoring-dossier';

/** The flags of a browser on a closed network: nothing fetched on its own, no GPU, no sandbox (root in CI). */
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('the report page of a CPAS for a year', () => {
  const t = useDevServerApi();
  let server: http.Server;
  let url = '';
  let profile = '';
  let browser: BrowserContext;
  let api: ReturnType<typeof apiFor>;

  beforeAll(async () => {
    await ecrireDossierMonitoring(t.h.store);
    // Drawn up on a fixed day, so that 2026 is a past year: the period is the whole year.
    api = apiFor(t.h, () => '2027-01-15');
    server = http.createServer(api.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const executablePath = process.env.PARCOURS_CHROMIUM;
    if (!executablePath) throw new Error('PARCOURS_CHROMIUM is not set: run the tests with make test (scripts/toolchain.sh installs Chromium)');
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-chromium-'));
    // A persistent context on a fresh directory is how playwright takes a --user-data-dir of ours.
    browser = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: CHROMIUM_FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  it('is read with the JSON’s authorisation: Forem roles any CPAS, a CPAS its own; the CSV as an attachment', async () => {
    for (const suffix of ['csv', 'rapport']) {
      const chemin = `/v1/monitoring/${CPAS_LIEGE}/2026/${suffix}`;
      await api.get(chemin, KEYS.cpasLiege).expect(200);
      await api.get(chemin, KEYS.backoffice).expect(200);
      await api.get(chemin, KEYS.auditor).expect(200);
      await api.get(chemin, KEYS.cpasNamur).expect(403);
      await api.get(`/v1/monitoring/${CPAS_LIEGE}/2028/${suffix}`, KEYS.backoffice).expect(404);
      await api.get(`/v1/monitoring/0123456749/2026/${suffix}`, KEYS.backoffice).expect(404);
      await api.get(chemin, 'not-a-key').expect(401);
    }
    const csv = await api.get(`/v1/monitoring/${CPAS_LIEGE}/2026/csv`, KEYS.cpasLiege).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="monitoring-${CPAS_LIEGE}-2026.csv"`);
    expect(csv.text.split('\r\n')[0]).toBe('cpas,du,au,indicateur,categorie,libelle,valeur');
    expect(csv.text).toContain(`${CPAS_LIEGE},2026-01-01,2026-12-31,demandesParBesoin,formation,Formation,5\r\n`);
  });

  it('draws the known figures in Chromium, with no style refused, and prints on A4', async () => {
    const page: Page = await browser.newPage();
    await page.setExtraHTTPHeaders({ Authorization: `Bearer ${KEYS.cpasLiege}` });
    const refusals: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused/i.test(m.text())) refusals.push(m.text());
    });
    const requests: string[] = [];
    page.on('request', (r) => void requests.push(r.url()));

    const response = await page.goto(`${url}/v1/monitoring/${CPAS_LIEGE}/2026/rapport`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'none'; style-src 'unsafe-hashes' /);
    expect(await page.title()).toBe('Monitoring 2026 — CPAS de Liège');
    await expect(page.locator('.periode').textContent()).resolves.toContain('du 1er janvier 2026 au 31 décembre 2026');

    // Per chart, the bars ECharts drew (their on-screen widths) and the value labels beside them.
    const sections = await page.locator('section:has(figure.graphique)').evaluateAll((all) => all.map((x) => x.id));
    const drawn = [];
    for (const section of sections) {
      const paths = page.locator(`#${section} path[ecmeta_ssr_type="chart"]`);
      const bars: number[] = [];
      for (let i = 0; i < (await paths.count()); i++) bars.push(Math.round((await paths.nth(i).boundingBox())!.width));
      drawn.push({ section, bars, labels: await page.locator(`#${section} text[text-anchor="start"]`).allTextContents() });
    }
    const lengths = Object.fromEntries(drawn.map((d) => [d.section, d.bars.map((w) => w > 0)]));
    expect(lengths).toEqual({
      besoins: [false, true], // orientation < 5, formation 5
      issues: [true, true, false, false, false], // acceptées 6, traitées 6, then three « < 5 »
      rejets: [false],
      suivi: [false, true, false], // warnings < 5, suspensions 5, reprises < 5
      'profil-trancheAge': [true, false],
      'profil-niveauEtudes': [true, false],
      'profil-genre': [true, false],
    });
    expect(Object.fromEntries(drawn.map((d) => [d.section, d.labels]))).toEqual({
      besoins: ['< 5', '5'],
      issues: ['6', '6', '< 5', '< 5', '< 5'],
      rejets: ['< 5'],
      suivi: ['< 5', '5', '< 5'],
      'profil-trancheAge': ['6', '< 5'],
      'profil-niveauEtudes': ['6', '< 5'],
      'profil-genre': ['5', '< 5'],
    });
    // Equal counts, equal bars: acceptées and traitées (6 each) drawn alike.
    const issues = drawn.find((d) => d.section === 'issues')!.bars;
    expect(issues[0]).toBe(issues[1]);
    // The styles ECharts writes on its texts are applied (allowed by hash), nothing else was loaded.
    expect(await page.evaluate("getComputedStyle(document.querySelector('figure.graphique text')).fontSize")).toBe('12px');
    expect(refusals).toEqual([]);
    expect(requests).toEqual([`${url}/v1/monitoring/${CPAS_LIEGE}/2026/rapport`]);

    const screenshot = path.join(os.tmpdir(), `parcours-rapport-${CPAS_LIEGE}-2026.png`);
    await page.setViewportSize({ width: 900, height: 1000 });
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(fs.statSync(screenshot).size).toBeGreaterThan(10_000);

    // Printed: the hint to print is gone, and the page is A4 (595 × 842 points) from its own @page rule.
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate("getComputedStyle(document.querySelector('.impression')).display")).toBe('none');
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const pdfPath = path.join(os.tmpdir(), `parcours-rapport-${CPAS_LIEGE}-2026.pdf`);
    fs.writeFileSync(pdfPath, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    expect(boxes.length).toBeGreaterThan(0);
    for (const box of boxes) expect(box).toEqual([595, 842]);
    console.log(`report page: screenshot ${screenshot}, PDF ${pdfPath} (${boxes.length} A4 pages)`);
    await page.close();
  });
});

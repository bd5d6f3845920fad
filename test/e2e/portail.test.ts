/**
 * The CPAS portal in a real browser (issue 15): Debian's Chromium driven by playwright-core, on
 * the dev server, a worker, a real SMTP server and SQLite, with the real OpenID Connect provider
 * of `make start` and two API replicas sharing the session key. A social worker of the CPAS de
 * Liège signs in, files a request with a mistake, sees the error next to the field, corrects it,
 * finds the request in the list (on the other replica), the back-office records facts through the
 * API, the timeline shows them and the e-mails; a worker of the CPAS de Namur gets 404 for it.
 * Every page of ours passes axe-core's WCAG 2.1 A/AA rules with no serious or critical violation;
 * each is photographed under os.tmpdir()/parcours-portail-screenshots.
 */
import type { Page } from 'playwright-core';
import { addDays, civilDateInBrussels } from '../../domain/calendar';
import { ParcoursGateway } from '../../api/parcours-gateway';
import { useDevServerHarness } from '../helpers/harness';
import { ADULTE, CPAS_LIEGE, CPAS_LIEGE_EMAIL, CPAS_NAMUR_EMAIL, makeNiss } from '../helpers/fixtures';
import { axeViolations, openBrowser, screenshot, startPortalStack, type PortalStack } from '../helpers/portail';
import { eventually } from '../helpers/eventually';
import { freePort } from '../../bench/system/stack';
import { politiqueDuRapport } from '../../lib/rapport/page';

const BACKOFFICE = 'Bearer dev-backoffice-key';

describe('the CPAS portal in a browser', () => {
  // The first API replica's port, chosen before the worker starts: its e-mails link there (PARCOURS_PUBLIC_URL).
  let port = 0;
  beforeAll(async () => {
    port = await freePort();
  });
  const harness = useDevServerHarness({ publicUrl: () => `http://localhost:${port}` });
  let stack: PortalStack;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  const today = civilDateInBrussels(Date.now());

  beforeAll(async () => {
    stack = await startPortalStack(harness(), 2, port);
  }, 240_000);
  afterAll(async () => {
    await stack?.stop();
  });
  // A fresh profile for each test: no session left over from another.
  beforeEach(async () => {
    browser = await openBrowser();
  });
  afterEach(async () => {
    await browser?.close();
  });

  const api = async (base: string, path: string, body: unknown) => {
    const r = await fetch(`${base}${path}`, { method: 'POST', headers: { Authorization: BACKOFFICE, 'Content-Type': 'application/json', 'Idempotency-Key': `portail-${Math.random().toString(36).slice(2)}-${Date.now()}` }, body: JSON.stringify(body) });
    const json = (await r.json()) as Record<string, unknown>;
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };

  /** Our page passes axe and is photographed. */
  async function check(page: Page, name: string) {
    await screenshot(page, name);
    expect({ page: name, violations: await axeViolations(page) }).toEqual({ page: name, violations: [] });
  }

  async function signIn(page: Page, base: string, login: string) {
    await page.goto(`${base}/portail`);
    await page.getByRole('link', { name: 'Se connecter' }).click();
    // The provider's development sign-in page.
    await page.waitForURL((u) => u.href.startsWith(stack.issuer));
    await page.fill('input[name="login"]', login);
    await page.fill('input[name="password"]', 'peu-importe');
    await page.click('button[type="submit"]');
    await page.waitForURL(`${base}/portail/demandes`);
  }

  async function signOut(page: Page, base: string) {
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    // RP-initiated logout: the provider asks, then sends the browser back to the portal.
    await page.waitForURL((u) => u.href.startsWith(stack.issuer));
    await page.getByRole('button', { name: 'Oui, me déconnecter' }).click();
    await page.waitForURL(`${base}/portail`);
    await expect(page.getByRole('link', { name: 'Se connecter' }).isVisible()).resolves.toBe(true);
  }

  it('files a request, lists it, follows it; another CPAS cannot see it', async () => {
    const [a, b] = stack.apis;
    const page = await browser.context.newPage();

    // A person registered a month ago and followed by Liège, who had their monthly contact: the
    // Forem's dossier, none of which is the request's page's business (issue 15 point 2).
    const niss = makeNiss('1985-03-12');
    const inscrit = addDays(today, -30);
    const { parcoursId } = (await api(a, '/v1/inscriptions', { niss, date: inscrit, canal: 'presentiel', canalPreferentiel: 'email', personne: ADULTE, cpas: CPAS_LIEGE, dateContactMensuel: addDays(inscrit, 28) })) as { parcoursId: string };
    await api(a, `/v1/parcours/${parcoursId}/contactMensuel`, { date: addDays(inscrit, 28), individuel: true, prochaineDate: addDays(inscrit, 56) });

    await page.goto(`${a}/portail`);
    await check(page, '01-accueil');
    // Signed out, the pages of requests are not there.
    await page.goto(`${a}/portail/demandes`);
    expect(page.url()).toBe(`${a}/portail`);

    await signIn(page, a, CPAS_LIEGE_EMAIL);
    await check(page, '02-mes-demandes-vide');

    // The form, pre-filled with the worker's professional details.
    await page.getByRole('link', { name: 'Nouvelle demande', exact: true }).click();
    await expect(page.getByLabel('Nom du travailleur social').inputValue()).resolves.toContain('Service insertion socioprofessionnelle');
    await expect(page.getByLabel('Adresse e-mail professionnelle').inputValue()).resolves.toBe(CPAS_LIEGE_EMAIL);
    await check(page, '03-nouvelle-demande');

    // A mistake: the NISS's last digit (its check key) mistyped.
    const faux = niss.slice(0, 10) + String((Number(niss[10]) + 1) % 10);
    await page.getByLabel('Nom', { exact: true }).fill('Dupont');
    await page.getByLabel('Prénom').fill('Marie');
    await page.getByLabel('Date de naissance').fill('1985-03-12');
    await page.getByLabel('Numéro de registre national (NISS)').fill(faux);
    await page.getByLabel('Bénéficiaire du revenu d’intégration (ou de l’aide sociale équivalente)').check();
    await page.getByLabel('Formation').check();
    await page.getByLabel('Projet de la personne').fill('Devenir aide-soignante');
    await page.getByLabel('Actions préalables engagées par le CPAS').fill('Bilan social, remise à niveau en français');
    await page.getByLabel('Besoins et freins').fill('Mobilité : pas de permis');
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();

    // The schema of POST /v1/demandes says why, next to the field, and the field points to it.
    const nissField = page.getByLabel('Numéro de registre national (NISS)');
    await expect(nissField.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await nissField.getAttribute('aria-describedby'))!.split(' ');
    expect(describedBy).toContain('niss-erreur');
    await expect(page.locator('#niss-erreur').innerText()).resolves.toContain('clé de contrôle');
    await expect(page.getByRole('alert').innerText()).resolves.toContain('1 champ à corriger');
    // What was typed is kept.
    await expect(page.getByLabel('Projet de la personne').inputValue()).resolves.toBe('Devenir aide-soignante');
    await check(page, '04-nouvelle-demande-erreur');

    // Corrected, written as people write it.
    await nissField.fill(`${niss.slice(0, 2)}.${niss.slice(2, 4)}.${niss.slice(4, 6)}-${niss.slice(6, 9)}.${niss.slice(9)}`);
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await page.waitForURL(/\/portail\/demandes\/DEM-[^/?]+\?depot=1$/);
    const reference = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
    await expect(page.getByRole('status').first().innerText()).resolves.toContain('Votre demande a été reçue');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(`Demande ${reference} — Marie Dupont`);
    await check(page, '05-demande-recue');

    // The same request as the API's: in the parcours, filed by Liège, with the person's profile.
    const filed = (await harness().store.journal(parcoursId)).find((l) => l.code === 'demande');
    expect(filed?.data).toMatchObject({ reference, cpas: CPAS_LIEGE, besoin: 'formation', contact: { email: CPAS_LIEGE_EMAIL } });

    // Listed — on the other replica, with the session opened on the first.
    await page.goto(`${b}/portail/demandes`);
    const row = page.getByRole('row').filter({ hasText: reference });
    await expect(row.innerText()).resolves.toMatch(/Marie Dupont\s+Formation\s+.*Reçue, en traitement\s+Le Forem fixe un rendez-vous/);
    // Search by name, by reference, and filter by status (a status it is not in finds nothing).
    await page.getByLabel('Nom, prénom ou référence').fill('dupont');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect(page.getByRole('row').filter({ hasText: reference }).count()).resolves.toBe(1);
    await page.goto(`${b}/portail/demandes?q=${encodeURIComponent(reference)}&statut=cloturee`);
    await expect(page.getByRole('row').filter({ hasText: reference }).count()).resolves.toBe(0);
    await page.goto(`${b}/portail/demandes?statut=ouverte`);
    await expect(page.getByRole('row').filter({ hasText: reference }).count()).resolves.toBe(1);
    await check(page, '06-mes-demandes');

    // The back-office: an appointment at the service, then the person misses it.
    const rdv = addDays(today, 1);
    await api(a, `/v1/parcours/${parcoursId}/demandeTraitee`, { date: today, reference, service: 'Formation aide-soignante', dateRendezVous: rdv, lieu: 'Forem Liège' });
    const mail = await harness().smtp.waitFor((m) => m.to.includes(CPAS_LIEGE_EMAIL) && m.subject.includes('traitée') && m.text.includes(reference));
    await eventually(async () => (await harness().store.journal(parcoursId)).some((l) => l.code === 'email.demande-traitee'), 'the e-mail in the dossier');

    // The e-mail's link (PARCOURS_PUBLIC_URL/portail/demandes/<reference>), opened in the signed-in browser, is the request's page.
    const link = mail.text.match(/https?:\/\/\S+\/portail\/demandes\/[^\s)>\]]+/)?.[0];
    expect(link).toBe(`${a}/portail/demandes/${encodeURIComponent(reference)}`);
    await page.goto(link!);
    expect(page.url()).toBe(link);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(`Demande ${reference} — Marie Dupont`);
    const dl = await page.locator('dl.fiche').innerText();
    expect(dl).toContain('Rendez-vous fixé');
    expect(dl).toContain(`Formation aide-soignante, le ${rdv.slice(8, 10)}/${rdv.slice(5, 7)}/${rdv.slice(0, 4)} — Forem Liège`);
    const timeline = await page.locator('ol.chronologie').innerText();
    expect(timeline).toContain(`Demande ${reference} traitée`);
    expect(timeline).toMatch(/E-mail\s+E-mail envoyé/);
    // Each e-mail with its delivery state (issue 13 §4), from the database.
    const traitee = page.locator('ol.chronologie > li').filter({ hasText: 'traitée' }).filter({ hasText: 'E-mail envoyé' });
    await expect(traitee.locator('.envoi').innerText()).resolves.toMatch(/^État de l’envoi : envoyé le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2} \(insertion@cpas-liege\.example\) — \d+ tentatives?\.$/);
    // Only what concerns the joint accompaniment, though Liège follows the person: not the
    // registration, the assignment, the monthly contact the Forem's dossier holds.
    const forem = (await (await fetch(`${a}/v1/parcours/${parcoursId}`, { headers: { Authorization: BACKOFFICE } })).json()) as { dossier: Array<{ code: string; resume: string }> };
    const horsAccompagnement = forem.dossier.filter((l) => ['inscription', 'affectation', 'contactMensuel'].includes(l.code));
    expect(horsAccompagnement.map((l) => l.code)).toEqual(expect.arrayContaining(['inscription', 'contactMensuel']));
    for (const l of horsAccompagnement) expect(timeline).not.toContain(l.resume);
    expect(timeline).not.toMatch(/contact mensuel/i);
    await check(page, '07-une-demande');

    // What the portal shows is what Liège's API key reads of the parcours (one function, issue 15 point 4):
    // its lines, and its e-mails not yet in the dossier (still being sent) from their state.
    const viaApi = (await (await fetch(`${a}/v1/parcours/${parcoursId}`, { headers: { Authorization: 'Bearer dev-cpas-liege-key' } })).json()) as { dossier: Array<{ key: string; resume: string }>; emails: Array<{ cle: string; etat: string }> };
    const enCours = viaApi.emails.filter((e) => !viaApi.dossier.some((l) => l.key === `m:${e.cle}`));
    const items = await page.locator('ol.chronologie > li').allInnerTexts();
    expect(items).toHaveLength(viaApi.dossier.length + enCours.length);
    for (const l of viaApi.dossier) expect(timeline).toContain(l.resume);
    expect(viaApi.emails.map((e) => e.etat)).toContain('envoye');

    // The annual report of the user's CPAS, from the menu: the API's page, with its own CSP.
    await page.getByRole('link', { name: `Rapport annuel ${today.slice(0, 4)}` }).click();
    await page.waitForURL(`${a}/portail/rapport/${today.slice(0, 4)}`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Monitoring de la coopération — CPAS de Liège');
    await check(page, '07b-rapport-annuel');
    const annee = today.slice(0, 4);
    const rapport = await page.request.get(`${a}/portail/rapport/${annee}`);
    expect(rapport.status()).toBe(200);
    // The report's own policy (its styles by their hashes), not the portal's, which would refuse them.
    expect(rapport.headers()['content-security-policy']).toBe(politiqueDuRapport(await rapport.text()));
    // A year from 2000 to this one, else 404.
    for (const autre of ['1999', String(Number(annee) + 1), '20a6']) expect({ autre, status: (await page.request.get(`${a}/portail/rapport/${autre}`)).status() }).toEqual({ autre, status: 404 });

    // The list follows: the next step is the appointment, with its date.
    await page.goto(`${a}/portail/demandes`);
    await expect(page.getByRole('row').filter({ hasText: reference }).innerText()).resolves.toContain(`Rendez-vous de la personne : ${rdv.slice(8, 10)}/${rdv.slice(5, 7)}/${rdv.slice(0, 4)}`);

    // A form without the session's token is refused, whoever sends it.
    const forged = await page.request.post(`${a}/portail/demandes/${encodeURIComponent(reference)}/reprise`, { form: { _csrf: 'faux', idempotence: 'portail-forged-0001' } });
    expect(forged.status()).toBe(403);

    await signOut(page, a);
    // Signed out, the request's page is gone too.
    await page.goto(`${a}/portail/demandes/${encodeURIComponent(reference)}`);
    expect(page.url()).toBe(`${a}/portail`);

    // Another CPAS, in the same browser: Liège's request does not exist for it.
    await signIn(page, b, CPAS_NAMUR_EMAIL);
    await expect(page.getByRole('row').filter({ hasText: reference }).count()).resolves.toBe(0);
    const notFound = await page.goto(`${b}/portail/demandes/${encodeURIComponent(reference)}`);
    expect(notFound?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Page introuvable');
    await expect(page.content()).resolves.not.toContain('Dupont');
    await check(page, '08-introuvable');
    const token = await page.locator('input[name="_csrf"]').first().inputValue();
    const reprise = await page.request.post(`${b}/portail/demandes/${encodeURIComponent(reference)}/reprise`, { form: { _csrf: token, idempotence: 'portail-namur-0001' } });
    expect(reprise.status()).toBe(404);
    await page.goto(`${b}/portail/demandes?q=${encodeURIComponent(reference)}`);
    await expect(page.getByRole('row').filter({ hasText: reference }).count()).resolves.toBe(0);
    await signOut(page, b);
    await page.close();
  });

  it('a request stopped after two unjustified absences offers the reprise, which the CPAS asks for from its page', async () => {
    const [a] = stack.apis;
    // A young person (22 on the dates below): their CPAS may ask for reprise at once (seed 000 « hormis pour les jeunes »).
    const jeune = { dateNaissance: '2004-05-10', experienceProfessionnelle: false, autonomieNumerique: true };
    const niss = makeNiss(jeune.dateNaissance);
    // Dates by hand (art. 30), no legal holiday among them: absent Tuesday 1 September 2026;
    // five working days (2, 3, 4, 7, 8) → unjustified from Wednesday 9 September, the registered
    // letter sent that day for an appointment on the 21st day, Wednesday 30 September; absent
    // again; five working days (1, 2, 5, 6, 7 October) → the outcome of art. 30 §3 on Thursday
    // 8 October. All within the three months a late fact may go back (spec §11).
    const { parcoursId } = (await api(a, '/v1/inscriptions', { niss, date: '2026-08-31', canal: 'presentiel', canalPreferentiel: 'email', personne: jeune, dateContactMensuel: '2026-09-28' })) as { parcoursId: string };
    const filed = await fetch(`${a}/v1/demandes`, {
      method: 'POST',
      headers: { Authorization: 'Bearer dev-cpas-liege-key', 'Content-Type': 'application/json', 'Idempotency-Key': `portail-jeune-${Date.now()}` },
      body: JSON.stringify({ niss, date: '2026-08-31', cpas: CPAS_LIEGE, contact: { nom: 'Sophie Lambert', email: CPAS_LIEGE_EMAIL }, personne: { nom: 'Jeune', prenom: 'Léa', dateNaissance: jeune.dateNaissance }, situation: { beneficiaireRI: true, contratArticle60ou61: false, etudiant: false, reinscritDEIApresArticle60: false }, besoin: 'orientation', elements: { projet: 'à définir', actionsPrealables: 'entretien', besoinsFreins: 'confiance' } }),
    });
    expect(filed.status).toBe(200);
    const reference = ((await filed.json()) as { etat: { demandes: Array<{ reference: string }> } }).etat.demandes[0].reference;
    await api(a, `/v1/parcours/${parcoursId}/demandeTraitee`, { date: '2026-08-31', reference, service: 'Atelier orientation', dateRendezVous: '2026-09-01', lieu: 'Forem Liège' });
    await api(a, `/v1/parcours/${parcoursId}/absence`, { date: '2026-09-01', reference });
    await api(a, `/v1/parcours/${parcoursId}/reconvocation`, { date: '2026-09-09', mode: 'recommandePostal', dateRendezVous: '2026-09-30' });
    // The last fact reaches the workflow as a deadline would, not through the API, which would have
    // brought the list up to date with its answer: the list must find the change itself.
    await new ParcoursGateway(harness().env.client, harness().taskQueue).record(parcoursId, { id: `portail-absence-${Date.now()}`, type: 'absence', date: '2026-09-30' }, false);
    await eventually(async () => (await harness().store.journal(parcoursId)).some((l) => l.code === 'demande.arretee'), 'the request stopped');

    const page = await browser.context.newPage();
    await signIn(page, a, CPAS_LIEGE_EMAIL);
    // The list shows the request stopped (lib/demandes-cpas.ts, parcoursPerimes).
    await page.goto(`${a}/portail/demandes?q=${encodeURIComponent(reference)}`);
    await expect(page.getByRole('row').filter({ hasText: reference }).innerText()).resolves.toContain('Arrêtée');
    await page.goto(`${a}/portail/demandes/${encodeURIComponent(reference)}`);
    await expect(page.locator('dl.fiche').innerText()).resolves.toMatch(/Statut\s+Arrêtée/);
    const timeline = await page.locator('ol.chronologie').innerText();
    expect(timeline).toContain(`Demande ${reference} arrêtée`);
    await check(page, '09-demande-arretee');

    await page.getByRole('button', { name: 'Demander la reprise' }).click();
    await page.waitForURL(/\?reprise=1$/);
    await expect(page.getByRole('status').first().innerText()).resolves.toContain('Reprise demandée');
    // Recorded in the parcours as the CPAS's own request for reprise, by the operation of the API.
    await eventually(async () => (await harness().store.journal(parcoursId)).some((l) => l.code === 'reprise.cpas'), 'the reprise in the dossier');
    await page.goto(`${a}/portail/demandes/${encodeURIComponent(reference)}`);
    await expect(page.getByRole('button', { name: 'Demander la reprise' }).count()).resolves.toBe(0);
    await check(page, '10-reprise-demandee');
    await page.close();
  });

  it('sends every page with a strict CSP, no script, and a session cookie that is HttpOnly and SameSite', async () => {
    const [a] = stack.apis;
    const res = await fetch(`${a}/portail`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(await res.text()).not.toContain('<script');
    const login = await fetch(`${a}/portail/connexion`, { redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toMatch(new RegExp(`^${stack.issuer}/auth\\?.*code_challenge_method=S256`));
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly.*SameSite=Lax|SameSite=Lax.*HttpOnly/);
  });
});

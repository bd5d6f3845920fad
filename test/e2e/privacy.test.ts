/**
 * Personal data on the dev server (issue 12, docs/privacy.md): what Temporal stores and shows
 * holds no personal value in clear; an operator or an auditor reads it only through the codec
 * server; a key rotation leaves every history readable; the retention erases ended parcours.
 *
 * One dev server for the whole file, keeping its state in a SQLite file (WAL) so that the test
 * reads what Temporal wrote, with its Web UI pointed at a codec server, as `make start` runs them.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createLogger } from '../../api/app';
import { ApiKeys } from '../../api/auth';
import { createCodecServer } from '../../codec-server/app';
import { addDays, addMonths, civilDateInBrussels } from '../../domain/calendar';
import { REGIMES } from '../../domain/rules';
import { audit } from '../../lib/audit';
import { jsonText } from '../../lib/db';
import { dataConverterWith, encryptingDataConverter } from '../../lib/codec/data-converter';
import { EncryptionCodec, isEncrypted, keyIdOf } from '../../lib/codec/encryption-codec';
import { StaticKeyring } from '../../lib/codec/keyring';
import { payloadFromJson } from '../../lib/codec/payloads-json';
import { RemoteCodec } from '../../lib/codec/remote-codec';
import { workflowIdOf } from '../../lib/pseudonym';
import { ensureRetentionSchedule, RETENTION_SCHEDULE_ID } from '../../lib/retention/schedule';
import { ParcoursGateway } from '../../api/parcours-gateway';
import type { RetentionReport } from '../../activities/retention';
import { createWorker } from '../../worker/worker';
import { SEARCH_ATTRIBUTES } from '../../workflows/definitions';
import { apiFor, KEYS } from '../helpers/api';
import { keyringAfterRotation, keyringBeforeRotation, TEST_KEY_2 } from '../helpers/codec';
import { eventually } from '../helpers/eventually';
import { CPAS_LIEGE, makeNiss } from '../helpers/fixtures';
import { startDevServer, startHarness, SERVICE_CONTROLE_EMAIL, PUBLIC_URL, type Harness } from '../helpers/harness';
import { found, sqliteBytes, withBase64Decoded } from '../helpers/personal-data';
import { workflowBundle } from '../helpers/tools';

/** What a CPAS and the Forem write about a person: names, e-mails, a birth date, free text. */
const PERSONNE = { nom: 'Vanderstraeten', prenom: 'Ghislaine', dateNaissance: '1983-07-19' };
const CONTACT = { nom: 'Sophie Lambotte-Nyssen', email: 'sophie.lambotte@cpas-liege.example' };
const ELEMENTS = { projet: 'reconversion comme aide-soignante a Seraing', actionsPrealables: 'bilan social chez Madame Lecomte', besoinsFreins: 'garde des enfants le mercredi, mobilité réduite' };
const CONSEILLER = { nom: 'Benoit Delhaize', email: 'benoit.delhaize@forem.example', telephone: '+32 4 229 11 87' };
const RETOUR = { faits: 'presente et motivee malgre un divorce recent', besoins: 'soutien pour la garde des enfants', perspectives: 'formation qualifiante en septembre' };
const RESULTAT = 'CV realise et envoye a trois maisons de repos';
const PERSONAL_VALUES = [
  PERSONNE.nom,
  PERSONNE.prenom,
  PERSONNE.dateNaissance,
  CONTACT.nom,
  CONTACT.email,
  ...Object.values(ELEMENTS),
  CONSEILLER.nom,
  CONSEILLER.email,
  CONSEILLER.telephone,
  ...Object.values(RETOUR),
  RESULTAT,
];

const situation = { beneficiaireRI: true, contratArticle60ou61: false, etudiant: false, reinscritDEIApresArticle60: false };

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** Every payload of a proto-JSON document (the UI's API) that the codec encrypted. */
function encryptedPayloadsIn(json: unknown): Array<{ metadata: Record<string, string>; data: string }> {
  const out: Array<{ metadata: Record<string, string>; data: string }> = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (o.metadata && typeof o.metadata === 'object' && typeof o.data === 'string' && isEncrypted(payloadFromJson(o as never))) out.push(o as never);
    else Object.values(o).forEach(walk);
  };
  walk(json);
  return out;
}

/** Every payload of a fetched history, decoded, as text. */
async function decodedHistoryText(history: object, codec: EncryptionCodec): Promise<string> {
  const payloads: Payload[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object' || v instanceof Uint8Array) return;
    const o = v as Record<string, unknown>;
    if (o.metadata && o.data instanceof Uint8Array) payloads.push(o as Payload);
    else Object.values(o).forEach(walk);
  };
  walk(history);
  const decoded = await codec.decode(payloads);
  return decoded.map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8')).join('\n');
}

describe('personal data on the dev server (issue 12)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-privacy-'));
  const temporalDb = path.join(dir, 'temporal.db');
  let env: TestWorkflowEnvironment;
  let h: Harness;
  let api: ReturnType<typeof apiFor>;
  let codecServer: Server;
  let codecUrl: string;
  let uiUrl: string;
  const today = civilDateInBrussels(Date.now());

  beforeAll(async () => {
    const uiPort = await freePort();
    uiUrl = `http://localhost:${uiPort}`;
    const app = createCodecServer({
      codec: new EncryptionCodec(keyringAfterRotation()),
      keys: ApiKeys.fromFile(path.resolve(__dirname, '../../config/api-keys.dev.json')),
      corsOrigins: [uiUrl],
      namespace: 'default',
      logger: createLogger('silent'),
    });
    codecServer = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    codecUrl = `http://127.0.0.1:${(codecServer.address() as net.AddressInfo).port}`;
    env = await startDevServer({
      dbFilename: temporalDb,
      uiPort,
      extraArgs: [
        '--ui-codec-endpoint', codecUrl,
        // The server deletes a closed history once its close has been acknowledged, which it records
        // every 30 s: the workflows this test ends a moment before their purge would wait that long.
        '--dynamic-config-value', 'history.transferProcessorUpdateAckInterval="1s"',
      ],
    });
    h = await startHarness(env);
    // Facts dated up to a year back, as PARCOURS_RECTIFICATION_MOIS=12 allows: the retention needs old ones.
    api = apiFor(h, undefined, undefined, { rectificationMois: 12 });
    await eventually(async () => (await fetch(`${uiUrl}/api/v1/settings`).catch(() => undefined))?.ok, 'the Temporal UI');
  });

  afterAll(async () => {
    await h?.stop();
    await env?.teardown();
    await new Promise((resolve) => codecServer?.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const fact = (parcoursId: string, type: string, body: unknown, key: string = KEYS.backoffice) => api.post(`/v1/parcours/${parcoursId}/${type}`, key, body).expect(200);

  async function inscrire(date: string, personne: typeof PERSONNE) {
    const niss = makeNiss(personne.dateNaissance);
    const res = await api
      .post('/v1/inscriptions', KEYS.backoffice, { niss, date, canal: 'presentiel', canalPreferentiel: 'email', personne: { dateNaissance: personne.dateNaissance, experienceProfessionnelle: true, autonomieNumerique: true }, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(date, 1) })
      .expect(200);
    return { niss, parcoursId: res.body.parcoursId as string };
  }

  const demande = (niss: string, date: string, personne: typeof PERSONNE, contact = CONTACT, elements = ELEMENTS) =>
    api.post('/v1/demandes', KEYS.cpasLiege, { niss, date, cpas: CPAS_LIEGE, contact, personne, situation, besoin: 'formation', elements }).expect(200);

  const uiGet = async (p: string) => {
    const res = await fetch(`${uiUrl}${p}`);
    expect(res.status).toBe(200);
    return res.json();
  };

  /** Every page of a workflow's history from the UI's HTTP API. */
  async function uiHistory(workflowId: string): Promise<unknown[]> {
    const pages: unknown[] = [];
    let token = '';
    do {
      const page = (await uiGet(`/api/v1/namespaces/default/workflows/${encodeURIComponent(workflowId)}/history?maximumPageSize=200${token ? `&nextPageToken=${encodeURIComponent(token)}` : ''}`)) as { nextPageToken?: string };
      pages.push(page);
      token = page.nextPageToken ?? '';
    } while (token);
    return pages;
  }

  let full: { niss: string; parcoursId: string };

  it('a full parcours with a CPAS request leaves no personal value in Temporal’s database nor in the UI’s API', async () => {
    full = await inscrire(today, PERSONNE);
    const { parcoursId, niss } = full;
    await fact(parcoursId, 'affectation', { date: today, employabilite: 'moyenne' });
    await fact(parcoursId, 'contactMensuel', { date: today, individuel: true, prochaineDate: addMonths(today, 1) });
    const filed = await demande(niss, today, PERSONNE);
    const reference = filed.body.etat.demandes[0].reference as string;
    await fact(parcoursId, 'demandeTraitee', { date: today, reference, service: 'Atelier CV', dateRendezVous: addDays(today, 5), lieu: 'Forem Seraing' });
    await fact(parcoursId, 'retourEntretien', { date: today, reference, ...RETOUR, conseiller: CONSEILLER });
    await fact(parcoursId, 'demandeCloturee', { date: today, reference, resultat: RESULTAT });
    // A refusal travels as a failure (its message is encoded): the API still reads the reason.
    const refused = await api.post(`/v1/parcours/${parcoursId}/demandeCloturee`, KEYS.backoffice, { date: today, reference, resultat: RESULTAT }).expect(409);
    expect(refused.body.detail).toMatch(/est cloturee : clôturer impossible/);
    await fact(parcoursId, 'cloture', { date: today, motif: 'refus', validation: { par: 'responsableHierarchique', date: today }, informationPrealable: true });
    // The e-mails to the CPAS carry the names and the free text: the activity inputs hold them.
    await eventually(async () => (await h.store.journal(parcoursId)).some((l) => l.code === 'email.retour-entretien') && (await h.store.journal(parcoursId)).some((l) => l.code === 'email.demande-cloturee'), 'the e-mails to the CPAS');
    const mail = await h.smtp.waitFor((m) => m.subject.includes('Retour après le premier entretien') && m.text.includes(CONSEILLER.nom));
    expect(mail.text).toContain(RETOUR.perspectives);

    // What Temporal wrote to disk: its SQLite file and the write-ahead log.
    const stored = sqliteBytes(temporalDb);
    expect(found(stored, [...PERSONAL_VALUES, niss])).toEqual([]);
    expect(found(stored, [workflowIdOf(parcoursId), 'ecrireDossier', 'binary/encrypted'])).toHaveLength(3);

    // What the UI's HTTP API serves (payloads in base64, decoded here before the search).
    const wid = workflowIdOf(parcoursId);
    const served = Buffer.concat([
      ...(await uiHistory(wid)).map(withBase64Decoded),
      withBase64Decoded(await uiGet(`/api/v1/namespaces/default/workflows/${encodeURIComponent(wid)}`)),
      withBase64Decoded(await uiGet(`/api/v1/namespaces/default/workflows?query=${encodeURIComponent(`WorkflowId = '${wid}'`)}`)),
    ]);
    expect(found(served, [...PERSONAL_VALUES, niss])).toEqual([]);
    // The search found the search attribute the UI shows (a base64 payload): it reads payloads.
    expect(found(served, ['"cloture"', wid])).toHaveLength(2);
  });

  it('the same searches find a value sent without the codec: they would see a leak', async () => {
    const canary = `canari-${randomUUID()}`;
    const plain = new Client({ connection: env.connection, namespace: 'default' });
    const handle = await plain.workflow.start('personne', { taskQueue: `aucun-${randomUUID()}`, workflowId: `canari-${randomUUID()}`, args: [{ nom: canary }] });
    try {
      expect(found(sqliteBytes(temporalDb), [canary])).toEqual([canary]);
      expect(found(Buffer.concat((await uiHistory(handle.workflowId)).map(withBase64Decoded)), [canary])).toEqual([canary]);
    } finally {
      await handle.terminate('canari');
    }
  });

  it('workflow ids and search attributes name no one: pseudonyms and the values of closed lists', async () => {
    const regimes = REGIMES.map((r) => r.id);
    const ours = new Set(Object.values(SEARCH_ATTRIBUTES).map((k) => k.name));
    let seen = 0;
    for await (const wf of h.env.client.workflow.list({ query: `WorkflowType = 'parcours'` })) {
      seen++;
      expect(wf.workflowId).toMatch(/^parcours-ce-[0-9a-f]{32}$/);
      const sa = Object.fromEntries(wf.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value]));
      for (const name of Object.keys(sa)) expect([...ours, 'TemporalChangeVersion', 'BuildIds']).toContain(name);
      expect(['nonInscrit', 'inscrit', 'suspendu', 'desinscrit', 'cloture']).toContain(sa.ParcoursStatut);
      if (sa.ParcoursAccompagnement !== undefined) expect(['digitalInteractif', 'enLigneAvecConseiller', 'axeMetier', 'multidimensionnel']).toContain(sa.ParcoursAccompagnement);
      if (sa.ParcoursCpas !== undefined) expect(h.registry.get(sa.ParcoursCpas as string)).toBeDefined();
      expect(regimes).toContain(sa.ParcoursRegime);
      if (sa.ParcoursProchaineEcheance !== undefined) expect(sa.ParcoursProchaineEcheance).toBeInstanceOf(Date);
      const text = JSON.stringify(sa) + wf.workflowId;
      expect(PERSONAL_VALUES.filter((v) => text.includes(v))).toEqual([]);
      expect(text).not.toContain(full.niss);
    }
    expect(seen).toBeGreaterThanOrEqual(1);
  });

  it('the UI is pointed at the codec server, which decodes for an auditor or a signed-in operator and refuses others', async () => {
    const settings = (await uiGet('/api/v1/settings')) as { Codec?: { Endpoint?: string }; codec?: { endpoint?: string } };
    expect(settings.Codec?.Endpoint ?? settings.codec?.endpoint).toBe(codecUrl);

    const payloads = (await uiHistory(workflowIdOf(full.parcoursId))).flatMap(encryptedPayloadsIn);
    expect(payloads.length).toBeGreaterThan(10);
    const decode = (headers: Record<string, string>) => fetch(`${codecUrl}/decode`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Namespace': 'default', ...headers }, body: JSON.stringify({ payloads }) });

    const asAuditor = await decode({ Authorization: `Bearer ${KEYS.auditor}` });
    expect(asAuditor.status).toBe(200);
    const clear = Buffer.concat(((await asAuditor.json()) as { payloads: Parameters<typeof payloadFromJson>[0][] }).payloads.map((p) => Buffer.from(payloadFromJson(p).data ?? new Uint8Array())));
    expect(found(clear, PERSONAL_VALUES)).toEqual(PERSONAL_VALUES);

    // A browser: the operator signs in on the codec server's page, then the UI's calls carry the cookie.
    const login = await fetch(`${codecUrl}/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ cle: KEYS.operator }) });
    expect(login.status).toBe(204);
    const session = login.headers.get('set-cookie')!.split(';')[0];
    expect((await decode({ Cookie: session, Origin: uiUrl })).status).toBe(200);
    expect((await decode({ Cookie: session, Origin: 'http://localhost:1080' })).status).toBe(403);

    expect((await decode({ Authorization: `Bearer ${KEYS.cpasLiege}` })).status).toBe(403);
    expect((await decode({ Authorization: `Bearer ${KEYS.backoffice}` })).status).toBe(403);
    expect((await decode({})).status).toBe(401);
    expect((await decode({ Origin: uiUrl })).status).toBe(401);
  });

  it('rotation: a parcours begun under key 1 goes on under key 2; its history replays and audits with both, not without key 1', async () => {
    const taskQueue = `rotation-${randomUUID()}`;
    const before = encryptingDataConverter(keyringBeforeRotation());
    const after = encryptingDataConverter(keyringAfterRotation());
    const workerWith = (dataConverter: typeof before) =>
      createWorker({
        connection: env.nativeConnection,
        config: { temporalNamespace: 'default', taskQueue, smtpHost: '127.0.0.1', smtpPort: h.smtp.port, mailFrom: 'Parcours <parcours@forem.invalid>', serviceControleEmail: SERVICE_CONTROLE_EMAIL, publicUrl: PUBLIC_URL },
        store: h.store,
        registry: h.registry,
        conventions: h.conventions,
        retention: h.retention,
        client: h.env.client,
        dataConverter,
        workflowBundle: workflowBundle(),
      });
    const gateway = (dataConverter: typeof before) => new ParcoursGateway(new Client({ connection: env.connection, namespace: 'default', dataConverter }), taskQueue);
    const parcoursId = `ce-${randomUUID().replace(/-/g, '')}`;
    const event = (type: string, body: object) => ({ id: `${type}-${randomUUID()}`, type, date: today, ...body }) as never;

    const w1 = await workerWith(before);
    const run1 = w1.run();
    await gateway(before).record(parcoursId, event('inscription', { canal: 'presentiel', personne: { dateNaissance: '1979-02-03', experienceProfessionnelle: true, autonomieNumerique: true }, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(today, 1) }), true);
    await gateway(before).record(parcoursId, event('demande', { cpas: CPAS_LIEGE, contact: CONTACT, personne: { nom: 'Rotationnelle', prenom: 'Yasmina', dateNaissance: '1979-02-03' }, situation, besoin: 'orientation', elements: ELEMENTS }), true);
    w1.shutdown();
    await run1;

    // Key 2 becomes the encrypting key; key 1 stays to decrypt. The same parcours goes on.
    const w2 = await workerWith(after);
    const run2 = w2.run();
    const affectation = await gateway(after).record(parcoursId, event('affectation', { employabilite: 'faible' }), false);
    expect(affectation.etat.accompagnement?.type).toBe('multidimensionnel');
    w2.shutdown();
    await run2;

    const history = await h.env.client.workflow.getHandle(workflowIdOf(parcoursId)).fetchHistory();
    const keyIds = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (!v || typeof v !== 'object' || v instanceof Uint8Array) return;
      const o = v as Record<string, unknown>;
      if (o.metadata && o.data instanceof Uint8Array) {
        const id = keyIdOf(o as Payload);
        if (id) keyIds.add(id);
      } else Object.values(o).forEach(walk);
    };
    walk(history);
    expect([...keyIds].sort()).toEqual(['test-1', 'test-2']);

    const json = JSON.parse(historyToJSON(history));
    await Worker.runReplayHistory({ workflowBundle: workflowBundle(), dataConverter: after }, history, workflowIdOf(parcoursId));
    // The auditor holds no key: the codec server decodes for them.
    const report = await audit(json, workflowIdOf(parcoursId), { workflowBundle: workflowBundle(), dataConverter: dataConverterWith(new RemoteCodec(codecUrl, KEYS.auditor)) });
    expect(report.replayError).toBeUndefined();
    expect(report.entries.map((e) => e.code)).toEqual(expect.arrayContaining(['inscription', 'demande', 'affectation']));
    // Without key 1, the start of the parcours cannot be read: the audit says which key is missing.
    const withoutKey1 = encryptingDataConverter(new StaticKeyring([TEST_KEY_2], TEST_KEY_2.id));
    await expect(Worker.runReplayHistory({ workflowBundle: workflowBundle(), dataConverter: withoutKey1 }, history, workflowIdOf(parcoursId))).rejects.toThrow();
    const lost = await audit(json, workflowIdOf(parcoursId), { workflowBundle: workflowBundle(), dataConverter: withoutKey1 });
    expect(lost.replayError).toMatch(/cannot be decoded: payload encrypted with key "test-1", which is not held/);
  });

  describe('retention', () => {
    const A = { nom: 'Oudejans-Purgee', prenom: 'Rosalie', dateNaissance: '1974-11-02' };
    const B = { nom: 'Gardee-Jeunesse', prenom: 'Theodora', dateNaissance: '1991-05-27' };
    const C = { nom: 'Encore-Ouverte', prenom: 'Philomene', dateNaissance: '1968-01-30' };
    // What the product database keeps of a request: the CPAS contact and the free text.
    const A_CONTACT = { nom: 'Rosalie Assistante-Sociale', email: 'assistante.a@cpas-liege.example' };
    const A_ELEMENTS = { projet: 'menuiserie pour Rosalie', actionsPrealables: 'stage en atelier protege', besoinsFreins: 'permis de conduire' };
    const B_CONTACT = { nom: 'Theodora Assistante-Sociale', email: 'assistante.b@cpas-liege.example' };
    const B_ELEMENTS = { projet: 'logistique pour Theodora', actionsPrealables: 'aucune', besoinsFreins: 'horaires' };
    const old = addDays(today, -150);
    let a: { niss: string; parcoursId: string };
    let b: { niss: string; parcoursId: string };
    let c: { niss: string; parcoursId: string };
    const productDb = () => sqliteBytes(h.databaseUrl);
    const runRetention = (input: { periodeMois: number; dryRun?: boolean }) =>
      h.env.client.workflow.execute('retention', { taskQueue: h.taskQueue, workflowId: `retention-${randomUUID()}`, args: [input] }) as Promise<RetentionReport>;

    beforeAll(async () => {
      // A closed five months ago, B ten days ago, C five months ago; A and B with a CPAS request.
      // The facts are recorded today: the late-fact rule annuls, dated today, what the window's
      // deadlines decided between them; the last line that holds is the closure.
      a = await inscrire(old, A);
      await demande(a.niss, old, A, A_CONTACT, A_ELEMENTS);
      await fact(a.parcoursId, 'cloture', { date: addDays(old, 5), motif: 'deces' });
      b = await inscrire(addDays(today, -20), B);
      await demande(b.niss, addDays(today, -20), B, B_CONTACT, B_ELEMENTS);
      await fact(b.parcoursId, 'cloture', { date: addDays(today, -10), motif: 'deces' });
      c = await inscrire(old, C);
      await fact(c.parcoursId, 'cloture', { date: addDays(old, 5), motif: 'deces' });
      for (const p of [a, b]) await eventually(async () => (await h.store.journal(p.parcoursId)).some((l) => l.code === 'email.demande-cloturee'), 'the closing e-mail');
      // A closed parcours keeps its workflow open three months for late facts (spec §11), which a
      // test cannot wait for: A's and B's workflows are ended by hand, as that window's end would.
      // C's stays open.
      for (const p of [a, b]) await h.env.client.workflow.getHandle(workflowIdOf(p.parcoursId)).terminate('fin de la fenêtre des faits tardifs (test)');
      for (const p of [a, b]) {
        await eventually(async () => {
          for await (const wf of h.env.client.workflow.list({ query: `WorkflowId = '${workflowIdOf(p.parcoursId)}'` })) if (wf.status.name === 'TERMINATED') return true;
          return false;
        }, 'the ended workflow in visibility');
      }
    });

    it('a dry run lists the ended parcours past the period and changes nothing', async () => {
      expect(found(productDb(), [A_CONTACT.email, A_ELEMENTS.projet, B_CONTACT.email])).toHaveLength(3);
      const report = await runRetention({ periodeMois: 3, dryRun: true });
      expect(report).toMatchObject({ dryRun: true, jusqua: addMonths(today, -3), parcours: 1, executions: 1, enCours: 1 });
      expect(report.aPurger).toEqual([{ parcoursId: a.parcoursId, derniereDate: addDays(old, 5), lignes: (await h.store.journal(a.parcoursId)).length, executions: 1 }]);
      expect((await h.store.journal(a.parcoursId)).length).toBeGreaterThan(0);
      await h.env.client.workflow.getHandle(workflowIdOf(a.parcoursId)).describe();
      expect(await h.retention.purges()).toEqual([]);
    });

    it('purges the ended parcours past the period: histories deleted, dossier turned into statistics, an anonymous audit line', async () => {
      const lignes = (await h.store.journal(a.parcoursId)).length;
      const answersOfA = async () => (await h.db.kysely.selectFrom('idempotency').select('key').where(jsonText(h.dialect, 'body', 'parcoursId'), '=', a.parcoursId).execute()).length;
      expect(await answersOfA()).toBeGreaterThan(0);
      const workflowId = `retention-${randomUUID()}`;
      const report = (await h.env.client.workflow.execute('retention', { taskQueue: h.taskQueue, workflowId, args: [{ periodeMois: 3 }] })) as RetentionReport;
      expect(report).toMatchObject({ dryRun: false, parcours: 1, lignes, executions: 1, enCours: 1 });

      // A: gone from Temporal (the server deletes in the background) and from the dossier; its API answers deleted.
      await eventually(() => h.env.client.workflow.getHandle(workflowIdOf(a.parcoursId)).describe().then(() => false, (err) => err instanceof WorkflowNotFoundError), 'the deleted history');
      expect(await h.store.journal(a.parcoursId)).toEqual([]);
      expect(await answersOfA()).toBe(0);
      const [purge] = (await h.retention.purges());
      expect(purge).toMatchObject({ lignes, executions: 1, derniereActivite: addDays(old, 5).slice(0, 7), periodeMois: 3 });
      expect(JSON.stringify((await h.retention.purges()))).not.toContain(a.parcoursId);
      const stats = await h.db.kysely.selectFrom('statistiques').selectAll().where('anonyme', '=', purge.anonyme).execute();
      expect(stats).toHaveLength(lignes);
      expect(stats.map((s) => s.code)).toEqual(expect.arrayContaining(['inscription', 'demande', 'cloture']));
      expect(Object.keys(stats[0]).sort()).toEqual(['anonyme', 'code', 'jour', 'kind', 'mois', 'regime', 'rule_id']);
      // Erased from the database file and its log, not only from the tables; B is still there.
      expect(found(productDb(), [A_CONTACT.nom, A_CONTACT.email, A_ELEMENTS.projet, a.parcoursId, B_CONTACT.email])).toEqual([B_CONTACT.email]);
      // The retention's own history names no one it purged.
      const own = await decodedHistoryText(await h.env.client.workflow.getHandle(workflowId).fetchHistory(), new EncryptionCodec(keyringBeforeRotation()));
      expect(own).toContain('"parcours":1');
      expect(own).not.toContain(a.parcoursId);

      // B (ended ten days ago) and C (past the period, but its workflow still open) are kept.
      expect((await h.store.journal(b.parcoursId)).length).toBeGreaterThan(0);
      await h.env.client.workflow.getHandle(workflowIdOf(b.parcoursId)).describe();
      expect((await h.store.journal(c.parcoursId)).length).toBeGreaterThan(0);
      expect((await h.env.client.workflow.getHandle(workflowIdOf(c.parcoursId)).describe()).status.name).toBe('RUNNING');
    });

    it('a second run finds nothing more to purge', async () => {
      const report = await runRetention({ periodeMois: 3 });
      expect(report).toMatchObject({ parcours: 0, lignes: 0, executions: 0, enCours: 1 });
      expect(await h.retention.purges()).toHaveLength(1);
    });

    it('refuses a period under three months rather than purging a parcours still open to late facts', async () => {
      await expect(runRetention({ periodeMois: 1 })).rejects.toMatchObject({ cause: { type: 'RetentionInvalide', message: 'periodeMois doit être un nombre entier de mois de 3 à 120 (reçu 1)' } });
      expect((await h.store.journal(b.parcoursId)).length).toBeGreaterThan(0);
    });
  });

  it('the retention runs from a Temporal Schedule that each worker start brings to the configured period', async () => {
    await ensureRetentionSchedule(h.env.client, { mois: 24, dryRun: true }, h.taskQueue);
    await ensureRetentionSchedule(h.env.client, { mois: 36, dryRun: true }, h.taskQueue);
    const schedule = h.env.client.schedule.getHandle(RETENTION_SCHEDULE_ID);
    try {
      const d = await schedule.describe();
      expect(d.spec.calendars).toEqual([expect.objectContaining({ hour: [{ start: 3, end: 3, step: 1 }], minute: [{ start: 15, end: 15, step: 1 }] })]);
      expect(d.spec.timezone).toBe('Europe/Brussels');
      expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'retention', taskQueue: h.taskQueue, args: [{ periodeMois: 36, dryRun: true }] });
      await schedule.trigger();
      const started = await eventually(async () => (await schedule.describe()).info.recentActions[0]?.action.workflow, 'a run started by the schedule');
      const result = (await h.env.client.workflow.getHandle(started.workflowId, started.firstExecutionRunId).result()) as RetentionReport;
      expect(result).toMatchObject({ dryRun: true, periodeMois: 36, jusqua: addMonths(today, -36) });
    } finally {
      await schedule.delete();
    }
  });
});

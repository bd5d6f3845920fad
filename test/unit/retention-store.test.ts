/** What the retention does to the product database (lib/retention/store.ts), on SQLite and PostgreSQL. */
import { openDatabase, type Db } from '../../lib/db';
import { DossierStore, journalKey, messageKey } from '../../lib/dossier-store';
import { DemandesCpasStore } from '../../lib/demandes-cpas';
import { EmailDeliveryStore } from '../../lib/email-delivery-store';
import { IdempotencyStore } from '../../lib/idempotency-store';
import { loadRetentionConfig } from '../../lib/retention/config';
import { RetentionStore } from '../../lib/retention/store';
import { createDatabaseUrl, DIALECTS, freshDatabase, type TestDatabase } from '../helpers/database';
import { found, sqliteBytes } from '../helpers/personal-data';

const FREE_TEXT = 'garde des enfants chez Madame Verstraete';

const line = (seq: number, date: string, code: string, data?: Record<string, unknown>) => ({ key: journalKey(seq), date, kind: 'fait', code, resume: `${code} du ${date}`, ...(data ? { data } : {}) });

/** The stores of one database, and a parcours closed on 2025-03-10 whose CPAS request names a social worker and the person's needs. */
function storesOf(db: Db) {
  const dossier = new DossierStore(db);
  const answers = new IdempotencyStore(db);
  const retention = new RetentionStore(db);
  async function closedParcours(id: string) {
    await dossier.append(id, [
      line(1, '2025-01-06', 'inscription'),
      line(2, '2025-01-20', 'demande', { reference: `DEM-${id}`, contact: { nom: 'Sophie Lambotte', email: 'sophie@cpas.example' }, elements: { besoinsFreins: FREE_TEXT } }),
      { ...line(3, '2025-03-10', 'cloture'), kind: 'decision', ruleId: 'cloture.causes', basis: 'AGW art. 35', regime: 'aocs-2025' },
      { key: messageKey(`${id}.cloture`), date: '2025-03-10', kind: 'message', code: 'email.demande-cloturee', resume: 'E-mail envoyé', data: { destinataire: 'sophie@cpas.example' } },
    ]);
    await answers.reserve('cpas-liege', `k-${id}`, 'f');
    await answers.put('cpas-liege', `k-${id}`, { status: 200, body: { parcoursId: id, dossier: [{ data: { elements: { besoinsFreins: FREE_TEXT } } }] } });
  }
  return { dossier, answers, retention, closedParcours };
}

describe.each(DIALECTS)('RetentionStore (%s)', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let s: ReturnType<typeof storesOf>;
  beforeAll(async () => {
    database = await freshDatabase(dialect);
    db = database.db;
    s = storesOf(db);
  });
  afterAll(() => database?.drop());
  beforeEach(async () => {
    for (const table of ['dossier', 'idempotency', 'statistiques', 'purges', 'access_journal', 'email_delivery', 'demandes_cpas'] as const) await db.kysely.deleteFrom(table).execute();
  });

  describe('candidates', () => {
    it('are the parcours whose last line is on or before the day given', async () => {
      await s.closedParcours('ce-a');
      await s.dossier.append('ce-b', [line(1, '2025-03-11', 'inscription')]);
      expect(await s.retention.candidats('2025-03-10')).toEqual([{ parcoursId: 'ce-a', derniereDate: '2025-03-10', lignes: 4 }]);
      expect(await s.retention.candidats('2025-03-09')).toEqual([]);
      expect((await s.retention.candidats('2025-03-11')).map((c) => c.parcoursId)).toEqual(['ce-a', 'ce-b']);
    });

    it('leave out annulments and the lines they annulled (a late fact recorded after the closure)', async () => {
      await s.closedParcours('ce-a');
      await s.dossier.append('ce-a', [
        line(4, '2025-04-01', 'suspension'),
        { ...line(5, '2025-06-02', 'rectification.annulation', { annule: 4, code: 'suspension', date: '2025-04-01' }), kind: 'decision' },
      ]);
      expect(await s.retention.candidats('2025-03-10')).toEqual([{ parcoursId: 'ce-a', derniereDate: '2025-03-10', lignes: 6 }]);
      // The same line not annulled keeps the parcours alive.
      await s.dossier.append('ce-z', [line(1, '2025-01-06', 'inscription'), line(2, '2025-04-01', 'suspension')]);
      expect((await s.retention.candidats('2025-03-10')).map((c) => c.parcoursId)).toEqual(['ce-a']);
    });
  });

  describe('anonymisation', () => {
    it('turns the dossier into statistics without identity, deletes the answers naming it and writes an anonymous line', async () => {
      await s.closedParcours('ce-a');
      await s.closedParcours('ce-b');
      const [a] = await s.retention.candidats('2025-03-10');
      const done = (await s.retention.anonymiser(a, { executions: 2, periodeMois: 24, le: '2027-03-11T02:15:00.000Z' }))!;
      expect(done).toEqual({ anonyme: expect.stringMatching(/^anon-[0-9a-f-]{36}$/), lignes: 4 });
      expect(await s.dossier.journal('ce-a')).toEqual([]);
      expect(await s.answers.find('cpas-liege', 'k-ce-a')).toBeUndefined();
      expect(await s.answers.find('cpas-liege', 'k-ce-b')).toBeDefined();
      expect(await s.dossier.journal('ce-b')).toHaveLength(4);
      // Month and day counted from the first line: durations stay measurable, nobody is found by a date.
      const stats = await db.kysely.selectFrom('statistiques').select(['mois', 'jour', 'kind', 'code', 'rule_id', 'regime']).where('anonyme', '=', done.anonyme).orderBy('jour').orderBy('code').execute();
      expect(stats).toEqual([
        { mois: '2025-01', jour: 0, kind: 'fait', code: 'inscription', rule_id: null, regime: null },
        { mois: '2025-01', jour: 14, kind: 'fait', code: 'demande', rule_id: null, regime: null },
        { mois: '2025-03', jour: 63, kind: 'decision', code: 'cloture', rule_id: 'cloture.causes', regime: 'aocs-2025' },
        { mois: '2025-03', jour: 63, kind: 'message', code: 'email.demande-cloturee', rule_id: null, regime: null },
      ]);
      expect(await s.retention.purges()).toEqual([{ le: '2027-03-11T02:15:00.000Z', anonyme: done.anonyme, lignes: 4, executions: 2, derniereActivite: '2025-03', periodeMois: 24 }]);
    });

    it('deletes the delivery state of its e-mails, and of its only (issue 13 §4)', async () => {
      const deliveries = new EmailDeliveryStore(db);
      for (const id of ['ce-a', 'ce-b']) await deliveries.envoye({ journal: 'parcours', owner: id, key: `${id}.cloture`, modele: 'demande-cloturee', destinataire: 'cpas', cpas: '0212345678' }, 1);
      await s.closedParcours('ce-a');
      await s.closedParcours('ce-b');
      await s.retention.anonymiser((await s.retention.candidats('2025-03-10'))[0], { executions: 1, periodeMois: 24 });
      expect(await deliveries.duParcours('ce-a')).toEqual([]);
      expect(await deliveries.duParcours('ce-b')).toHaveLength(1);
    });

    it('deletes its requests from the portal’s list, and its only (issue 15: the list names the person)', async () => {
      const demandes = new DemandesCpasStore(db);
      for (const id of ['ce-a', 'ce-b']) await demandes.enregistrer({ reference: `DEM-${id}`, cpas: '0212345678', parcoursId: id, nom: 'Verstraete', prenom: 'Anne', besoin: 'formation', deposeeLe: '2025-01-15', statut: 'cloturee' });
      await s.closedParcours('ce-a');
      await s.closedParcours('ce-b');
      await s.retention.anonymiser((await s.retention.candidats('2025-03-10'))[0], { executions: 1, periodeMois: 24 });
      expect(await demandes.get('DEM-ce-a')).toBeUndefined();
      expect(await demandes.get('DEM-ce-b')).toMatchObject({ nom: 'Verstraete', parcoursId: 'ce-b' });
    });

    it('names the purged parcours in the access journal by its anonymous id only', async () => {
      await s.closedParcours('ce-a');
      await db.kysely.insertInto('access_journal').values({ at: '2025-02-01T10:00:00.000Z', request_id: 'r1', caller: 'auditor-dev', role: 'auditor', operation: 'lireParcours', parcours_id: 'ce-a', reference: null, status: 200, outcome: 'granted' }).execute();
      const done = (await s.retention.anonymiser((await s.retention.candidats('2025-03-10'))[0], { executions: 1, periodeMois: 24 }))!;
      expect(await db.kysely.selectFrom('access_journal').select(['parcours_id', 'caller', 'operation']).execute()).toEqual([{ parcours_id: done.anonyme, caller: 'auditor-dev', operation: 'lireParcours' }]);
    });

    it('changes nothing when the dossier moved since it was selected: the parcours is alive', async () => {
      await s.closedParcours('ce-a');
      const [a] = await s.retention.candidats('2025-03-10');
      await s.dossier.append('ce-a', [line(5, '2025-03-10', 'inscription')]);
      expect(await s.retention.anonymiser(a, { executions: 1, periodeMois: 24 })).toBeUndefined();
      expect(await s.dossier.journal('ce-a')).toHaveLength(5);
      expect(await s.retention.purges()).toEqual([]);
    });
  });

  it('deletes the stored API answers older than the period', async () => {
    await s.answers.reserve('bo', 'k-1', 'f');
    await s.answers.put('bo', 'k-1', { status: 409, body: { title: 'refus' } });
    expect(await s.retention.effacerReponsesAvant('2000-01-01T00:00:00.000Z')).toBe(0);
    expect(await s.retention.effacerReponsesAvant('2999-01-01T00:00:00.000Z')).toBe(1);
    expect(await s.answers.find('bo', 'k-1')).toBeUndefined();
  });
});

describe('RetentionStore on a SQLite file', () => {
  it('leaves no copy of the erased values in the database file nor in its log', async () => {
    const { url: file, remove } = await createDatabaseUrl('sqlite');
    const db = await openDatabase(file);
    try {
      const s = storesOf(db);
      await s.closedParcours('ce-a');
      await s.closedParcours('ce-b');
      // Only the free text of ce-a differs from ce-b's: give ce-b its own.
      const k = db.kysely;
      await k.updateTable('dossier').set((eb) => ({ data: eb.fn<string>('replace', ['data', eb.val(FREE_TEXT), eb.val('mobilite')]) })).where('parcours_id', '=', 'ce-b').execute();
      await k.updateTable('idempotency').set((eb) => ({ body: eb.fn<string>('replace', ['body', eb.val(FREE_TEXT), eb.val('mobilite')]) })).where('key', '=', 'k-ce-b').execute();
      expect(found(sqliteBytes(file), [FREE_TEXT, 'DEM-ce-a'])).toHaveLength(2);
      await s.retention.anonymiser((await s.retention.candidats('2025-03-10')).find((c) => c.parcoursId === 'ce-a')!, { executions: 1, periodeMois: 24 });
      await s.retention.checkpoint();
      expect(found(sqliteBytes(file), [FREE_TEXT, 'DEM-ce-a', 'DEM-ce-b'])).toEqual(['DEM-ce-b']);
    } finally {
      await db.close();
      await remove();
    }
  });
});

describe('PARCOURS_RETENTION_MOIS', () => {
  it('defaults to 24 months, reporting and purging', () => {
    expect(loadRetentionConfig({})).toEqual({ mois: 24, dryRun: false });
    expect(loadRetentionConfig({ PARCOURS_RETENTION_MOIS: '60', PARCOURS_RETENTION_DRY_RUN: 'true' })).toEqual({ mois: 60, dryRun: true });
  });

  it.each(['2', '0', '121', '12.5', 'deux ans'])('refuses %s: never less than the three months a closed parcours stays open to late facts', (value) => {
    expect(() => loadRetentionConfig({ PARCOURS_RETENTION_MOIS: value })).toThrow(/PARCOURS_RETENTION_MOIS must be a whole number of months from 3 to 120/);
  });

  it('refuses a dry-run flag it cannot read', () => {
    expect(() => loadRetentionConfig({ PARCOURS_RETENTION_DRY_RUN: 'peut-être' })).toThrow(/PARCOURS_RETENTION_DRY_RUN/);
  });
});

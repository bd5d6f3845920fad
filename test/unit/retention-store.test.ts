/** What the retention does to the product database (lib/retention/store.ts), on a real SQLite file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../lib/database';
import { DossierStore, journalKey, messageKey } from '../../lib/dossier-store';
import { EmailDeliveryStore } from '../../lib/email-delivery-store';
import { IdempotencyStore } from '../../lib/idempotency-store';
import { loadRetentionConfig } from '../../lib/retention/config';
import { RetentionStore } from '../../lib/retention/store';
import { found, sqliteBytes } from '../helpers/personal-data';

const FREE_TEXT = 'garde des enfants chez Madame Verstraete';

describe('RetentionStore', () => {
  let dir: string;
  let file: string;
  let db: Db;
  let dossier: DossierStore;
  let answers: IdempotencyStore;
  let retention: RetentionStore;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retention-'));
    file = path.join(dir, 'parcours.db');
    db = openDatabase(file);
    dossier = new DossierStore(db);
    answers = new IdempotencyStore(db);
    retention = new RetentionStore(db);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const line = (seq: number, date: string, code: string, data?: Record<string, unknown>) => ({ key: journalKey(seq), date, kind: 'fait', code, resume: `${code} du ${date}`, ...(data ? { data } : {}) });

  /** A parcours closed on 2025-03-10 whose CPAS request names a social worker and the person's needs. */
  function closedParcours(id: string) {
    dossier.append(id, [
      line(1, '2025-01-06', 'inscription'),
      line(2, '2025-01-20', 'demande', { reference: `DEM-${id}`, contact: { nom: 'Sophie Lambotte', email: 'sophie@cpas.example' }, elements: { besoinsFreins: FREE_TEXT } }),
      { ...line(3, '2025-03-10', 'cloture'), kind: 'decision', ruleId: 'cloture.causes', basis: 'AGW art. 35', regime: 'aocs-2025' },
      { key: messageKey(`${id}.cloture`), date: '2025-03-10', kind: 'message', code: 'email.demande-cloturee', resume: 'E-mail envoyé', data: { destinataire: 'sophie@cpas.example' } },
    ]);
    answers.reserve('cpas-liege', `k-${id}`, 'f');
    answers.put('cpas-liege', `k-${id}`, { status: 200, body: { parcoursId: id, dossier: [{ data: { elements: { besoinsFreins: FREE_TEXT } } }] } });
  }

  describe('candidates', () => {
    it('are the parcours whose last line is on or before the day given', () => {
      closedParcours('ce-a');
      dossier.append('ce-b', [line(1, '2025-03-11', 'inscription')]);
      expect(retention.candidats('2025-03-10')).toEqual([{ parcoursId: 'ce-a', derniereDate: '2025-03-10', lignes: 4 }]);
      expect(retention.candidats('2025-03-09')).toEqual([]);
      expect(retention.candidats('2025-03-11').map((c) => c.parcoursId)).toEqual(['ce-a', 'ce-b']);
    });

    it('leave out annulments and the lines they annulled (a late fact recorded after the closure)', () => {
      closedParcours('ce-a');
      dossier.append('ce-a', [
        line(4, '2025-04-01', 'suspension'),
        { ...line(5, '2025-06-02', 'rectification.annulation', { annule: 4, code: 'suspension', date: '2025-04-01' }), kind: 'decision' },
      ]);
      expect(retention.candidats('2025-03-10')).toEqual([{ parcoursId: 'ce-a', derniereDate: '2025-03-10', lignes: 6 }]);
      // The same line not annulled keeps the parcours alive.
      dossier.append('ce-z', [line(1, '2025-01-06', 'inscription'), line(2, '2025-04-01', 'suspension')]);
      expect(retention.candidats('2025-03-10').map((c) => c.parcoursId)).toEqual(['ce-a']);
    });
  });

  describe('anonymisation', () => {
    it('turns the dossier into statistics without identity, deletes the answers naming it and writes an anonymous line', () => {
      closedParcours('ce-a');
      closedParcours('ce-b');
      const [a] = retention.candidats('2025-03-10');
      const done = retention.anonymiser(a, { executions: 2, periodeMois: 24, le: '2027-03-11T02:15:00.000Z' })!;
      expect(done).toEqual({ anonyme: expect.stringMatching(/^anon-[0-9a-f-]{36}$/), lignes: 4 });
      expect(dossier.journal('ce-a')).toEqual([]);
      expect(answers.find('cpas-liege', 'k-ce-a')).toBeUndefined();
      expect(answers.find('cpas-liege', 'k-ce-b')).toBeDefined();
      expect(dossier.journal('ce-b')).toHaveLength(4);
      // Month and day counted from the first line: durations stay measurable, nobody is found by a date.
      expect(db.prepare(`SELECT mois, jour, kind, code, rule_id, regime FROM statistiques WHERE anonyme = ? ORDER BY jour, code`).all(done.anonyme)).toEqual([
        { mois: '2025-01', jour: 0, kind: 'fait', code: 'inscription', rule_id: null, regime: null },
        { mois: '2025-01', jour: 14, kind: 'fait', code: 'demande', rule_id: null, regime: null },
        { mois: '2025-03', jour: 63, kind: 'decision', code: 'cloture', rule_id: 'cloture.causes', regime: 'aocs-2025' },
        { mois: '2025-03', jour: 63, kind: 'message', code: 'email.demande-cloturee', rule_id: null, regime: null },
      ]);
      expect(retention.purges()).toEqual([{ le: '2027-03-11T02:15:00.000Z', anonyme: done.anonyme, lignes: 4, executions: 2, derniereActivite: '2025-03', periodeMois: 24 }]);
    });

    it('deletes the delivery state of its e-mails, and of its only (issue 13 §4)', async () => {
      const deliveries = new EmailDeliveryStore(db);
      for (const id of ['ce-a', 'ce-b']) await deliveries.envoye({ journal: 'parcours', owner: id, key: `${id}.cloture`, modele: 'demande-cloturee', destinataire: 'cpas', cpas: '0212345678' }, 1);
      closedParcours('ce-a');
      closedParcours('ce-b');
      retention.anonymiser(retention.candidats('2025-03-10')[0], { executions: 1, periodeMois: 24 });
      expect(await deliveries.duParcours('ce-a')).toEqual([]);
      expect(await deliveries.duParcours('ce-b')).toHaveLength(1);
    });

    it('changes nothing when the dossier moved since it was selected: the parcours is alive', () => {
      closedParcours('ce-a');
      const [a] = retention.candidats('2025-03-10');
      dossier.append('ce-a', [line(5, '2025-03-10', 'inscription')]);
      expect(retention.anonymiser(a, { executions: 1, periodeMois: 24 })).toBeUndefined();
      expect(dossier.journal('ce-a')).toHaveLength(5);
      expect(retention.purges()).toEqual([]);
    });

    it('leaves no copy of the erased values in the database file nor in its log', () => {
      closedParcours('ce-a');
      closedParcours('ce-b');
      // Only the free text of ce-a differs from ce-b's: give ce-b its own.
      db.prepare(`UPDATE dossier SET data = replace(data, ?, 'mobilite') WHERE parcours_id = 'ce-b'`).run(FREE_TEXT);
      db.prepare(`UPDATE idempotency SET body = replace(body, ?, 'mobilite') WHERE key = 'k-ce-b'`).run(FREE_TEXT);
      expect(found(sqliteBytes(file), [FREE_TEXT, 'DEM-ce-a'])).toHaveLength(2);
      retention.anonymiser(retention.candidats('2025-03-10').find((c) => c.parcoursId === 'ce-a')!, { executions: 1, periodeMois: 24 });
      retention.checkpoint();
      expect(found(sqliteBytes(file), [FREE_TEXT, 'DEM-ce-a', 'DEM-ce-b'])).toEqual(['DEM-ce-b']);
    });
  });

  it('deletes the stored API answers older than the period', () => {
    answers.reserve('bo', 'k-1', 'f');
    answers.put('bo', 'k-1', { status: 409, body: { title: 'refus' } });
    expect(retention.effacerReponsesAvant('2000-01-01T00:00:00.000Z')).toBe(0);
    expect(retention.effacerReponsesAvant('2999-01-01T00:00:00.000Z')).toBe(1);
    expect(answers.find('bo', 'k-1')).toBeUndefined();
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

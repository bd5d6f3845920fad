/**
 * The dossier unique (art. 37) in a real SQLite file and a real PostgreSQL database: append-only,
 * and a retried write — or the same write by two processes at once — adds nothing.
 */
import { createDossierActivities } from '../../activities/dossier';
import type { DossierEntry } from '../../domain/parcours';
import { openDatabase } from '../../lib/db';
import { DossierStore, journalKey } from '../../lib/dossier-store';
import { DIALECTS, freshDatabase, type TestDatabase } from '../helpers/database';

describe.each(DIALECTS)('ecrireDossier (%s)', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(dialect);
  });
  afterAll(() => database?.drop());

  it('writes each numbered entry once, however often the activity is retried, and keeps the legal basis', async () => {
    const { ecrireDossier } = createDossierActivities(new DossierStore(database.db));
    const entries: DossierEntry[] = [
      { seq: 1, date: '2026-01-05', kind: 'fait', code: 'inscription', resume: 'Inscription', eventId: 'e1' },
      { seq: 2, date: '2026-02-06', kind: 'decision', code: 'suspension', resume: 'Suspendu', legalBasis: { ruleId: 'suspension.duree', basis: 'AGW 09/10/2025, art. 32, al. 2 et 4', regime: 'aocs-2025' }, data: { depuis: '2026-02-06' } },
    ];
    expect(await ecrireDossier('ce-x', entries)).toBe(2);
    expect(await ecrireDossier('ce-x', entries)).toBe(0); // the retry after a crash
    expect(await ecrireDossier('ce-x', [entries[1], { seq: 3, date: '2026-02-07', kind: 'fait', code: 'absence', resume: 'Absence' }])).toBe(1);

    // Read back by a new connection: the journal is durable and in order.
    const reopened = await openDatabase(database.url);
    try {
      const journal = await new DossierStore(reopened).journal('ce-x');
      expect(journal.map((l) => l.code)).toEqual(['inscription', 'suspension', 'absence']);
      expect(journal[1]).toMatchObject({ ruleId: 'suspension.duree', basis: expect.stringContaining('art. 32'), regime: 'aocs-2025', data: { depuis: '2026-02-06' } });
      expect(await new DossierStore(reopened).journal('ce-other')).toEqual([]);
      expect(await new DossierStore(reopened).dernierNumero('ce-x')).toBe(3);
    } finally {
      await reopened.close();
    }
  });

  it('writes through the local activity once as well, and returns the entries for the history to record', async () => {
    const store = new DossierStore(database.db);
    const { ecrireDossierLocal } = createDossierActivities(store);
    const entries: DossierEntry[] = [{ seq: 1, date: '2026-01-05', kind: 'fait', code: 'inscription', resume: 'Inscription', eventId: 'e1' }];
    expect(await ecrireDossierLocal('ce-local', entries)).toEqual(entries);
    expect(await ecrireDossierLocal('ce-local', entries)).toEqual(entries); // re-run after a worker crash before the task completed
    expect((await store.journal('ce-local')).map((l) => l.key)).toEqual(['j:00000001']);
  });

  it('the same lines written at once by two workers on one database are written once', async () => {
    const other = await openDatabase(database.url);
    try {
      const lines = Array.from({ length: 40 }, (_, i) => ({ key: journalKey(i + 1), date: '2026-03-02', kind: 'fait', code: 'contactMensuel', resume: `contact ${i + 1}` }));
      const writers = [new DossierStore(database.db), new DossierStore(other)];
      // Each worker writes every line, one at a time and all together, as retried activities would.
      const added = await Promise.all(writers.flatMap((w) => [w.append('ce-race', lines), ...lines.map((l) => w.append('ce-race', [l]))]));
      expect(added.reduce((a, b) => a + b, 0)).toBe(40);
      expect((await writers[1].journal('ce-race')).map((l) => l.key)).toEqual(lines.map((l) => l.key).sort());
    } finally {
      await other.close();
    }
  });

  it('finds a CPAS request by its reference, and lists a CPAS’s requests only', async () => {
    const store = new DossierStore(database.db);
    await store.append('ce-d1', [{ key: journalKey(1), date: '2026-04-01', kind: 'fait', code: 'demande', resume: 'Demande', data: { reference: 'ref-1', cpas: '0207337502', besoin: 'mobilite' } }]);
    await store.append('ce-d2', [{ key: journalKey(1), date: '2026-04-02', kind: 'fait', code: 'demande', resume: 'Demande', data: { reference: 'ref-2', cpas: '0212344310', besoin: 'logement' } }]);
    expect(await store.parcoursOfDemande('ref-2')).toBe('ce-d2');
    expect(await store.parcoursOfDemande('ref-3')).toBeUndefined();
    expect(await store.demandes('0207337502')).toEqual([{ reference: 'ref-1', parcoursId: 'ce-d1', cpas: '0207337502', date: '2026-04-01', besoin: 'mobilite' }]);
    expect((await store.demandes()).map((d) => d.reference)).toEqual(['ref-1', 'ref-2']);
  });
});

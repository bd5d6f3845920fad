/** The dossier unique (art. 37) in a real SQLite file: append-only, and a retried write adds nothing. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDossierActivities } from '../../activities/dossier';
import type { DossierEntry } from '../../domain/parcours';
import { openDatabase } from '../../lib/database';
import { DossierStore } from '../../lib/dossier-store';

describe('ecrireDossier', () => {
  it('writes each numbered entry once, however often the activity is retried, and keeps the legal basis', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-dossier-'));
    const file = path.join(dir, 'p.db');
    const db = openDatabase(file);
    const { ecrireDossier } = createDossierActivities(new DossierStore(db));
    const entries: DossierEntry[] = [
      { seq: 1, date: '2026-01-05', kind: 'fait', code: 'inscription', resume: 'Inscription', eventId: 'e1' },
      { seq: 2, date: '2026-02-06', kind: 'decision', code: 'suspension', resume: 'Suspendu', legalBasis: { ruleId: 'suspension.duree', basis: 'AGW 09/10/2025, art. 32, al. 2 et 4', regime: 'aocs-2025' }, data: { depuis: '2026-02-06' } },
    ];
    expect(await ecrireDossier('ce-x', entries)).toBe(2);
    expect(await ecrireDossier('ce-x', entries)).toBe(0); // the retry after a crash
    expect(await ecrireDossier('ce-x', [entries[1], { seq: 3, date: '2026-02-07', kind: 'fait', code: 'absence', resume: 'Absence' }])).toBe(1);
    db.close();

    // Read back from the file by a new connection: the journal is durable and in order.
    const reopened = openDatabase(file);
    const journal = new DossierStore(reopened).journal('ce-x');
    expect(journal.map((l) => l.code)).toEqual(['inscription', 'suspension', 'absence']);
    expect(journal[1]).toMatchObject({ ruleId: 'suspension.duree', basis: expect.stringContaining('art. 32'), regime: 'aocs-2025', data: { depuis: '2026-02-06' } });
    expect(new DossierStore(reopened).journal('ce-other')).toEqual([]);
    reopened.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes through the local activity once as well, and returns the entries for the history to record', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-dossier-'));
    const db = openDatabase(path.join(dir, 'p.db'));
    const store = new DossierStore(db);
    const { ecrireDossierLocal } = createDossierActivities(store);
    const entries: DossierEntry[] = [{ seq: 1, date: '2026-01-05', kind: 'fait', code: 'inscription', resume: 'Inscription', eventId: 'e1' }];
    expect(await ecrireDossierLocal('ce-x', entries)).toEqual(entries);
    expect(await ecrireDossierLocal('ce-x', entries)).toEqual(entries); // re-run after a worker crash before the task completed
    expect(store.journal('ce-x').map((l) => l.key)).toEqual(['j:00000001']);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

/**
 * The monitoring figures (convention art. 6) from a real dossier — SQLite and PostgreSQL — holding
 * lines as the core writes them, with known counts; small cells shown as "< 5" (spec §12 Decision).
 */
import { DossierStore, journalKey } from '../../lib/dossier-store';
import { MonitoringStore } from '../../lib/monitoring';
import { DIALECTS, freshDatabase, type TestDatabase } from '../helpers/database';
import { CPAS_LIEGE, CPAS_NAMUR } from '../helpers/fixtures';

/** Writes the dossier lines of the figures below, in order. */
async function seed(store: DossierStore): Promise<void> {
  const seq = new Map<string, number>();
  const writes: Array<() => Promise<number>> = [];
  const line = (parcoursId: string, date: string, code: string, data: Record<string, unknown> = {}, extra: { ruleId?: string; kind?: string } = {}) => {
    const n = (seq.get(parcoursId) ?? 0) + 1;
    seq.set(parcoursId, n);
    writes.push(() => store.append(parcoursId, [{ key: journalKey(n), date, kind: extra.kind ?? 'decision', code, resume: code, data, ...(extra.ruleId ? { ruleId: extra.ruleId } : {}) }]));
    return n;
  };
  const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  // Liège in 2026: seven requests by seven persons, five for training and two for orientation.
  const delais = [3, 5, 8, 10, 14, 30];
  for (let i = 1; i <= 7; i++) {
    const p = `ce-liege-${i}`;
    const reference = `DEM-L${i}`;
    const date = `2026-0${i}-10`;
    // Profiles as the core codes them: six under 25, five women; education given for six.
    const profil = { trancheAge: i <= 6 ? 'moins25' : '45a54', ...(i <= 6 ? { niveauEtudes: 'secondaireSuperieur' } : {}), genre: i <= 5 ? 'femme' : 'homme' };
    line(p, date, 'demande', { reference, cpas: CPAS_LIEGE, besoin: i <= 5 ? 'formation' : 'orientation', profil }, { kind: 'fait' });
    if (i === 7) {
      line(p, date, 'demande.rejetee', { reference }, { ruleId: 'demande.etudiants' });
      continue;
    }
    line(p, date, 'demande.acceptee', { reference }, { ruleId: 'demande.publicCommun' });
    line(p, addDays(date, delais[i - 1]), 'demande.traitee', { reference }, { kind: 'fait' });
    // Five suspensions in the year among them.
    if (i <= 5) line(p, addDays(date, 60), 'suspension', {}, { ruleId: 'suspension.absence' });
  }
  // A suspension annulled by a late fact (spec §11) does not count.
  const annulled = line('ce-liege-6', '2026-09-01', 'suspension');
  line('ce-liege-6', '2026-09-05', 'rectification.annulation', { annule: annulled });
  // Two absence warnings to Liège, one to Namur about the same person.
  line('ce-liege-1', '2026-02-01', 'email.absence-avertissement', { cpas: CPAS_LIEGE }, { kind: 'message' });
  line('ce-liege-2', '2026-03-01', 'email.absence-avertissement', { cpas: CPAS_LIEGE }, { kind: 'message' });
  line('ce-liege-2', '2026-03-02', 'email.absence-avertissement', { cpas: CPAS_NAMUR }, { kind: 'message' });
  // Outside the figures: a Liège request of 2025, a Namur request of 2026 and its person's suspension.
  line('ce-liege-old', '2025-12-31', 'demande', { reference: 'DEM-OLD', cpas: CPAS_LIEGE, besoin: 'formation' }, { kind: 'fait' });
  line('ce-namur-1', '2026-04-01', 'demande', { reference: 'DEM-N1', cpas: CPAS_NAMUR, besoin: 'formation' }, { kind: 'fait' });
  line('ce-namur-1', '2026-05-01', 'suspension');
  for (const write of writes) await write();
}

describe.each(DIALECTS)('monitoring of a CPAS over a year (convention art. 6) (%s)', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(dialect);
    await seed(new DossierStore(database.db));
  });
  afterAll(() => database?.drop());

  it('counts the persons oriented, the requests by need and outcome, the delays and what followed; small cells as "< 5"', async () => {
    const m = await new MonitoringStore(database.db).figures(CPAS_LIEGE, '2026-01-01', '2026-12-31');
    expect(m).toEqual({
      cpas: CPAS_LIEGE,
      du: '2026-01-01',
      au: '2026-12-31',
      personnesOrientees: 7,
      demandes: 7,
      demandesParBesoin: { formation: 5, orientation: '< 5' },
      issues: { acceptees: 6, traitees: 6, cloturees: '< 5', arretees: '< 5', rejetees: '< 5' },
      rejetsParMotif: { 'demande.etudiants': '< 5' },
      // Delays 3, 5, 8, 10, 14, 30 days; nearest rank: median the 3rd (8), 90th percentile the 6th (30).
      delaiRendezVous: { demandes: 6, medianeJours: 8, p90Jours: 30 },
      avertissementsAbsence: '< 5',
      suspensions: 5,
      demandesReprise: '< 5',
      profil: { trancheAge: { moins25: 6, '45a54': '< 5' }, niveauEtudes: { secondaireSuperieur: 6, nonRenseigne: '< 5' }, genre: { femme: 5, homme: '< 5' } },
    });
  });

  it('gives no median or percentile below five treated requests', async () => {
    const m = await new MonitoringStore(database.db).figures(CPAS_LIEGE, '2026-01-01', '2026-03-31');
    expect(m.delaiRendezVous).toEqual({ demandes: '< 5', medianeJours: null, p90Jours: null });
    expect(m.personnesOrientees).toBe('< 5');
  });
});

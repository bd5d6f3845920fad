/**
 * A dossier with known monitoring counts (convention art. 6), written as the core writes its lines:
 * the CPAS de Liège in 2026, seven requests by seven persons, their outcomes, delays, suspensions
 * and warnings, and lines that must not count (annulled, another CPAS, another year). The unit
 * test of the figures, of the CSV and the report page's browser test read the same one.
 */
import { DossierStore, journalKey } from '../../lib/dossier-store';
import { CPAS_LIEGE, CPAS_NAMUR } from './fixtures';

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export async function ecrireDossierMonitoring(store: DossierStore): Promise<void> {
  const seq = new Map<string, number>();
  const line = async (parcoursId: string, date: string, code: string, data: Record<string, unknown> = {}, extra: { ruleId?: string; kind?: string } = {}) => {
    const n = (seq.get(parcoursId) ?? 0) + 1;
    seq.set(parcoursId, n);
    await store.append(parcoursId, [{ key: journalKey(n), date, kind: extra.kind ?? 'decision', code, resume: code, data, ...(extra.ruleId ? { ruleId: extra.ruleId } : {}) }]);
    return n;
  };
  // Liège in 2026: seven requests by seven persons, five for training and two for orientation.
  const delais = [3, 5, 8, 10, 14, 30];
  for (let i = 1; i <= 7; i++) {
    const p = `ce-liege-${i}`;
    const reference = `DEM-L${i}`;
    const date = `2026-0${i}-10`;
    // Profiles as the core codes them: six under 25, five women; education given for six.
    const profil = { trancheAge: i <= 6 ? 'moins25' : '45a54', ...(i <= 6 ? { niveauEtudes: 'secondaireSuperieur' } : {}), genre: i <= 5 ? 'femme' : 'homme' };
    await line(p, date, 'demande', { reference, cpas: CPAS_LIEGE, besoin: i <= 5 ? 'formation' : 'orientation', profil }, { kind: 'fait' });
    if (i === 7) {
      await line(p, date, 'demande.rejetee', { reference }, { ruleId: 'demande.etudiants' });
      continue;
    }
    await line(p, date, 'demande.acceptee', { reference }, { ruleId: 'demande.publicCommun' });
    await line(p, addDays(date, delais[i - 1]), 'demande.traitee', { reference }, { kind: 'fait' });
    // Five suspensions in the year among them.
    if (i <= 5) await line(p, addDays(date, 60), 'suspension', {}, { ruleId: 'suspension.absence' });
  }
  // A suspension annulled by a late fact (spec §11) does not count.
  const annulled = await line('ce-liege-6', '2026-09-01', 'suspension');
  await line('ce-liege-6', '2026-09-05', 'rectification.annulation', { annule: annulled });
  // Two absence warnings to Liège, one to Namur about the same person.
  await line('ce-liege-1', '2026-02-01', 'email.absence-avertissement', { cpas: CPAS_LIEGE }, { kind: 'message' });
  await line('ce-liege-2', '2026-03-01', 'email.absence-avertissement', { cpas: CPAS_LIEGE }, { kind: 'message' });
  await line('ce-liege-2', '2026-03-02', 'email.absence-avertissement', { cpas: CPAS_NAMUR }, { kind: 'message' });
  // Outside the figures: a Liège request of 2025, a Namur request of 2026 and its person's suspension.
  await line('ce-liege-old', '2025-12-31', 'demande', { reference: 'DEM-OLD', cpas: CPAS_LIEGE, besoin: 'formation' }, { kind: 'fait' });
  await line('ce-namur-1', '2026-04-01', 'demande', { reference: 'DEM-N1', cpas: CPAS_NAMUR, besoin: 'formation' }, { kind: 'fait' });
  await line('ce-namur-1', '2026-05-01', 'suspension');
}

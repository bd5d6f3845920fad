/**
 * A parcours begun under the frozen 2026-11 core carries its state into the current one at its
 * first decision after patch `sanctions-selon-agw` (domain/parcours/migration.ts).
 */
import { expiryInstant, startOfDayInBrussels } from '../../../domain/calendar';
import { decide, type ParcoursState } from '../../../domain/parcours';
import { estEtat2026_11, migrerEtat2026_11 } from '../../../domain/parcours/migration';
import { decide as decide2026_11 } from '../../../domain/parcours-2026-11/decide';
import { initialState as initial2026_11, type ParcoursState as Etat2026_11 } from '../../../domain/parcours-2026-11/model';
import { adulte, CPAS } from './scenario';

const OLD = { resumeDeadlinesOnReinscription: true, individualContactEachMonthFirstFour: true };
const at = (d: string) => startOfDayInBrussels(d) + 10 * 3_600_000;

/** Under the old core: registered 5 January 2026, absent 10 February, unjustified from 18 February, registered letter for 11 March. */
function lettreEnvoyee(): Etat2026_11 {
  let s = initial2026_11('ce-old');
  const step = (e: object, now: number) => (s = decide2026_11(s, e as never, now, OLD).state);
  step({ type: 'inscription', id: 'i', date: '2026-01-05', canal: 'presentiel', personne: adulte, cpas: CPAS, dateContactMensuel: '2026-02-05' }, at('2026-01-05'));
  step({ type: 'absence', id: 'a1', date: '2026-02-10' }, at('2026-02-10'));
  step({ type: 'horloge' }, expiryInstant('2026-02-17'));
  step({ type: 'reconvocation', id: 'r', date: '2026-02-18', mode: 'recommandePostal', dateRendezVous: '2026-03-11' }, at('2026-02-18'));
  return s;
}

describe('state carried over from the 2026-11 core', () => {
  it('is recognised by its shape', () => {
    expect(estEtat2026_11(lettreEnvoyee())).toBe(true);
    expect(estEtat2026_11(migrerEtat2026_11(lettreEnvoyee()))).toBe(false);
  });

  it('the registered letter read back from the dossier becomes a chain awaiting its appointment', () => {
    expect(migrerEtat2026_11(lettreEnvoyee()).absences).toEqual([{ dateSollicitation: '2026-02-10', etape: 'rendezVousRecommande', rendezVous: '2026-03-11' }]);
  });

  it('an absence at another sollicitation then starts a chain of its own: no suspension, where the old counter would have suspended', () => {
    let s: ParcoursState = migrerEtat2026_11(lettreEnvoyee());
    s = decide(s, { type: 'absence', id: 'a2', date: '2026-03-04' }, at('2026-03-04')).state;
    s = decide(s, { type: 'horloge' }, expiryInstant('2026-03-11')).state;
    expect(s.statut).toBe('inscrit');
    expect(s.absences.map((c) => c.etape)).toEqual(['rendezVousRecommande', 'recommande']);
  });

  it('an absence at the letter’s appointment still leads to art. 30 §3, from the day it becomes unjustified', () => {
    let s: ParcoursState = migrerEtat2026_11(lettreEnvoyee());
    s = decide(s, { type: 'absence', id: 'a2', date: '2026-03-11' }, at('2026-03-11')).state;
    s = decide(s, { type: 'horloge' }, expiryInstant('2026-03-18')).state;
    expect(s).toMatchObject({ statut: 'suspendu', suspension: { depuis: '2026-03-19' } });
  });

  it('without the letter in the dossier, an old count of one is not held against the person', () => {
    const old = lettreEnvoyee();
    const sansLettre = { ...old, recent: old.recent.filter((e) => e.code !== 'reconvocation') };
    expect(migrerEtat2026_11(sansLettre).absences).toEqual([]);
  });
});

/** What the workflow counts of each decision (workflows/metriques.ts), on decisions of the real core. */
import { addDays, civilDateInBrussels, expiryInstant, lastDayOfPeriod, startOfDayInBrussels } from '../../../domain/calendar';
import { decide, initialState, type FactEvent, type ParcoursState } from '../../../domain/parcours';
import { mesures } from '../../../workflows/metriques';
import { ADULTE, CPAS_LIEGE } from '../../helpers/fixtures';

const t0 = '2026-03-02';
const at = (d: string, h = 10) => startOfDayInBrussels(d) + h * 3_600_000;

function inscrit(): ParcoursState {
  const e = { type: 'inscription', id: 'i1', date: t0, canal: 'presentiel', canalPreferentiel: 'email', personne: ADULTE, cpas: CPAS_LIEGE, dateContactMensuel: addDays(t0, 28) } as FactEvent;
  return decide(initialState('ce-m'), e, at(t0)).state;
}

describe('the product counters', () => {
  it('counts an accepted fact, its decisions by rule and its e-mails', () => {
    const e = { type: 'inscription', id: 'i1', date: t0, canal: 'presentiel', canalPreferentiel: 'email', personne: ADULTE, cpas: CPAS_LIEGE, dateContactMensuel: addDays(t0, 28) } as FactEvent;
    const m = mesures(e, decide(initialState('ce-m'), e, at(t0)), [], at(t0));
    expect(m).toContainEqual({ metrique: 'parcours_faits', labels: { type: 'inscription', issue: 'accepte' } });
    expect(m).toContainEqual({ metrique: 'parcours_emails_decides', labels: { modele: 'inscription-enregistree' } });
  });

  it('counts a refused fact as refused, and a fact already decided as a duplicate', () => {
    const s = inscrit();
    const refused = { type: 'authentification', id: 'a1', date: t0 } as FactEvent; // registered in person: nothing to authenticate (art. 5 §2)
    expect(mesures(refused, decide(s, refused, at(t0)), [], at(t0))).toEqual([{ metrique: 'parcours_faits', labels: { type: 'authentification', issue: 'refuse' } }]);
    const again = { type: 'inscription', id: 'i1', date: t0 } as FactEvent;
    expect(mesures(again, decide(s, again, at(t0)), [], at(t0))).toEqual([{ metrique: 'parcours_faits', labels: { type: 'inscription', issue: 'doublon' } }]);
  });

  it('counts each deadline that had run out by rule, with how late it was decided', () => {
    const s = inscrit();
    const first = [...s.echeances].sort((a, b) => a.expire - b.expire)[0];
    const late = first.expire + 90_000; // decided a minute and a half after 00:00 Brussels
    const m = mesures({ type: 'horloge' }, decide(s, { type: 'horloge' }, late), [first], late);
    expect(m).toContainEqual({ metrique: 'parcours_echeances', labels: { regle: first.rule } });
    expect(m).toContainEqual({ metrique: 'parcours_echeance_retard', secondes: 90 });
    expect(m.some((x) => x.metrique === 'parcours_faits')).toBe(false);
  });

  it('counts the decisions of an expired deadline by the rule that took them', () => {
    // An absence on Monday 2 March not justified within five working days (Tue 3 … Mon 9, art. 30
    // §1): at 00:00 on 10 March, the registered letter (art. 30 §2) and the CPAS's alert (art. 39).
    let s = inscrit();
    s = decide(s, { type: 'absence', id: 'ab1', date: t0 } as FactEvent, at(t0)).state;
    const expire = expiryInstant(lastDayOfPeriod(t0, { amount: 5, unit: 'joursOuvrables' }));
    const due = s.echeances.filter((e) => e.expire <= expire);
    const m = mesures({ type: 'horloge' }, decide(s, { type: 'horloge' }, expire), due, expire);
    expect(civilDateInBrussels(expire)).toBe('2026-03-10');
    const regles = m.flatMap((x) => (x.metrique === 'parcours_decisions' ? [x.labels.regle] : []));
    expect(regles.sort()).toEqual(['absence.recommande.postal', 'signalAlerte.absenceReponse']);
    expect(m).toContainEqual({ metrique: 'parcours_echeances', labels: { regle: 'absence.justification' } });
  });
});

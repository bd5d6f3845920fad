/** A parcours driven through the pure core, with the clock set by each step. */
import { expiryInstant, startOfDayInBrussels, type CivilDate } from '../../../domain/calendar';
import { decide, initialState, type DossierEntry, type Effect, type FactEvent, type ParcoursState, type Personne } from '../../../domain/parcours';

type Fact = FactEvent extends infer E ? (E extends FactEvent ? Omit<E, 'id'> : never) : never;

export const adulte: Personne = { dateNaissance: '1985-03-12', experienceProfessionnelle: true, autonomieNumerique: true };
export const CPAS = '0207123407';

export class Scenario {
  state: ParcoursState = initialState('ce-test');
  effects: Effect[] = [];
  private n = 0;

  /** Records a fact at 10:00 Brussels on `at` (by default, the fact's own date). */
  fact(fact: Fact, at: CivilDate = fact.date): Effect[] {
    return this.apply({ ...fact, id: `e${++this.n}` } as FactEvent, startOfDayInBrussels(at) + 10 * 3_600_000);
  }

  /** Lets time pass until `instant` (epoch ms). */
  at(instant: number): Effect[] {
    return this.apply({ type: 'horloge' }, instant);
  }

  /** Lets time pass until the deadline of the last day `lastDay` has run out. */
  after(lastDay: CivilDate): Effect[] {
    return this.at(expiryInstant(lastDay));
  }

  /** Lets time pass until just before the deadline of `lastDay` runs out. */
  justBefore(lastDay: CivilDate): Effect[] {
    return this.at(expiryInstant(lastDay) - 1);
  }

  private apply(event: FactEvent | { type: 'horloge' }, now: number): Effect[] {
    const d = decide(this.state, event, now);
    this.state = d.state;
    this.effects.push(...d.effects);
    return d.effects;
  }

  deadline(rule: string) {
    return this.state.echeances.find((e) => e.rule === rule);
  }

  rules(): string[] {
    return this.state.echeances.map((e) => e.rule).sort();
  }
}

export const entries = (effects: Effect[]): DossierEntry[] => effects.flatMap((e) => (e.type === 'dossier' ? [e.entry] : []));
export const codes = (effects: Effect[]): string[] => entries(effects).map((e) => e.code);
export const emails = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'email' ? [e.email] : []));

/** A registered adult, online, followed by a CPAS, with the monthly contact fixed. */
export function inscrit(date: CivilDate = '2026-01-05', personne: Personne = adulte, canal: 'enLigne' | 'telephone' | 'presentiel' = 'presentiel'): Scenario {
  const s = new Scenario();
  s.fact({ type: 'inscription', date, canal, personne, cpas: CPAS, ...(canal === 'enLigne' ? {} : { dateContactMensuel: '2026-02-05' }) });
  return s;
}

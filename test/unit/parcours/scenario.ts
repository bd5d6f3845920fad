/** A parcours driven through the pure core, with the clock set by each step. */
import { expiryInstant, startOfDayInBrussels, type CivilDate } from '../../../domain/calendar';
import { CURRENT_OPTIONS, decide, initialState, type DecideOptions, type DossierEntry, type Effect, type FactEvent, type FactOf, type ParcoursState, type Personne } from '../../../domain/parcours';

type Fact = FactEvent extends infer E ? (E extends FactEvent ? Omit<E, 'id'> : never) : never;

export const adulte: Personne = { dateNaissance: '1985-03-12', experienceProfessionnelle: true, autonomieNumerique: true };
export const CPAS = '0207123407';

export class Scenario {
  state: ParcoursState = initialState('ce-test');
  effects: Effect[] = [];
  private n = 0;

  /** The behaviours of the core; a workflow replaying an older history runs with some off. */
  constructor(readonly options: DecideOptions = CURRENT_OPTIONS) {}

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
    const d = decide(this.state, event, now, this.options);
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

/** A request of the CPAS for an RI beneficiary, everything the form asks filled in. */
export function demande(date: CivilDate, overrides: Partial<Omit<FactOf<'demande'>, 'type' | 'id' | 'date'>> = {}): Omit<FactOf<'demande'>, 'id'> {
  return {
    type: 'demande',
    date,
    cpas: CPAS,
    contact: { nom: 'Sophie Lambert', email: 'sophie.lambert@cpas-liege.example' },
    personne: { nom: 'Dupont', prenom: 'Marie', dateNaissance: adulte.dateNaissance },
    situation: { beneficiaireRI: true, contratArticle60ou61: false, etudiant: false, reinscritDEIApresArticle60: false },
    besoin: 'formation',
    elements: { projet: 'aide-soignante', actionsPrealables: 'bilan social', besoinsFreins: 'mobilité' },
    ...overrides,
  };
}

/** A registered adult, in person, followed by a CPAS whose request is open, with the monthly contact fixed. */
export function inscrit(date: CivilDate = '2026-01-05', personne: Personne = adulte, canal: 'enLigne' | 'telephone' | 'presentiel' = 'presentiel', options?: DecideOptions): Scenario {
  const s = new Scenario(options);
  s.fact({ type: 'inscription', date, canal, personne, cpas: CPAS, ...(canal === 'enLigne' ? {} : { dateContactMensuel: '2026-02-05' }) });
  s.fact(demande(date, { personne: { nom: 'Dupont', prenom: 'Marie', dateNaissance: personne.dateNaissance } }));
  return s;
}

/**
 * Dates of one absence chain, worked out by hand (art. 30): the first miss on Tuesday 10 February
 * 2026; five working days (11, 12, 13, 16, 17) → unjustified from Wednesday 18 February; the
 * registered letter sent that day; its appointment on the 21st day at the earliest, Wednesday
 * 11 March; absent there; five working days (12, 13, 16, 17, 18) → unjustified from Thursday
 * 19 March, the day the outcome of art. 30 §3 takes effect (spec §7.5).
 */
export interface DeuxAbsences {
  premiere: CivilDate;
  finJustification: CivilDate;
  envoi: CivilDate;
  seconde: CivilDate;
  finSecondeJustification: CivilDate;
  issue: CivilDate;
}

export const DEUX_ABSENCES_2026: DeuxAbsences = { premiere: '2026-02-10', finJustification: '2026-02-17', envoi: '2026-02-18', seconde: '2026-03-11', finSecondeJustification: '2026-03-18', issue: '2026-03-19' };

export function premiereAbsenceNonJustifiee(s: Scenario, d: DeuxAbsences = DEUX_ABSENCES_2026): void {
  s.fact({ type: 'absence', date: d.premiere });
  s.after(d.finJustification);
}

export function deuxAbsencesNonJustifiees(s: Scenario, d: DeuxAbsences = DEUX_ABSENCES_2026): void {
  premiereAbsenceNonJustifiee(s, d);
  s.fact({ type: 'reconvocation', date: d.envoi, mode: 'recommandePostal', dateRendezVous: d.seconde });
  s.fact({ type: 'absence', date: d.seconde });
  s.after(d.finSecondeJustification);
}

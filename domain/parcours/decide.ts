/**
 * The functional core of a parcours: `decide(state, event, now) → { state, effects }` and
 * `nextDeadline(state)`. Pure and deterministic: the workflow calls it with workflow time, the
 * unit tests with any instant. Every decision written to the dossier names its rule and basis.
 */
import { ageOn, civilDateInBrussels, expiryInstant, lastDayOfPeriod, type CivilDate } from '../calendar';
import { ageThresholdOf, basisOf, ENTREE_EN_VIGUEUR_2025, periodOf, regimeOn, RULES, type RuleId } from '../rules';
import type { FactEvent, ParcoursEvent } from './events';
import type { Decision, DossierEntry, Echeance, Effect, EmailIntent, ParcoursState, TypeAccompagnement } from './model';

/** How many dossier entries the state keeps for the query; the database keeps them all. */
export const RECENT_ENTRIES = 30;
/** How many applied event ids are remembered to drop duplicates. */
export const REMEMBERED_EVENT_IDS = 500;

/** Why an event cannot be applied to the parcours as it stands, or undefined if it can. */
export function refusal(state: ParcoursState, event: FactEvent): string | undefined {
  switch (event.type) {
    case 'inscription':
      if (state.statut === 'inscrit' || state.statut === 'suspendu') return 'le chercheur d’emploi est déjà inscrit';
      if (state.statut === 'cloture') return 'le parcours est clôturé';
      return undefined;
    case 'authentification':
      if (state.statut !== 'inscrit' || state.inscription?.canal !== 'telephone')
        return 'aucune inscription par téléphone n’attend d’authentification';
      if (state.inscription.authentifiee) return 'l’identité est déjà authentifiée';
      if (event.date < state.inscription.date) return 'l’authentification ne peut précéder l’inscription';
      return undefined;
    case 'affectation':
      if (state.statut !== 'inscrit' || !state.inscription) return 'le chercheur d’emploi n’est pas inscrit';
      if (event.date < state.inscription.date) return 'l’affectation ne peut précéder l’inscription';
      if (event.accompagnement === 'digitalInteractif' && state.personne && !digitalPermis(state, event.date))
        return `accompagnement digital exclu pour les moins de ${ageThresholdOf('affectation.jeunes.pasDigital')} ans sans expérience professionnelle (${RULES['affectation.jeunes.pasDigital'].basis})`;
      return undefined;
  }
}

export function decide(state: ParcoursState, event: ParcoursEvent, now: number): Decision {
  const step = new Step(state, now);
  if (event.type !== 'horloge') {
    if (state.eventIds.includes(event.id)) return { state, effects: [] };
    step.remember(event.id);
    const reason = refusal(state, event);
    if (reason) {
      step.write({ date: step.today, kind: 'fait', code: `${event.type}.refuse`, resume: `Événement refusé : ${reason}`, eventId: event.id });
    } else {
      apply(step, event);
    }
  }
  step.fireDueDeadlines();
  return step.result();
}

/** The earliest pending deadline, which the workflow waits for. */
export function nextDeadline(state: ParcoursState): Echeance | undefined {
  return state.echeances.reduce<Echeance | undefined>((min, e) => (!min || e.expire < min.expire ? e : min), undefined);
}

function digitalPermis(state: ParcoursState, on: CivilDate): boolean {
  const p = state.personne!;
  return p.experienceProfessionnelle || ageOn(p.dateNaissance, on) >= ageThresholdOf('affectation.jeunes.pasDigital');
}

function apply(step: Step, event: FactEvent): void {
  const s = step.state;
  switch (event.type) {
    case 'inscription': {
      s.statut = 'inscrit';
      s.regime = regimeOn(event.date);
      s.personne = event.personne;
      s.inscription = { date: event.date, canal: event.canal, authentifiee: event.canal !== 'telephone' };
      s.cpas = event.cpas ?? s.cpas;
      step.write({
        date: event.date,
        kind: 'fait',
        code: 'inscription',
        resume: `Inscription comme chercheur d’emploi (${CANAUX[event.canal]})`,
        eventId: event.id,
        data: { canal: event.canal, ...(event.dateContactMensuel ? { dateContactMensuel: event.dateContactMensuel } : {}) },
      });
      if (s.regime === 'anterieur') step.schedule('regime.transition', ENTREE_EN_VIGUEUR_2025);
      if (event.canal === 'telephone') step.schedule('inscription.telephone.authentification', event.date);
      step.schedule('affectation.delai', event.date);
      if (s.cpas) {
        step.email('inscription-enregistree', event.date, { canal: CANAUX[event.canal], dateInscription: event.date });
      }
      return;
    }
    case 'authentification': {
      s.inscription!.authentifiee = true;
      step.cancel('inscription.telephone.authentification');
      step.write({ date: event.date, kind: 'fait', code: 'authentification', resume: 'Identité authentifiée : inscription par téléphone finalisée', eventId: event.id, legalBasis: step.basis('inscription.telephone.authentification') });
      return;
    }
    case 'affectation': {
      step.cancel('affectation.delai');
      step.assign(event.accompagnement, event.date, 'Affectation', 'affectation.matrice', event.id);
      return;
    }
  }
}

const CANAUX = { enLigne: 'en ligne', telephone: 'par téléphone', presentiel: 'en présentiel' } as const;

export const TYPES_ACCOMPAGNEMENT: Record<TypeAccompagnement, string> = {
  digitalInteractif: 'digital interactif',
  enLigneAvecConseiller: 'en ligne avec un conseiller',
  axeMetier: 'axé métier',
  multidimensionnel: 'multidimensionnel',
};

/** What happens when a deadline runs out. */
const ON_EXPIRY: Partial<Record<RuleId, (step: Step, e: Echeance) => void>> = {
  'regime.transition': (step, e) => {
    step.state.regime = 'aocs-2025';
    step.write({ date: step.today, kind: 'decision', code: 'regime.transition', resume: `Fin de la période transitoire (dernier jour ${e.dernierJour}) : le parcours suit désormais les règles de l’AGW du 9 octobre 2025`, legalBasis: basisOf(e.rule, 'aocs-2025'), data: { dernierJour: e.dernierJour } });
  },
  'inscription.telephone.authentification': (step, e) => {
    const s = step.state;
    s.statut = 'nonInscrit';
    s.echeances = [];
    step.write({ date: step.today, kind: 'decision', code: 'inscription.nonFinalisee', resume: `Identité non authentifiée au ${e.dernierJour} : inscription par téléphone non finalisée`, legalBasis: step.basis(e.rule), data: { dernierJour: e.dernierJour } });
  },
  'affectation.delai': (step, e) => {
    step.write({ date: step.today, kind: 'signalAlerte', code: 'affectation.horsDelai', resume: `Aucune affectation dans le mois de l’inscription (dernier jour ${e.dernierJour})`, legalBasis: step.basis(e.rule), data: { dernierJour: e.dernierJour } });
  },
  'accompagnement.digital.duree': (step, e) => {
    // Art. 20 §1 al. 2: to online-with-adviser, or in person where remote does not suit. Online
    // is itself limited to 3 months from registration for under-30s (art. 21 §2), already past.
    const s = step.state;
    const p = s.personne!;
    const moins30 = ageOn(p.dateNaissance, s.inscription!.date) < ageThresholdOf('accompagnement.enLigne.moins30.age');
    const cible: TypeAccompagnement = p.autonomieNumerique && !moins30 ? 'enLigneAvecConseiller' : 'axeMetier';
    step.assign(cible, step.today, `Fin des quatre mois d’accompagnement digital interactif (dernier jour ${e.dernierJour}) : réaffectation`, e.rule);
  },
};

/** One decision in progress: a working copy of the state and the effects it produces. */
class Step {
  readonly state: ParcoursState;
  readonly today: CivilDate;
  private readonly effects: Effect[] = [];

  constructor(state: ParcoursState, readonly now: number) {
    this.state = structuredCloneJson(state);
    this.today = civilDateInBrussels(now);
  }

  remember(eventId: string): void {
    this.state.eventIds = [...this.state.eventIds, eventId].slice(-REMEMBERED_EVENT_IDS);
  }

  basis(rule: RuleId) {
    return basisOf(rule, this.state.regime);
  }

  write(entry: Omit<DossierEntry, 'seq'>): DossierEntry {
    const full: DossierEntry = { seq: ++this.state.journalSeq, ...entry };
    this.state.recent = [...this.state.recent, full].slice(-RECENT_ENTRIES);
    this.effects.push({ type: 'dossier', entry: full });
    return full;
  }

  email(template: EmailIntent['template'], date: CivilDate, data: EmailIntent['data'], rule?: RuleId): void {
    if (!this.state.cpas) return;
    const key = `${this.state.parcoursId}.${this.state.journalSeq}.${template}`;
    this.effects.push({ type: 'email', email: { key, template, cpas: this.state.cpas, date, data, ...(rule ? { legalBasis: this.basis(rule) } : {}) } });
  }

  /** Opens the deadline of `rule` counted from `from`, if the parcours' regime has that rule. */
  schedule(rule: RuleId, from: CivilDate): void {
    if (!(RULES[rule].regimes as readonly string[]).includes(this.state.regime)) return;
    const dernierJour = lastDayOfPeriod(from, periodOf(rule));
    this.cancel(rule);
    this.state.echeances = [...this.state.echeances, { rule, depuis: from, dernierJour, expire: expiryInstant(dernierJour) }];
  }

  cancel(rule: RuleId): void {
    this.state.echeances = this.state.echeances.filter((e) => e.rule !== rule);
  }

  assign(type: TypeAccompagnement, date: CivilDate, why: string, rule: RuleId, eventId?: string): void {
    const s = this.state;
    const before = s.accompagnement?.type;
    s.accompagnement = { type, depuis: date };
    this.cancel('accompagnement.digital.duree');
    if (type === 'digitalInteractif') this.schedule('accompagnement.digital.duree', s.inscription!.date);
    this.write({ date, kind: 'decision', code: before ? 'accompagnement.changement' : 'affectation', resume: `${why} : accompagnement ${TYPES_ACCOMPAGNEMENT[type]}`, legalBasis: this.basis(rule), ...(eventId ? { eventId } : {}), data: { accompagnement: type, ...(before ? { precedent: before } : {}) } });
    if (before && before !== type) {
      this.email('changement-accompagnement', date, { ancien: TYPES_ACCOMPAGNEMENT[before], nouveau: TYPES_ACCOMPAGNEMENT[type], motif: why }, rule);
    }
  }

  fireDueDeadlines(): void {
    for (let due = this.nextDue(); due; due = this.nextDue()) {
      this.state.echeances = this.state.echeances.filter((e) => e !== due);
      ON_EXPIRY[due.rule]?.(this, due);
    }
  }

  private nextDue(): Echeance | undefined {
    const next = nextDeadline(this.state);
    return next && next.expire <= this.now ? next : undefined;
  }

  result(): Decision {
    return { state: this.state, effects: this.effects };
  }
}

function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}


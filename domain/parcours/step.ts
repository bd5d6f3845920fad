/**
 * One decision in progress: a working copy of the state and the effects it produces. Every
 * write to the dossier is numbered here, and every deadline is computed here from the rule book.
 */
import { civilDateInBrussels, expiryInstant, lastDayOfPeriod, type CivilDate } from '../calendar';
import { basisOf, periodOf, RULES, type LegalBasis, type RuleId } from '../rules';
import type { DossierEntry, Echeance, Effect, EmailIntent, ParcoursState } from './model';
import { concerne } from './nommer';

/** How many dossier entries the state keeps for the query; the database keeps them all. */
export const RECENT_ENTRIES = 30;
/** How many applied event ids are remembered to drop duplicates. */
export const REMEMBERED_EVENT_IDS = 500;

/**
 * Behaviours added after parcours were already running on this core. The workflow turns each on
 * with `patched()`, so a history recorded before the change replays with the decisions it had
 * (docs/versioning-and-audit.md); the pure core and its tests have them all on. Behaviours that
 * predate this core (patch `sanctions-selon-agw`) are always on here: the frozen core
 * `domain/parcours-2026-11` replays the histories that had them off.
 */
export interface DecideOptions {
  /** How far back a fact may be dated and still apply at its date (spec §11; at least three months). */
  rectificationMois?: number;
  /**
   * Patch `emails-cpas-nominatifs` (issue 15): every e-mail to a CPAS names its request and the
   * person as that CPAS named them, and the registration is told to the CPAS that referred the
   * person as well as to its follower. On unless the workflow replays a history from before it.
   */
  emailsNominatifs?: boolean;
}

export const CURRENT_OPTIONS: DecideOptions = {};

export class Step {
  readonly state: ParcoursState;
  readonly today: CivilDate;
  private readonly effects: Effect[] = [];

  constructor(
    state: ParcoursState,
    readonly now: number,
    private readonly options: DecideOptions = CURRENT_OPTIONS,
  ) {
    this.state = JSON.parse(JSON.stringify(state)) as ParcoursState;
    this.today = civilDateInBrussels(now);
  }

  /** Whether e-mails to a CPAS name their request and person (patch `emails-cpas-nominatifs`). */
  get emailsNominatifs(): boolean {
    return this.options.emailsNominatifs ?? true;
  }

  remember(eventId: string): void {
    this.state.eventIds = [...this.state.eventIds, eventId].slice(-REMEMBERED_EVENT_IDS);
  }

  basis(rule: RuleId): LegalBasis {
    return basisOf(rule, this.state.regime);
  }

  write(entry: Omit<DossierEntry, 'seq'>): DossierEntry {
    const full: DossierEntry = { seq: ++this.state.journalSeq, ...entry };
    this.state.recent = [...this.state.recent, full].slice(-RECENT_ENTRIES);
    this.effects.push({ type: 'dossier', entry: full });
    return full;
  }

  /** A decision taken under `rule`, dated today unless the fact gives its own date. */
  decision(rule: RuleId, code: string, resume: string, extra: Partial<Omit<DossierEntry, 'seq' | 'code' | 'resume'>> = {}): DossierEntry {
    return this.write({ date: this.today, kind: 'decision', code, resume, legalBasis: this.basis(rule), ...extra });
  }

  /** An e-mail to a CPAS: by default the one that follows the person; nothing when none does. */
  emailCpas(template: EmailIntent['template'], date: CivilDate, data: EmailIntent['data'], rule?: RuleId, cpas = this.state.cpas): void {
    if (!cpas) return;
    const sujet = this.emailsNominatifs ? concerne(this.state, cpas, data.reference) : undefined;
    this.email({ type: 'cpas', cpas }, template, date, data, rule, sujet);
  }

  emailServiceControle(template: EmailIntent['template'], date: CivilDate, data: EmailIntent['data'], rule: RuleId): void {
    this.email({ type: 'serviceControle' }, template, date, data, rule);
  }

  private email(destinataire: EmailIntent['destinataire'], template: EmailIntent['template'], date: CivilDate, data: EmailIntent['data'], rule?: RuleId, sujet?: EmailIntent['concerne']): void {
    // Keyed by the dossier line that caused it: unique per (parcours, event), stable on retry.
    const key = `${this.state.parcoursId}.${this.state.journalSeq}.${template}`;
    this.effects.push({ type: 'email', email: { key, template, destinataire, date, data, ...(rule ? { legalBasis: this.basis(rule) } : {}), ...(sujet ? { concerne: sujet } : {}) } });
  }

  /** Whether the parcours' regime has `rule`. */
  applies(rule: RuleId): boolean {
    return (RULES[rule].regimes as readonly string[]).includes(this.state.regime);
  }

  /** Opens the deadline of `rule` counted from `from` (art. 1.7), if the parcours' regime has that rule. */
  schedule(rule: RuleId, from: CivilDate): Echeance | undefined {
    if (!this.applies(rule)) return undefined;
    return this.scheduleOn(rule, from, lastDayOfPeriod(from, periodOf(rule)));
  }

  /**
   * Opens a deadline whose last day is a given date (an appointment, the next monthly contact),
   * replacing the one of the same rule (and key, for rules that run several at once).
   */
  scheduleOn(rule: RuleId, from: CivilDate, dernierJour: CivilDate, cle?: string): Echeance {
    this.cancelKey(rule, cle);
    const e: Echeance = { rule, ...(cle !== undefined ? { cle } : {}), depuis: from, dernierJour, expire: expiryInstant(dernierJour) };
    this.state.echeances = [...this.state.echeances, e];
    return e;
  }

  /** Opens the keyed deadline of `rule` counted from `from` (art. 1.7). */
  scheduleKeyed(rule: RuleId, from: CivilDate, cle: string): Echeance | undefined {
    if (!this.applies(rule)) return undefined;
    return this.scheduleOn(rule, from, lastDayOfPeriod(from, periodOf(rule)), cle);
  }

  /** Cancels every deadline of these rules, whatever their key. */
  cancel(...rules: RuleId[]): void {
    this.state.echeances = this.state.echeances.filter((e) => !rules.includes(e.rule));
  }

  /** Cancels the deadline of `rule` with key `cle` only. */
  cancelKey(rule: RuleId, cle: string | undefined): void {
    this.state.echeances = this.state.echeances.filter((e) => e.rule !== rule || e.cle !== cle);
  }

  pending(rule: RuleId, cle?: string): Echeance | undefined {
    return this.state.echeances.find((e) => e.rule === rule && (cle === undefined || e.cle === cle));
  }

  /** Removes and returns the earliest deadline that has run out by `now`. */
  takeDue(): Echeance | undefined {
    let due: Echeance | undefined;
    for (const e of this.state.echeances) if (e.expire <= this.now && (!due || e.expire < due.expire)) due = e;
    if (due) this.state.echeances = this.state.echeances.filter((e) => e !== due);
    return due;
  }

  result(): { state: ParcoursState; effects: Effect[] } {
    return { state: this.state, effects: this.effects };
  }
}

/**
 * Late facts rectify (spec §11 Decision). The parcours is always the one its facts make *at their
 * dates*: within a window of `rectificationMois` months, every decision re-runs the facts in date
 * order from the state at the start of the window, each legal deadline firing at its own instant,
 * and compares what that gives with what was written. A line that no longer holds is annulled by
 * a new line naming it (the journal stays append-only); a line that now follows is written; an
 * e-mail whose decision was annulled is followed by a rectification naming it (its Message-ID).
 * For facts recorded on their date this changes nothing: the re-run adds exactly the new lines.
 */
import { addMonths, civilDateInBrussels, startOfDayInBrussels, type CivilDate } from '../calendar';
import { basisOf, periodOf, RULES } from '../rules';
import type { FactEvent, ParcoursEvent } from './events';
import type { DossierEntry, EmailIntent, Effect, ParcoursState } from './model';
import { RECENT_ENTRIES } from './step';

/** A fact as the window keeps it: with the instant it was recorded, for facts dated ahead (an appointment). */
export interface FaitRecu {
  fait: FactEvent;
  recuLe: number;
}

/** A dossier line of the window as written: its signature and its number in the journal. */
export interface LigneEcrite {
  sig: string;
  seq: number;
  date: CivilDate;
  code: string;
}

/** An e-mail of the window as sent, to know what a rectification must name. */
export interface EmailEnvoye {
  sig: string;
  key: string;
  template: EmailIntent['template'];
  destinataire: EmailIntent['destinataire'];
  date: CivilDate;
  reference: string | null;
  /** The journal line the e-mail followed. */
  ligne: number;
  /** Whom it was about (patch `emails-cpas-nominatifs`): its rectification names them too. */
  concerne?: EmailIntent['concerne'];
}

export interface Fenetre {
  /** The parcours as decided at `depuis` (no window of its own, no recent lines). */
  base: ParcoursState;
  /** Start of the window (epoch ms); null: the parcours' beginning. */
  depuis: number | null;
  faits: FaitRecu[];
  ecrit: LigneEcrite[];
  envoyes: EmailEnvoye[];
}

/** One step of the core: a fact applied at `now`, or the clock. */
export type Etape = (state: ParcoursState, event: ParcoursEvent, now: number) => { state: ParcoursState; effects: Effect[] };

const sigLigne = (e: DossierEntry) => JSON.stringify([e.date, e.kind, e.code, e.eventId ?? null, e.legalBasis?.ruleId ?? null, e.data ?? null]);
const sigEmail = (e: EmailIntent) => JSON.stringify([e.template, e.destinataire, e.date, e.data]);

/** The instant a fact takes effect: the start of its date, or when it was recorded if dated ahead (an appointment). */
export function effet(f: FaitRecu): number {
  return f.fait.date <= civilDateInBrussels(f.recuLe) ? startOfDayInBrussels(f.fait.date) : f.recuLe;
}

interface Run {
  state: ParcoursState;
  lines: DossierEntry[];
  /** Each e-mail with the index in `lines` of the line it followed. */
  emails: Array<{ email: EmailIntent; apres: number }>;
}

/** The earliest pending deadline (kept here to avoid a cycle with decide.ts). */
const prochaine = (s: ParcoursState) => s.echeances.reduce<number | undefined>((min, e) => (min === undefined || e.expire < min ? e.expire : min), undefined);

/** Re-runs `faits` in date order (stable: same day, order recorded) from `base`, up to `jusqua`. */
function rejouer(etape: Etape, base: ParcoursState, depuis: number | null, faits: FaitRecu[], jusqua: number): Run {
  const run: Run = { state: base, lines: [], emails: [] };
  const apply = (event: ParcoursEvent, t: number) => {
    const d = etape(run.state, event, t);
    run.state = d.state;
    for (const e of d.effects) {
      if (e.type === 'dossier') run.lines.push(e.entry);
      else run.emails.push({ email: e.email, apres: run.lines.length - 1 });
    }
  };
  // Each deadline fires at its own instant, as the workflow's timer does (art. 1.7: 00:00 after the last day).
  const avancer = (t: number) => {
    for (let next = prochaine(run.state); next !== undefined && next <= t; next = prochaine(run.state)) apply({ type: 'horloge' }, next);
  };
  const ordre = faits.map((f, i) => ({ f, i, t: Math.max(effet(f), depuis ?? -Infinity) })).sort((a, b) => a.t - b.t || a.i - b.i);
  for (const { f, t } of ordre) {
    avancer(t);
    apply(f.fait, t);
  }
  avancer(jusqua);
  return run;
}

export function fenetreInitiale(state: ParcoursState, depuis: number | null): Fenetre {
  const { fenetre: _f, ...base } = state;
  return { base: { ...base, recent: [] }, depuis, faits: [], ecrit: [], envoyes: [] };
}

/** Why a fact is too old to be applied at its date, if it is (issue 10 point 4: a bound the law can live with). */
export function tropAncien(fait: FactEvent, now: number, mois: number): string | undefined {
  const limite = addMonths(civilDateInBrussels(now), -mois);
  if (fait.type === 'sollicitation' || fait.date >= limite) return undefined;
  return `fait daté du ${fait.date} : au-delà de ${mois} mois (avant le ${limite}), un fait ne peut plus être appliqué à sa date (${RULES['rectification.faitTardif'].basis})`;
}

/**
 * Moves the start of the window to `mois` months before `now`: the facts and deadlines before it
 * are decided for good and leave the window.
 */
function avancerFenetre(etape: Etape, f: Fenetre, now: number, mois: number): Fenetre {
  const limite = startOfDayInBrussels(addMonths(civilDateInBrussels(now), -mois));
  if (f.depuis !== null && f.depuis >= limite) return f;
  const anciens = f.faits.filter((x) => effet(x) < limite);
  const run = rejouer(etape, f.base, f.depuis, anciens, limite);
  const definitives = run.lines.map(sigLigne);
  const ecrit = [...f.ecrit];
  for (const sig of definitives) {
    const i = ecrit.findIndex((l) => l.sig === sig);
    if (i >= 0) ecrit.splice(i, 1);
  }
  const envoyes = [...f.envoyes];
  for (const { email } of run.emails) {
    const i = envoyes.findIndex((e) => e.sig === sigEmail(email));
    if (i >= 0) envoyes.splice(i, 1);
  }
  const { fenetre: _f, ...base } = run.state;
  return { base: { ...base, recent: [] }, depuis: limite, faits: f.faits.filter((x) => effet(x) >= limite), ecrit, envoyes };
}

/**
 * Decides `event` at `now` by re-running the window with it, and turns the difference with what
 * was written into effects: annulments, new lines, new e-mails, rectifications.
 */
export function rectifier(etape: Etape, state: ParcoursState, event: ParcoursEvent, now: number, mois: number): { state: ParcoursState; effects: Effect[] } {
  let fenetre = avancerFenetre(etape, state.fenetre ?? fenetreInitiale(state, null), now, mois);
  const faits = event.type === 'horloge' ? fenetre.faits : [...fenetre.faits, { fait: event, recuLe: now }];
  const run = rejouer(etape, fenetre.base, fenetre.depuis, faits, now);

  // Lines: those of the re-run already written keep their number; the others are new.
  const restants = [...fenetre.ecrit];
  const seqDe: Array<number | undefined> = run.lines.map((line) => {
    const i = restants.findIndex((l) => l.sig === sigLigne(line));
    return i >= 0 ? restants.splice(i, 1)[0].seq : undefined;
  });
  let journalSeq = state.journalSeq;
  const today = civilDateInBrussels(now);
  const cause = event.type === 'horloge' ? undefined : event;
  const pourquoi = cause ? `fait « ${cause.type} » du ${cause.date}, enregistré le ${today}` : 'réexamen à la date des faits';
  const annulations: DossierEntry[] = restants.map((l) => ({
    seq: ++journalSeq,
    date: today,
    kind: 'decision',
    code: 'rectification.annulation',
    resume: `Annule la ligne n° ${l.seq} (${l.code} du ${l.date}) : elle ne tient plus, compte tenu du ${pourquoi}`,
    ...(cause ? { eventId: cause.id } : {}),
    legalBasis: basisOf('rectification.faitTardif', state.regime),
    data: { annule: l.seq, code: l.code, date: l.date },
  }));
  const nouvelles: DossierEntry[] = [];
  run.lines.forEach((line, i) => {
    if (seqDe[i] === undefined) {
      seqDe[i] = ++journalSeq;
      nouvelles.push({ ...line, seq: seqDe[i]! });
    }
  });

  // E-mails: one already sent is not sent again; one whose decision no longer holds is rectified.
  const envoyesRestants = [...fenetre.envoyes];
  const aEnvoyer: EmailIntent[] = [];
  const envoyes: EmailEnvoye[] = [];
  for (const { email, apres } of run.emails) {
    const i = envoyesRestants.findIndex((e) => e.sig === sigEmail(email));
    if (i >= 0) {
      envoyes.push(envoyesRestants.splice(i, 1)[0]);
      continue;
    }
    const ligne = apres >= 0 ? seqDe[apres]! : journalSeq;
    const nouvelle = nouvelles.some((l) => l.seq === ligne);
    const base = nouvelle ? `${state.parcoursId}.${ligne}.${email.template}` : `${state.parcoursId}.${ligne}.${email.template}.r${journalSeq}`;
    // One line may tell several CPAS (a registration: the follower and the CPAS that referred the person).
    const key = aEnvoyer.some((x) => x.key === base) && email.destinataire.type === 'cpas' ? `${base}.${email.destinataire.cpas}` : base;
    const intent = { ...email, key };
    aEnvoyer.push(intent);
    envoyes.push({ sig: sigEmail(email), key, template: email.template, destinataire: email.destinataire, date: email.date, reference: typeof email.data.reference === 'string' ? email.data.reference : null, ligne, ...(email.concerne ? { concerne: email.concerne } : {}) });
  }
  const rectifications: EmailIntent[] = envoyesRestants.map((e) => {
    const annulation = annulations.find((a) => a.data?.annule === e.ligne) ?? annulations[0];
    const seq = annulation?.seq ?? journalSeq;
    return {
      key: `${state.parcoursId}.${seq}.rectification.${e.key.split('.').slice(1).join('-')}`,
      template: 'rectification',
      destinataire: e.destinataire,
      date: today,
      references: e.key,
      legalBasis: basisOf('rectification.faitTardif', state.regime),
      ...(e.concerne ? { concerne: e.concerne } : {}),
      data: {
        reference: e.reference,
        messageAnnule: e.template,
        dateMessage: e.date,
        motif: `Le ${pourquoi} change la décision communiquée le ${e.date}.`,
        suite: [...nouvelles].reverse().find((l) => l.kind === 'decision')?.resume ?? 'Aucune autre décision ne suit : la situation est celle d’avant ce message.',
      },
    };
  });

  const ecrit: LigneEcrite[] = run.lines.map((line, i) => ({ sig: sigLigne(line), seq: seqDe[i]!, date: line.date, code: line.code }));
  fenetre = { ...fenetre, faits, ecrit, envoyes };
  const written = [...annulations, ...nouvelles];
  const next: ParcoursState = { ...run.state, journalSeq, recent: [...state.recent, ...written].slice(-RECENT_ENTRIES), fenetre };
  return {
    state: next,
    effects: [...written.map((entry): Effect => ({ type: 'dossier', entry })), ...[...aEnvoyer, ...rectifications].map((email): Effect => ({ type: 'email', email }))],
  };
}

export const RECTIFICATION_MOIS_PAR_DEFAUT = periodOf('rectification.faitTardif').amount;

/**
 * Until when a closed parcours must stay open to late facts: a fact dated up to its closure may
 * still be recorded `mois` months later (spec §11), e.g. a re-registration on the last day.
 */
export function ouvertAuxFaitsTardifsJusqua(state: ParcoursState, mois: number = RECTIFICATION_MOIS_PAR_DEFAUT): number | undefined {
  return state.cloture ? startOfDayInBrussels(addMonths(state.cloture.date, mois)) + 86_400_000 : undefined;
}

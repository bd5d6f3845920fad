/**
 * What can happen to a parcours. Facts come from the Forem back-office (or a CPAS) with the
 * civil date they happened on, which may be in the past; `horloge` is the passing of time.
 */
import type { CivilDate } from '../calendar';
import type { Genre, NiveauEtudes } from './profil';
import type { Besoin, Canal, CanalPreferentiel, Employabilite, Personne, SituationCpas, TypeAccompagnement } from './model';

interface Fact {
  /** Unique per event; a duplicate id is applied once. */
  id: string;
  date: CivilDate;
}

export interface SuiviCpas {
  personne: string;
  dossier?: string;
}

/** Registration, or re-registration of a CE whose registration ended (art. 33 §3). */
export interface InscriptionEvent extends Fact {
  type: 'inscription';
  canal: Canal;
  personne: Personne;
  /** Enterprise number of the CPAS that follows the person, if any. */
  cpas?: string;
  /**
   * The person as the following CPAS names them (« Prénom Nom », its own file number), given to
   * the Forem when the CPAS referred them: the registration e-mail says who (issue 15).
   */
  suiviCpas?: SuiviCpas;
  /** Telephone / in person: fixed at registration (art. 5 §3 al. 1). */
  dateContactMensuel?: CivilDate;
  /** Art. 9 §1: chosen at registration (optional only for facts recorded before the field existed). */
  canalPreferentiel?: CanalPreferentiel;
}

/** Telephone registration: the identity is authenticated (art. 5 §2 al. 4). */
export interface AuthentificationEvent extends Fact {
  type: 'authentification';
}

/** Online registration: the CE fixes the date of the monthly contact (art. 5 §3 al. 2). */
export interface FixationContactEvent extends Fact {
  type: 'fixationContact';
  dateContactMensuel: CivilDate;
}

/** The profile is objectivated (art. 6 §1). */
export interface ObjectivationEvent extends Fact {
  type: 'objectivation';
}

/** Assignment to a type of accompaniment (art. 16); without a type, the matrix of §2 decides. */
export interface AffectationEvent extends Fact {
  type: 'affectation';
  employabilite: Employabilite;
  accompagnement?: TypeAccompagnement;
}

/** A monthly contact took place (art. 25); the CE is told the date of the next (§4). */
export interface ContactMensuelEvent extends Fact {
  type: 'contactMensuel';
  individuel: boolean;
  prochaineDate: CivilDate;
}

/** A suitable job, traineeship or training was proposed (art. 28 §1). */
export interface PropositionEvent extends Fact {
  type: 'proposition';
  nature: 'emploi' | 'stage' | 'formation';
}

/** A convocation, appointment or invitation was sent (art. 29); `date` is the appointment. */
export interface SollicitationEvent extends Fact {
  type: 'sollicitation';
  nature: 'convocation' | 'rendezVous' | 'invitation';
  /** The CPAS request whose recommended service this is (seed 000). */
  reference?: string;
}

/**
 * The CE did not answer a sollicitation; `date` is the date it was for (art. 30 §1). On the date
 * of a registered letter's appointment, it is the absence *there* (art. 30 §3).
 */
export interface AbsenceEvent extends Fact {
  type: 'absence';
  /** The CPAS request whose booked service was missed: its CPAS is warned (seed 000). */
  reference?: string;
}

/** The CE attended a sollicitation; at a registered letter's appointment, it ends the chain (art. 30 §3). */
export interface PresenceEvent extends Fact {
  type: 'presence';
}

/** A justification was received and assessed (art. 31 §1); `date` is when it was received. */
export interface JustificationEvent extends Fact {
  type: 'justification';
  admise: boolean;
  /** Art. 31 §2: a foreseeable reason obliges the CE to re-contact the Forem. */
  motifPrevisible?: boolean;
  /** Which absence it justifies (its date); needed only when several await a justification. */
  dateSollicitation?: CivilDate;
}

/**
 * A new sollicitation: by registered letter after an unjustified absence (art. 30 §2), or the
 * Forem's re-convocation after a foreseeable reason (art. 31 §2). `date` is the sending date.
 */
export interface ReconvocationEvent extends Fact {
  type: 'reconvocation';
  mode: 'recommandePostal' | 'recommandeElectronique' | 'ordinaire';
  dateRendezVous: CivilDate;
  /** Which absence it follows (its date); needed only when several await one. */
  dateSollicitation?: CivilDate;
}

/** The Service contrôle's decision on a transmitted file (art. 30 §3 al. 2, art. 35 al. 2). */
export interface DecisionServiceControleEvent extends Fact {
  type: 'decisionServiceControle';
  /** A negative evaluation sanctioned by definitive exclusion from the allowances. */
  exclusionDefinitive: boolean;
}

/** The CE started work: no longer inoccupé (art. 33 §1 1°). */
export interface EmploiEvent extends Fact {
  type: 'emploi';
}

/** The CE is unemployed again (inoccupé) before three months of work: the closure period is cancelled. */
export interface FinEmploiEvent extends Fact {
  type: 'finEmploi';
}

/** Insufficient collaboration or refusal to be accompanied (art. 32 al. 1 1°, art. 34). */
export interface NonCollaborationEvent extends Fact {
  type: 'nonCollaboration';
  nature: 'refus' | 'nonCollaboration' | 'nonCollaborationFautive';
  /** Art. 34 §1 al. 2: before a refusal is formalised, the CE is told its consequences. */
  informationPrealable?: boolean;
}

/** A signalement de manquement with the regularisation period the adviser set (art. 36 §3). */
export interface SignalementManquementEvent extends Fact {
  type: 'signalementManquement';
  /** Last day of the regularisation period. */
  delaiRegularisation: CivilDate;
}

/** The CE reacted or collaborated within the regularisation period (art. 36 §3). */
export interface RegularisationEvent extends Fact {
  type: 'regularisation';
}

/** The CE stays registered past the legal pension age (art. 35 5°). */
export interface MaintienInscriptionEvent extends Fact {
  type: 'maintienInscription';
  motif: 'demande' | 'formation' | 'reorientation';
}

/** The person's situation changed: preferred channel (art. 9 §1 al. 4), allowances, art. 28 §2 exceptions. */
export interface ChangementSituationEvent extends Fact {
  type: 'changementSituation';
  canalPreferentiel?: CanalPreferentiel;
  allocataire?: boolean;
  stageInsertion?: boolean;
  nonMobilisable?: boolean;
  trajetSpecifique?: boolean;
}

/** An alert signal (art. 39 §1): difficulty, inactivity, request for help. */
export interface SignalAlerteEvent extends Fact {
  type: 'signalAlerte';
  motif: 'difficulte' | 'inactivite' | 'demandeAide' | 'autre';
}

/** Reprise of a suspended accompaniment, asked by the CE (art. 32 al. 4) or its CPAS (seed 000). */
export interface RepriseDemandeeEvent extends Fact {
  type: 'repriseDemandee';
  par: 'ce' | 'cpas';
}

/** The CE is no longer registered (art. 32 3°, art. 33 §1 2°). */
export interface DesinscriptionEvent extends Fact {
  type: 'desinscription';
}

/**
 * Closure for a cause of art. 33 §1 3°–5° (refusal, misconduct, non-collaboration, validated), or
 * end of registration by death or admission to the pension (art. 35 4°–5°). Cause 1° (no longer
 * inoccupé) follows from `emploi`; `nonInoccupe` is refused and kept only for old facts.
 */
export interface ClotureEvent extends Fact {
  type: 'cloture';
  motif: 'refus' | 'comportement' | 'nonCollaboration' | 'nonInoccupe' | 'deces' | 'pension';
  /** Art. 33 §1 3°–5°: validated by the Service contrôle or, for non-beneficiaries of ONEM allowances, a line manager. */
  validation?: { par: 'serviceControle' | 'responsableHierarchique'; date: CivilDate };
  /** Art. 33 §1 3°: the refusal follows a prior information of the CE. */
  informationPrealable?: boolean;
}

/**
 * The CPAS that follows the person changes (e.g. a move to another commune): a back-office fact
 * with its reason, the only way the follower changes after registration (spec §10).
 */
export interface ChangementCpasEvent extends Fact {
  type: 'changementCpas';
  /** Enterprise number of the new follower; its convention is checked before the fact gets here. */
  cpas: string;
  motif: string;
}

/** A CPAS files a referral request (seed 000; spec §9.1). `date` is the filing date. */
export interface DemandeEvent extends Fact {
  type: 'demande';
  /** Enterprise number of the filing CPAS; its convention is checked before the request gets here. */
  cpas: string;
  /** The social worker to answer. */
  contact: { nom: string; email: string; telephone?: string };
  /** The CE's administrative data as the CPAS knows them. */
  personne: { nom: string; prenom: string; dateNaissance: CivilDate };
  situation: SituationCpas;
  besoin: Besoin;
  elements: { projet: string; actionsPrealables: string; besoinsFreins: string };
  pistes?: string;
  conseillerReference?: boolean;
  /** Optional codes for the monitoring (convention art. 6). */
  niveauEtudes?: NiveauEtudes;
  genre?: Genre;
}

/** The Forem booked the recommended service: the request is réceptionnée et traitée (spec §9.3). */
export interface DemandeTraiteeEvent extends Fact {
  type: 'demandeTraitee';
  reference: string;
  service: string;
  dateRendezVous: CivilDate;
  lieu: string;
}

/** After the first interview, the adviser reports back to the social worker (spec §9.4). */
export interface RetourEntretienEvent extends Fact {
  type: 'retourEntretien';
  reference: string;
  faits: string;
  besoins: string;
  perspectives: string;
  conseiller: { nom: string; email: string; telephone?: string };
}

/** Service delivered and feedback given: the request is closed (spec §9.5). */
export interface DemandeClotureeEvent extends Fact {
  type: 'demandeCloturee';
  reference: string;
  resultat: string;
}

export interface HorlogeEvent {
  type: 'horloge';
}

export type FactEvent =
  | InscriptionEvent
  | AuthentificationEvent
  | FixationContactEvent
  | ObjectivationEvent
  | AffectationEvent
  | ContactMensuelEvent
  | PropositionEvent
  | SollicitationEvent
  | AbsenceEvent
  | PresenceEvent
  | JustificationEvent
  | ReconvocationEvent
  | SignalAlerteEvent
  | RepriseDemandeeEvent
  | DesinscriptionEvent
  | ClotureEvent
  | ChangementCpasEvent
  | DemandeEvent
  | DemandeTraiteeEvent
  | RetourEntretienEvent
  | DemandeClotureeEvent
  | DecisionServiceControleEvent
  | EmploiEvent
  | FinEmploiEvent
  | NonCollaborationEvent
  | SignalementManquementEvent
  | RegularisationEvent
  | MaintienInscriptionEvent
  | ChangementSituationEvent;
export type ParcoursEvent = FactEvent | HorlogeEvent;
export type FactType = FactEvent['type'];
export type FactOf<T extends FactType> = Extract<FactEvent, { type: T }>;

export const FACT_TYPES = [
  'inscription',
  'authentification',
  'fixationContact',
  'objectivation',
  'affectation',
  'contactMensuel',
  'proposition',
  'sollicitation',
  'absence',
  'presence',
  'justification',
  'reconvocation',
  'signalAlerte',
  'repriseDemandee',
  'desinscription',
  'cloture',
  'changementCpas',
  'demande',
  'demandeTraitee',
  'retourEntretien',
  'demandeCloturee',
  'decisionServiceControle',
  'emploi',
  'finEmploi',
  'nonCollaboration',
  'signalementManquement',
  'regularisation',
  'maintienInscription',
  'changementSituation',
] as const satisfies readonly FactType[];

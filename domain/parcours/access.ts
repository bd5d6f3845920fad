/**
 * What a CPAS may read of a parcours (spec §10, Decision « qui voit quoi »; convention art. 7:
 * only what is necessary; issue 15 points 2 and 4). A CPAS reads what concerns the joint
 * accompaniment: its requests' own lines, the appointments, absences and their outcome,
 * suspension and reprise dates while a request of its runs, and the e-mails it received — never
 * the rest of the dossier (the registration, the monthly contacts, the adviser's actions…), even
 * when it is the CPAS that *follows* the person: following gives access to the parcours, not to
 * the Forem's whole dossier. A rejected request opens no access to the person; its CPAS still
 * reads the request itself. Every read by a CPAS, over the API or on the portal, goes through here;
 * the Forem's roles read the whole dossier elsewhere.
 */
import type { CivilDate } from '../calendar';
import type { RuleId } from '../rules';
import type { Demande } from './model';
import type { ParcoursView } from './view';

/** A dossier line as the query (recent entries) or the database (the full journal) gives it. */
export interface LigneDossier {
  date: CivilDate;
  kind: string;
  code: string;
  data?: Record<string, unknown>;
  /** Database lines name their rule here… */
  ruleId?: string;
  /** …query lines in their legal basis. */
  legalBasis?: { ruleId: string };
}

export type AccesCpas = 'suivi' | 'demandeur';

/** How `cpas` may read the parcours: as its follower, as the author of a request not rejected, or not at all. */
export function accesCpas(view: Pick<ParcoursView, 'cpas' | 'demandes'>, cpas: string): AccesCpas | undefined {
  if (view.cpas === cpas) return 'suivi';
  return view.demandes.some((d) => d.cpas === cpas && d.statut !== 'rejetee') ? 'demandeur' : undefined;
}

/**
 * Lines that follow a request while it runs: its appointments, the absences and their outcome
 * (seed 000: the CPAS is warned at the first, its request stopped at the second), the suspension
 * and the reprise.
 */
const SUIVI_DE_LA_DEMANDE = new Set([
  'sollicitation',
  'absence',
  'absence.recommande',
  'presence',
  'absence.chaine.close',
  'justification.admise',
  'justification.nonAdmise',
  'absence.nonJustifiee',
  'reconvocation',
  'recontact.manque',
  'reconvocation.horsDelai',
  'transmission.serviceControle',
  'decisionServiceControle',
  'suspension',
  'suspension.fin',
  'reprise.cpas',
]);

/** The end of registration matters to the requester only as the outcome of a second absence (art. 30 §3). */
const FIN_PAR_ABSENCES: RuleId = 'absence.seconde';

/** Deadlines the requester may know of: the absence being dealt with, the suspension, its own reprise. */
const ECHEANCES_DU_DEMANDEUR = new Set<string>([
  'absence.justification',
  'absence.motifPrevisible.recontact',
  'absence.reconvocation',
  'suspension.duree',
  'suspension.duree.anterieure',
  'reprise.cpas.delai',
]);

const ECHEANCES_APRES_ARRET = new Set<string>(['suspension.duree', 'suspension.duree.anterieure', 'reprise.cpas.delai']);

interface Periode {
  depuis: CivilDate;
  jusquA?: CivilDate;
}

/**
 * While each of the CPAS's requests ran: from its filing to its closing line or the line that
 * stopped it (art. 30 §3 outcome, seed 000), if any. Another CPAS may file once it is stopped: what
 * follows is that CPAS's accompaniment, not this one's.
 */
function periodes(demandes: Demande[], lignes: LigneDossier[]): Periode[] {
  return demandes
    .filter((d) => d.statut !== 'rejetee')
    .map((d) => {
      const fin = lignes.find((l) => (l.code === 'demande.cloturee' || l.code === 'demande.arretee') && l.data?.reference === d.reference);
      return { depuis: d.deposeeLe, ...(fin ? { jusquA: fin.date } : {}) };
    });
}

/** After a stop, what the stopped request's CPAS still reads: its reprise, and the end of the suspension that stopped it. */
const APRES_ARRET = new Set(['reprise.cpas', 'suspension.fin']);

/** From each stop of the CPAS's requests to the end of that suspension (seed 000: « la date à laquelle la reprise peut être demandée »). */
function apresArrets(demandes: Demande[], lignes: LigneDossier[]): Periode[] {
  return demandes.flatMap((d) => {
    const arret = lignes.find((l) => l.code === 'demande.arretee' && l.data?.reference === d.reference);
    if (!arret) return [];
    const finSuspension = lignes.find((l) => l.code === 'suspension.fin' && l.date >= arret.date);
    return [{ depuis: arret.date, ...(finSuspension ? { jusquA: finSuspension.date } : {}) }];
  });
}

const ruleOf = (l: LigneDossier) => l.ruleId ?? l.legalBasis?.ruleId;

/**
 * The view and dossier lines as `cpas` may read them; `journal` is the full dossier (database),
 * which dates the requests' closures. The follower reads as any CPAS does: its requests and the
 * e-mails sent to it, and is told it is the follower.
 */
export function vueCpas<V extends ParcoursView, L extends LigneDossier>(
  view: V,
  lignes: L[],
  cpas: string,
  journal: LigneDossier[] = lignes,
): { view: ParcoursView; lignes: L[] } {
  const siennes = view.demandes.filter((d) => d.cpas === cpas);
  const references = new Set<unknown>(siennes.map((d) => d.reference));
  const dans = (ps: Periode[]) => (date: CivilDate) => ps.some((p) => p.depuis <= date && (!p.jusquA || date <= p.jusquA));
  const enCours = dans(periodes(siennes, journal));
  const apresArret = dans(apresArrets(siennes, journal));
  const visible = (l: LigneDossier): boolean => {
    if (l.data && references.has(l.data.reference)) return true;
    if (l.kind === 'message') return l.data?.cpas === cpas;
    // Another CPAS's request, its service, its absence: never this one's (spec §10).
    if (l.data?.reference !== undefined && l.data?.reference !== null) return false;
    if (apresArret(l.date) && APRES_ARRET.has(l.code)) return true;
    if (!enCours(l.date)) return false;
    // A late fact's annulment of a line the requester could read (spec §11) is for it to read too.
    const code = l.code === 'rectification.annulation' && typeof l.data?.code === 'string' ? l.data.code : l.code;
    if (SUIVI_DE_LA_DEMANDE.has(code)) return true;
    if (code === 'inscription.fin.information') return true; // told to re-register (art. 30 §5), while its request runs
    return code === 'inscription.fin' && (ruleOf(l) === FIN_PAR_ABSENCES || l.code === 'rectification.annulation');
  };
  const demandeEnCours = siennes.some((d) => d.statut !== 'rejetee' && d.statut !== 'cloturee' && d.statut !== 'arretee');
  // A stopped request: the suspension that stopped it and its own reprise, not a later accompaniment's absences.
  const arretee = siennes.some((d) => d.statut === 'arretee');
  return {
    view: {
      parcoursId: view.parcoursId,
      ...(view.cpas === cpas ? { cpas } : {}),
      statut: view.statut,
      regime: view.regime,
      demandes: siennes,
      echeances: demandeEnCours ? view.echeances.filter((e) => ECHEANCES_DU_DEMANDEUR.has(e.rule)) : arretee ? view.echeances.filter((e) => ECHEANCES_APRES_ARRET.has(e.rule)) : [],
      historique: view.historique.filter(visible),
    },
    lignes: lignes.filter(visible),
  };
}

/**
 * The French wording of the monitoring figures (convention art. 6), shared by the CSV export and
 * the report page, so that both name a figure alike. Codes the list does not know (a need or a
 * rule added later) are shown as their code rather than dropped.
 */
import { RULES, type RuleId } from '../../domain/rules';
import type { AxeProfil, Monitoring } from '../monitoring';

export const BESOINS: Record<string, string> = {
  orientation: 'Orientation',
  formation: 'Formation',
  rechercheEmploi: 'Recherche d’emploi',
  accompagnementSocioProfessionnel: 'Accompagnement socioprofessionnel',
  validationCompetences: 'Validation des compétences',
};

export const ISSUES: Record<keyof Monitoring['issues'], string> = {
  acceptees: 'Acceptées',
  traitees: 'Traitées (rendez-vous fixé)',
  cloturees: 'Clôturées (prestation réalisée)',
  arretees: 'Arrêtées',
  rejetees: 'Rejetées',
};

export const AXES: Record<AxeProfil, string> = { trancheAge: 'Tranche d’âge', niveauEtudes: 'Niveau d’études', genre: 'Genre' };

const NON_RENSEIGNE = 'Non renseigné';

export const VALEURS_PROFIL: Record<AxeProfil, Record<string, string>> = {
  trancheAge: { moins25: 'Moins de 25 ans', '25a34': '25 à 34 ans', '35a44': '35 à 44 ans', '45a54': '45 à 54 ans', '55etPlus': '55 ans et plus', nonRenseigne: NON_RENSEIGNE },
  niveauEtudes: { primaire: 'Primaire', secondaireInferieur: 'Secondaire inférieur', secondaireSuperieur: 'Secondaire supérieur', superieur: 'Supérieur', autre: 'Autre', nonRenseigne: NON_RENSEIGNE },
  genre: { femme: 'Femme', homme: 'Homme', x: 'X', nonRenseigne: NON_RENSEIGNE },
};

export const SUIVI = {
  avertissementsAbsence: 'Avertissements d’une première absence',
  suspensions: 'Suspensions',
  demandesReprise: 'Demandes de reprise par le CPAS',
} as const satisfies Partial<Record<keyof Monitoring, string>>;

export const INDICATEURS = {
  personnesOrientees: 'Personnes orientées',
  demandes: 'Demandes déposées',
  demandesParBesoin: 'Demandes par besoin',
  issues: 'Issue des demandes',
  rejetsParMotif: 'Rejets par motif',
  delaiRendezVous: 'Délai de la demande au rendez-vous',
  ...SUIVI,
  profil: 'Profil des personnes orientées',
} as const satisfies Record<keyof Omit<Monitoring, 'cpas' | 'du' | 'au'>, string>;

export const DELAI = { demandes: 'Demandes traitées', medianeJours: 'Médiane (jours)', p90Jours: '90e percentile (jours)' } as const;

/** A rejection's rule as the dossier words it (docs/rules.md), or its id when unknown. */
export function motifDeRejet(ruleId: string): string {
  return ruleId in RULES ? RULES[ruleId as RuleId].label : ruleId;
}

export const libelle = (table: Record<string, string>, code: string): string => table[code] ?? code;

/** The entries of a count by code in the order of `table` (ages in age order…), codes it does not know last, by code. */
export function dansLOrdre<T>(record: Record<string, T>, table: Record<string, string> = {}): Array<[string, T]> {
  const rang = (code: string) => {
    const i = Object.keys(table).indexOf(code);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return Object.entries(record).sort(([a], [b]) => rang(a) - rang(b) || (a < b ? -1 : a > b ? 1 : 0));
}

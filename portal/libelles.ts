/** The portal's words for the API's codes, as a CPAS social worker reads them (seed 000). */
// The needs as the annual report names them: one wording per code.
export { BESOINS } from '../lib/rapport/libelles';

export const STATUTS: Record<string, string> = {
  ouverte: 'Reçue, en traitement',
  traitee: 'Rendez-vous fixé',
  rejetee: 'Rejetée',
  cloturee: 'Clôturée',
  arretee: 'Arrêtée',
};

export const ETAPES: Record<string, string> = {
  traitement: 'Le Forem fixe un rendez-vous à la prestation',
  rendezVous: 'Rendez-vous de la personne',
  repriseCpas: 'Reprise possible à votre demande',
};

/** The e-mails a CPAS receives, by template, for an e-mail not yet sent (its line has its subject once sent). */
export const MODELES_EMAIL: Record<string, string> = {
  'inscription-enregistree': 'inscription de la personne',
  'demande-traitee': 'rendez-vous fixé',
  'demande-rejetee': 'demande rejetée',
  'retour-entretien': 'retour de l’entretien',
  'demande-cloturee': 'demande clôturée',
  'absence-avertissement': 'absence de la personne',
  'demande-arretee': 'demande arrêtée',
  'reprise-possible': 'reprise possible',
  'changement-accompagnement': 'changement d’accompagnement',
  rectification: 'rectification',
};

export const NIVEAUX_ETUDES: Record<string, string> = {
  primaire: 'Primaire',
  secondaireInferieur: 'Secondaire inférieur',
  secondaireSuperieur: 'Secondaire supérieur',
  superieur: 'Supérieur',
  autre: 'Autre',
};

export const GENRES: Record<string, string> = { femme: 'Femme', homme: 'Homme', x: 'X' };

export const SITUATIONS: Record<string, string> = {
  beneficiaireRI: 'Bénéficiaire du revenu d’intégration (ou de l’aide sociale équivalente)',
  contratArticle60ou61: 'Occupé(e) sous contrat article 60 §7 ou 61',
  etudiant: 'Étudiant(e)',
  reinscritDEIApresArticle60: 'Réinscrit(e) comme demandeur d’emploi inoccupé à l’issue d’un article 60',
};

/** A civil date as people write it in Belgium. */
export function dateFr(d: string | undefined): string {
  if (!d) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : d;
}

const INSTANT_FR = new Intl.DateTimeFormat('fr-BE', { timeZone: 'Europe/Brussels', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** An instant as a Belgian reads it: its date and time in Brussels. */
export function instantFr(i: string | undefined): string {
  if (!i) return '';
  const t = Date.parse(i);
  if (Number.isNaN(t)) return i;
  const p = Object.fromEntries(INSTANT_FR.formatToParts(t).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} à ${p.hour}:${p.minute}`;
}

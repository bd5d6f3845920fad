/**
 * The monitoring figures as CSV (RFC 4180: comma, CRLF, double quotes doubled, a header row),
 * one figure per row, so that a spreadsheet or a script reads the same figures the JSON gives,
 * with « < 5 » where the count is too small to show (convention art. 6; spec §12 Decision).
 * Every row repeats the CPAS and the period, so that the exports of several CPAS or years can be
 * put one under the other.
 */
import type { AxeProfil, Compte, Monitoring } from '../monitoring';
import { AXES, BESOINS, dansLOrdre, DELAI, INDICATEURS, ISSUES, libelle, motifDeRejet, SUIVI, VALEURS_PROFIL } from './libelles';

export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8; header=present';

export const CSV_COLONNES = ['cpas', 'du', 'au', 'indicateur', 'categorie', 'libelle', 'valeur'] as const;

/**
 * A field as RFC 4180 writes it; a text a spreadsheet would take for a formula (=, +, -, @, tab,
 * carriage return first) is prefixed with an apostrophe (OWASP, CSV injection).
 */
export function champCsv(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

type Ligne = [indicateur: string, categorie: string, libelle: string, valeur: Compte | number | null];

function lignes(m: Monitoring): Ligne[] {
  const profil = (Object.keys(AXES) as AxeProfil[]).flatMap((axe) =>
    dansLOrdre(m.profil[axe], VALEURS_PROFIL[axe]).map(([code, n]): Ligne => [`profil.${axe}`, code, `${AXES[axe]} : ${libelle(VALEURS_PROFIL[axe], code)}`, n]),
  );
  return [
    ['personnesOrientees', '', INDICATEURS.personnesOrientees, m.personnesOrientees],
    ['demandes', '', INDICATEURS.demandes, m.demandes],
    ...dansLOrdre(m.demandesParBesoin, BESOINS).map(([code, n]): Ligne => ['demandesParBesoin', code, libelle(BESOINS, code), n]),
    ...(Object.keys(ISSUES) as Array<keyof Monitoring['issues']>).map((k): Ligne => ['issues', k, ISSUES[k], m.issues[k]]),
    ...dansLOrdre(m.rejetsParMotif).map(([rule, n]): Ligne => ['rejetsParMotif', rule, motifDeRejet(rule), n]),
    ...(Object.keys(DELAI) as Array<keyof typeof DELAI>).map((k): Ligne => ['delaiRendezVous', k, DELAI[k], m.delaiRendezVous[k]]),
    ...(Object.keys(SUIVI) as Array<keyof typeof SUIVI>).map((k): Ligne => [k, '', SUIVI[k], m[k]]),
    ...profil,
  ];
}

/** The CSV document of `m`: the header row, then one row per figure, each line ending in CRLF. */
export function monitoringCsv(m: Monitoring): string {
  const rows = [CSV_COLONNES as readonly string[], ...lignes(m).map(([indicateur, categorie, lib, valeur]) => [m.cpas, m.du, m.au, indicateur, categorie, lib, valeur])];
  return rows.map((r) => r.map(champCsv).join(',') + '\r\n').join('');
}

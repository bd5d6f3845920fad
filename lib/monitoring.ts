/**
 * The monitoring figures of a CPAS's cooperation over a period (convention art. 6; spec §12),
 * computed from the dossier with SQL: aggregates only, and any count below 5 shown as "< 5" so
 * that no person can be singled out. A request counts in the period it was filed; its outcome is
 * read whenever it came. Lines annulled by a late fact (spec §11) are left out.
 */
import type { CivilDate } from '../domain/calendar';
import { sql, type RawBuilder } from 'kysely';
import { daysBetween, jsonInteger, jsonText, type Db, type DialectName } from './db';
import { numeroDeLigne } from './dossier-store';

/** The smallest count shown as a number (spec §12 Decision). */
export const SEUIL_PETITS_NOMBRES = 5;

export type Compte = number | '< 5';

export const compte = (n: number): Compte => (n < SEUIL_PETITS_NOMBRES ? '< 5' : n);

export interface Monitoring {
  cpas: string;
  du: CivilDate;
  au: CivilDate;
  personnesOrientees: Compte;
  demandes: Compte;
  demandesParBesoin: Record<string, Compte>;
  issues: { acceptees: Compte; traitees: Compte; cloturees: Compte; arretees: Compte; rejetees: Compte };
  /** By the rule that rejected them (its id in docs/rules.md). */
  rejetsParMotif: Record<string, Compte>;
  /** Days from the request to the appointment being fixed (the `demandeTraitee` fact); none below five requests treated. */
  delaiRendezVous: { demandes: Compte; medianeJours: number | null; p90Jours: number | null };
  avertissementsAbsence: Compte;
  suspensions: Compte;
  demandesReprise: Compte;
  /** The persons oriented by age band, education level and gender (art. 6); « nonRenseigne » when the request did not say. */
  profil: Record<AxeProfil, Record<string, Compte>>;
}

const AXES = ['trancheAge', 'niveauEtudes', 'genre'] as const;
export type AxeProfil = (typeof AXES)[number];

/** A line still standing: not annulled by a later `rectification.annulation` of its parcours. */
const standing = (d: DialectName, alias: string) => sql`NOT EXISTS (SELECT 1 FROM dossier a WHERE a.parcours_id = ${sql.ref(`${alias}.parcours_id`)} AND a.code = 'rectification.annulation'
  AND ${jsonInteger(d, 'a.data', 'annule')} = ${numeroDeLigne(alias)})`;

interface Periode {
  cpas: string;
  du: CivilDate;
  au: CivilDate;
}

/** The requests of the CPAS filed in the period: parcours, reference, date, need, profile. */
const demandes = (d: DialectName, { cpas, du, au }: Periode): RawBuilder<unknown> => sql`SELECT d.parcours_id, ${jsonText(d, 'd.data', 'reference')} AS reference, d.date, ${jsonText(d, 'd.data', 'besoin')} AS besoin,
    coalesce(${jsonText(d, 'd.data', 'profil', 'trancheAge')}, 'nonRenseigne') AS tranche_age, coalesce(${jsonText(d, 'd.data', 'profil', 'niveauEtudes')}, 'nonRenseigne') AS niveau_etudes,
    coalesce(${jsonText(d, 'd.data', 'profil', 'genre')}, 'nonRenseigne') AS genre
  FROM dossier d WHERE d.code = 'demande' AND ${jsonText(d, 'd.data', 'cpas')} = ${cpas} AND d.date BETWEEN ${du} AND ${au} AND ${standing(d, 'd')}`;

/** The column of DEMANDES of each axis (a fixed list, never input). */
const COLONNES: Record<AxeProfil, string> = { trancheAge: 'tranche_age', niveauEtudes: 'niveau_etudes', genre: 'genre' };

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export class MonitoringStore {
  constructor(private readonly db: Db) {}

  async figures(cpas: string, du: CivilDate, au: CivilDate): Promise<Monitoring> {
    const d = this.db.dialect;
    const k = this.db.kysely;
    const dm = demandes(d, { cpas, du, au });
    const run = async <R>(query: RawBuilder<R>) => (await query.execute(k)).rows;
    const [parBesoin, [personnes], issues, delaisRows, [suivis], ...profils] = await Promise.all([
      run(sql<{ besoin: string; n: number }>`SELECT besoin, count(*) AS n FROM (${dm}) dm GROUP BY besoin`),
      run(sql<{ n: number }>`SELECT count(DISTINCT parcours_id) AS n FROM (${dm}) dm`),
      // The outcome lines of these requests, by code and, for a rejection, its rule.
      run(sql<{ code: string; rule_id: string | null; n: number }>`SELECT o.code, o.rule_id, count(DISTINCT dm.reference) AS n FROM (${dm}) dm
        JOIN dossier o ON o.parcours_id = dm.parcours_id AND ${jsonText(d, 'o.data', 'reference')} = dm.reference
        WHERE o.code IN ('demande.acceptee', 'demande.rejetee', 'demande.traitee', 'demande.cloturee', 'demande.arretee') AND ${standing(d, 'o')}
        GROUP BY o.code, o.rule_id`),
      run(sql<{ jours: number }>`SELECT ${daysBetween(d, sql`dm.date`, sql`min(t.date)`)} AS jours FROM (${dm}) dm
        JOIN dossier t ON t.parcours_id = dm.parcours_id AND t.code = 'demande.traitee' AND ${jsonText(d, 't.data', 'reference')} = dm.reference AND ${standing(d, 't')}
        GROUP BY dm.parcours_id, dm.reference, dm.date ORDER BY jours`),
      // What happened in the period to the persons this CPAS oriented.
      run(sql<{ avertissements: number; suspensions: number; reprises: number }>`SELECT
          count(*) FILTER (WHERE l.code = 'email.absence-avertissement' AND ${jsonText(d, 'l.data', 'cpas')} = ${cpas}) AS avertissements,
          count(*) FILTER (WHERE l.code = 'suspension') AS suspensions,
          count(*) FILTER (WHERE l.code = 'reprise.cpas') AS reprises
        FROM dossier l WHERE l.parcours_id IN (SELECT parcours_id FROM (${dm}) dm) AND l.date BETWEEN ${du} AND ${au} AND ${standing(d, 'l')}`),
      ...AXES.map((axe) => run(sql<{ valeur: string; n: number }>`SELECT ${sql.raw(COLONNES[axe])} AS valeur, count(DISTINCT parcours_id) AS n FROM (${dm}) dm GROUP BY ${sql.raw(COLONNES[axe])}`)),
    ]);
    const count = (code: string) => issues.filter((i) => i.code === code).reduce((n, i) => n + Number(i.n), 0);
    const delais = delaisRows.map((r) => Number(r.jours));
    const assez = delais.length >= SEUIL_PETITS_NOMBRES;
    return {
      cpas,
      du,
      au,
      personnesOrientees: compte(Number(personnes.n)),
      demandes: compte(parBesoin.reduce((n, b) => n + Number(b.n), 0)),
      demandesParBesoin: Object.fromEntries(parBesoin.map((b) => [b.besoin, compte(Number(b.n))])),
      issues: { acceptees: compte(count('demande.acceptee')), traitees: compte(count('demande.traitee')), cloturees: compte(count('demande.cloturee')), arretees: compte(count('demande.arretee')), rejetees: compte(count('demande.rejetee')) },
      rejetsParMotif: Object.fromEntries(issues.filter((i) => i.code === 'demande.rejetee').map((i) => [i.rule_id ?? 'inconnu', compte(Number(i.n))])),
      delaiRendezVous: { demandes: compte(delais.length), medianeJours: assez ? percentile(delais, 50) : null, p90Jours: assez ? percentile(delais, 90) : null },
      avertissementsAbsence: compte(Number(suivis.avertissements)),
      suspensions: compte(Number(suivis.suspensions)),
      demandesReprise: compte(Number(suivis.reprises)),
      profil: Object.fromEntries(AXES.map((axe, i) => [axe, Object.fromEntries(profils[i].map((r) => [r.valeur, compte(Number(r.n))]))])) as Monitoring['profil'],
    };
  }
}

/**
 * The monitoring figures of a CPAS's cooperation over a period (convention art. 6; spec §12),
 * computed from the dossier with SQL: aggregates only, and any count below 5 shown as "< 5" so
 * that no person can be singled out. A request counts in the period it was filed; its outcome is
 * read whenever it came. Lines annulled by a late fact (spec §11) are left out.
 */
import type { CivilDate } from '../domain/calendar';
import type { Db } from './database';

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
const STANDING = (alias: string) => `NOT EXISTS (SELECT 1 FROM dossier a WHERE a.parcours_id = ${alias}.parcours_id AND a.code = 'rectification.annulation'
  AND json_extract(a.data, '$.annule') = CAST(substr(${alias}.entry_key, 3) AS INTEGER))`;

/** The requests of the CPAS filed in the period: parcours, reference, date, need. */
const DEMANDES = `SELECT d.parcours_id, json_extract(d.data, '$.reference') AS reference, d.date, json_extract(d.data, '$.besoin') AS besoin,
    coalesce(json_extract(d.data, '$.profil.trancheAge'), 'nonRenseigne') AS trancheAge, coalesce(json_extract(d.data, '$.profil.niveauEtudes'), 'nonRenseigne') AS niveauEtudes,
    coalesce(json_extract(d.data, '$.profil.genre'), 'nonRenseigne') AS genre
  FROM dossier d WHERE d.code = 'demande' AND json_extract(d.data, '$.cpas') = @cpas AND d.date BETWEEN @du AND @au AND ${STANDING('d')}`;

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export class MonitoringStore {
  private readonly demandes;
  private readonly issues;
  private readonly delais;
  private readonly suivis;
  private readonly personnes;
  private readonly profils;

  constructor(db: Db) {
    this.personnes = db.prepare(`SELECT count(DISTINCT parcours_id) AS n FROM (${DEMANDES})`);
    // Columns named from a fixed list, never from input.
    this.profils = Object.fromEntries(AXES.map((axe) => [axe, db.prepare(`SELECT ${axe} AS valeur, count(DISTINCT parcours_id) AS n FROM (${DEMANDES}) GROUP BY ${axe}`)])) as Record<AxeProfil, ReturnType<Db['prepare']>>;
    this.demandes = db.prepare(`SELECT besoin, count(*) AS n FROM (${DEMANDES}) GROUP BY besoin`);
    // The outcome lines of these requests, by code and, for a rejection, its rule.
    this.issues = db.prepare(`SELECT o.code, o.rule_id, count(DISTINCT dm.reference) AS n FROM (${DEMANDES}) dm
      JOIN dossier o ON o.parcours_id = dm.parcours_id AND json_extract(o.data, '$.reference') = dm.reference
      WHERE o.code IN ('demande.acceptee', 'demande.rejetee', 'demande.traitee', 'demande.cloturee', 'demande.arretee') AND ${STANDING('o')}
      GROUP BY o.code, o.rule_id`);
    this.delais = db.prepare(`SELECT CAST(julianday(min(t.date)) - julianday(dm.date) AS INTEGER) AS jours FROM (${DEMANDES}) dm
      JOIN dossier t ON t.parcours_id = dm.parcours_id AND t.code = 'demande.traitee' AND json_extract(t.data, '$.reference') = dm.reference AND ${STANDING('t')}
      GROUP BY dm.parcours_id, dm.reference ORDER BY jours`);
    // What happened in the period to the persons this CPAS oriented.
    this.suivis = db.prepare(`SELECT
        sum(l.code = 'email.absence-avertissement' AND json_extract(l.data, '$.cpas') = @cpas) AS avertissements,
        sum(l.code = 'suspension') AS suspensions,
        sum(l.code = 'reprise.cpas') AS reprises
      FROM dossier l WHERE l.parcours_id IN (SELECT parcours_id FROM (${DEMANDES})) AND l.date BETWEEN @du AND @au AND ${STANDING('l')}`);
  }

  figures(cpas: string, du: CivilDate, au: CivilDate): Monitoring {
    const p = { cpas, du, au };
    const parBesoin = this.demandes.all(p) as Array<{ besoin: string; n: number }>;
    const personnes = (this.personnes.get(p) as { n: number }).n;
    const issues = this.issues.all(p) as Array<{ code: string; rule_id: string | null; n: number }>;
    const count = (code: string) => issues.filter((i) => i.code === code).reduce((n, i) => n + i.n, 0);
    const delais = (this.delais.all(p) as Array<{ jours: number }>).map((r) => r.jours);
    const suivis = this.suivis.get(p) as { avertissements: number | null; suspensions: number | null; reprises: number | null };
    const assez = delais.length >= SEUIL_PETITS_NOMBRES;
    return {
      cpas,
      du,
      au,
      personnesOrientees: compte(personnes),
      demandes: compte(parBesoin.reduce((n, b) => n + b.n, 0)),
      demandesParBesoin: Object.fromEntries(parBesoin.map((b) => [b.besoin, compte(b.n)])),
      issues: { acceptees: compte(count('demande.acceptee')), traitees: compte(count('demande.traitee')), cloturees: compte(count('demande.cloturee')), arretees: compte(count('demande.arretee')), rejetees: compte(count('demande.rejetee')) },
      rejetsParMotif: Object.fromEntries(issues.filter((i) => i.code === 'demande.rejetee').map((i) => [i.rule_id ?? 'inconnu', compte(i.n)])),
      delaiRendezVous: { demandes: compte(delais.length), medianeJours: assez ? percentile(delais, 50) : null, p90Jours: assez ? percentile(delais, 90) : null },
      avertissementsAbsence: compte(suivis.avertissements ?? 0),
      suspensions: compte(suivis.suspensions ?? 0),
      demandesReprise: compte(suivis.reprises ?? 0),
      profil: Object.fromEntries(AXES.map((axe) => [axe, Object.fromEntries((this.profils[axe].all(p) as Array<{ valeur: string; n: number }>).map((r) => [r.valeur, compte(r.n)]))])) as Monitoring['profil'],
    };
  }
}

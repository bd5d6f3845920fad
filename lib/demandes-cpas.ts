/**
 * The CPAS portal's list of requests ("Mes demandes"), from the database rather than a scan of
 * the workflows: one row per request with the person as the CPAS named them (the dossier keeps
 * no name), its status and next step. Written when the request is filed and refreshed from the
 * parcours' state whenever the API records a fact on it or reads it (api/operations.ts).
 */
import type { Demande } from '../domain/parcours/model';
import type { Db } from './database';

export type StatutDemande = Demande['statut'];

export interface DemandeCpas {
  reference: string;
  cpas: string;
  parcoursId: string;
  nom: string;
  prenom: string;
  besoin: string;
  deposeeLe: string;
  statut: StatutDemande;
  /** The next step as a code the portal words (`rendezVous`, `repriseCpas`, `traitement`…). */
  etape?: string;
  etapeLe?: string;
}

export interface FiltreDemandes {
  statut?: StatutDemande;
  /** A part of the name, first name or reference. */
  recherche?: string;
  page: number;
  parPage: number;
}

interface Row {
  reference: string;
  cpas: string;
  parcours_id: string;
  nom: string;
  prenom: string;
  besoin: string;
  deposee_le: string;
  statut: StatutDemande;
  etape: string | null;
  etape_le: string | null;
}

const fromRow = (r: Row): DemandeCpas => ({
  reference: r.reference,
  cpas: r.cpas,
  parcoursId: r.parcours_id,
  nom: r.nom,
  prenom: r.prenom,
  besoin: r.besoin,
  deposeeLe: r.deposee_le,
  statut: r.statut,
  ...(r.etape ? { etape: r.etape } : {}),
  ...(r.etape_le ? { etapeLe: r.etape_le } : {}),
});

/** What comes next for a request, and when, from its state in the parcours. */
export function etapeDe(d: Demande, repriseLe?: string): { etape?: string; etapeLe?: string } {
  switch (d.statut) {
    case 'ouverte':
      return { etape: 'traitement' };
    case 'traitee':
      return d.rendezVous ? { etape: 'rendezVous', etapeLe: d.rendezVous.date } : { etape: 'traitement' };
    case 'arretee':
      return { etape: 'repriseCpas', ...(repriseLe ? { etapeLe: repriseLe } : {}) };
    default:
      return {};
  }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export class DemandesCpasStore {
  private readonly insert;
  private readonly update;
  private readonly byReference;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO demandes_cpas (reference, cpas, parcours_id, nom, prenom, besoin, deposee_le, statut, etape, etape_le, mise_a_jour)
       VALUES (@reference, @cpas, @parcoursId, @nom, @prenom, @besoin, @deposeeLe, @statut, @etape, @etapeLe, @miseAJour)
       ON CONFLICT (reference) DO NOTHING`,
    );
    this.update = db.prepare(`UPDATE demandes_cpas SET statut = @statut, etape = @etape, etape_le = @etapeLe, mise_a_jour = @miseAJour WHERE reference = @reference`);
    this.byReference = db.prepare(`SELECT * FROM demandes_cpas WHERE reference = ?`);
  }

  /** A request just filed; a retry of the same filing changes nothing. */
  enregistrer(d: DemandeCpas): void {
    this.insert.run({ ...d, etape: d.etape ?? null, etapeLe: d.etapeLe ?? null, miseAJour: new Date().toISOString() });
  }

  /** The requests of a parcours as its state now says. */
  actualiser(demandes: Demande[], repriseLe?: string): void {
    const miseAJour = new Date().toISOString();
    const run = this.db.transaction(() => {
      for (const d of demandes) {
        const { etape, etapeLe } = etapeDe(d, repriseLe);
        this.update.run({ reference: d.reference, statut: d.statut, etape: etape ?? null, etapeLe: etapeLe ?? null, miseAJour });
      }
    });
    run();
  }

  get(reference: string): DemandeCpas | undefined {
    const r = this.byReference.get(reference) as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  /** One page of a CPAS's requests, newest first, and how many match in all. */
  lister(cpas: string, f: FiltreDemandes): { demandes: DemandeCpas[]; total: number } {
    const where = ['cpas = @cpas'];
    const params: Record<string, unknown> = { cpas, limit: f.parPage, offset: (f.page - 1) * f.parPage };
    if (f.statut) {
      where.push('statut = @statut');
      params.statut = f.statut;
    }
    if (f.recherche) {
      where.push(`(nom LIKE @q ESCAPE '\\' OR prenom LIKE @q ESCAPE '\\' OR (prenom || ' ' || nom) LIKE @q ESCAPE '\\' OR reference LIKE @q ESCAPE '\\')`);
      params.q = `%${escapeLike(f.recherche)}%`;
    }
    const clause = where.join(' AND ');
    const total = (this.db.prepare(`SELECT count(*) AS n FROM demandes_cpas WHERE ${clause}`).get(params) as { n: number }).n;
    const rows = this.db.prepare(`SELECT * FROM demandes_cpas WHERE ${clause} ORDER BY deposee_le DESC, reference DESC LIMIT @limit OFFSET @offset`).all(params) as Row[];
    return { demandes: rows.map(fromRow), total };
  }
}

/** The day from which the CPAS may ask for reprise of its stopped request (seed 000: 7 months after the suspension). */
export function repriseLeDe(lignes: Array<{ code: string; data?: Record<string, unknown> }>): string | undefined {
  const arret = lignes.filter((l) => l.code === 'demande.arretee').at(-1);
  const le = arret?.data?.repriseCpasPossibleLe;
  return typeof le === 'string' ? le : undefined;
}

/**
 * The CPAS portal's list of requests ("Mes demandes"), from the database rather than a scan of
 * the workflows: one row per request with the person as the CPAS named them (the dossier keeps
 * no name), its status and next step. Written when the request is filed and refreshed from the
 * parcours' state whenever the API records a fact on it or reads it (api/operations.ts).
 */
import { sql } from 'kysely';
import type { Demande } from '../domain/parcours/model';
import type { Db, Tables } from './db';

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

type Row = Pick<Tables['demandes_cpas'], 'reference' | 'cpas' | 'parcours_id' | 'nom' | 'prenom' | 'besoin' | 'deposee_le' | 'statut' | 'etape' | 'etape_le'>;

const fromRow = (r: Row): DemandeCpas => ({
  reference: r.reference,
  cpas: r.cpas,
  parcoursId: r.parcours_id,
  nom: r.nom,
  prenom: r.prenom,
  besoin: r.besoin,
  deposeeLe: r.deposee_le,
  statut: r.statut as StatutDemande,
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

/**
 * Text as the search compares it: lower case, without accents (« Désirée » is found by « desiree »).
 * Done here rather than by the database, whose folding differs: SQLite's LIKE and lower() fold
 * ASCII only, PostgreSQL's LIKE nothing.
 */
export const plie = (s: string) => s.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase();

/** What the search looks in: the person's first name and name, and the request's reference. */
const rechercheDe = (d: Pick<DemandeCpas, 'prenom' | 'nom' | 'reference'>) => plie(`${d.prenom} ${d.nom}\u001f${d.reference}`);

/** A LIKE pattern that finds `s` as it is: its own `%`, `_` and `\` are no wildcards. */
const contient = (s: string) => `%${plie(s).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const COLUMNS = ['reference', 'cpas', 'parcours_id', 'nom', 'prenom', 'besoin', 'deposee_le', 'statut', 'etape', 'etape_le'] as const;

export class DemandesCpasStore {
  constructor(private readonly db: Db) {}

  /** A request just filed; a retry of the same filing changes nothing. */
  async enregistrer(d: DemandeCpas): Promise<void> {
    await this.db.kysely
      .insertInto('demandes_cpas')
      .values({
        reference: d.reference,
        cpas: d.cpas,
        parcours_id: d.parcoursId,
        nom: d.nom,
        prenom: d.prenom,
        recherche: rechercheDe(d),
        besoin: d.besoin,
        deposee_le: d.deposeeLe,
        statut: d.statut,
        etape: d.etape ?? null,
        etape_le: d.etapeLe ?? null,
        mise_a_jour: new Date().toISOString(),
      })
      .onConflict((oc) => oc.column('reference').doNothing())
      .execute();
  }

  /**
   * The requests of a parcours as its state now says. `lu`: when that state was read — a line the
   * worker records after it leaves the row stale (`parcoursPerimes`), never wrongly fresh.
   */
  async actualiser(demandes: Demande[], repriseLe?: string, lu = new Date().toISOString()): Promise<void> {
    const miseAJour = lu;
    await this.db.kysely.transaction().execute(async (trx) => {
      for (const d of demandes) {
        const { etape, etapeLe } = etapeDe(d, repriseLe);
        await trx.updateTable('demandes_cpas').set({ statut: d.statut, etape: etape ?? null, etape_le: etapeLe ?? null, mise_a_jour: miseAJour }).where('reference', '=', d.reference).execute();
      }
    });
  }

  /**
   * The parcours of a CPAS's requests whose dossier has a line recorded since their row was last
   * brought up to date: a deadline (a suspension, the request stopped) changes a request's status
   * with no fact through the API, so the list reads those parcours again before it is shown.
   */
  async parcoursPerimes(cpas: string): Promise<string[]> {
    const rows = await this.db.kysely
      .selectFrom('demandes_cpas as d')
      .select('d.parcours_id')
      .distinct()
      .where('d.cpas', '=', cpas)
      .where(({ exists, selectFrom }) => exists(selectFrom('dossier as x').select('x.parcours_id').whereRef('x.parcours_id', '=', 'd.parcours_id').whereRef('x.recorded_at', '>', 'd.mise_a_jour')))
      .execute();
    return rows.map((r) => r.parcours_id);
  }

  async get(reference: string): Promise<DemandeCpas | undefined> {
    const r = await this.db.kysely.selectFrom('demandes_cpas').select(COLUMNS).where('reference', '=', reference).executeTakeFirst();
    return r ? fromRow(r) : undefined;
  }

  /** One page of a CPAS's requests, newest first, and how many match in all. */
  async lister(cpas: string, f: FiltreDemandes): Promise<{ demandes: DemandeCpas[]; total: number }> {
    let q = this.db.kysely.selectFrom('demandes_cpas').where('cpas', '=', cpas);
    if (f.statut) q = q.where('statut', '=', f.statut);
    // The escape character named, as PostgreSQL has one by default and SQLite none.
    if (f.recherche) q = q.where(sql<boolean>`recherche LIKE ${contient(f.recherche)} ESCAPE '\\'`);
    const { n } = await q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .select(COLUMNS)
      .orderBy('deposee_le', 'desc')
      .orderBy('reference', 'desc')
      .limit(f.parPage)
      .offset((f.page - 1) * f.parPage)
      .execute();
    return { demandes: rows.map(fromRow), total: Number(n) };
  }
}

/** The day from which the CPAS may ask for reprise of its stopped request (seed 000: 7 months after the suspension). */
export function repriseLeDe(lignes: Array<{ code: string; data?: Record<string, unknown> }>): string | undefined {
  const arret = lignes.filter((l) => l.code === 'demande.arretee').at(-1);
  const le = arret?.data?.repriseCpasPossibleLe;
  return typeof le === 'string' ? le : undefined;
}

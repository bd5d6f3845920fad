/**
 * The portal's list of requests (lib/demandes-cpas.ts) on both dialects: a CPAS sees its own
 * only, newest first, 20 a page; filtered by status; searched by name, full name or reference
 * whatever the case and accents, a `%`, `_` or `\` typed being a character, not a wildcard; status
 * and next step follow the parcours' state.
 */
import { DemandesCpasStore, type DemandeCpas } from '../../lib/demandes-cpas';
import { DossierStore, journalKey } from '../../lib/dossier-store';
import { DIALECTS, freshDatabase, type TestDatabase } from '../helpers/database';
import type { Demande } from '../../domain/parcours/model';

const LIEGE = '0207123407';
const NAMUR = '0207456769';

describe.each(DIALECTS)('the CPAS portal’s list of requests (%s)', (dialect) => {
  let t: TestDatabase;
  let store: DemandesCpasStore;
  beforeEach(async () => {
    t = await freshDatabase(dialect);
    store = new DemandesCpasStore(t.db);
  });
  afterEach(() => t.drop());

  const row = (i: number, overrides: Partial<DemandeCpas> = {}): DemandeCpas => ({
    reference: `DEM-${String(i).padStart(8, '0')}-1`,
    cpas: LIEGE,
    parcoursId: `ce-${String(i).padStart(32, '0')}`,
    nom: `Nom${i}`,
    prenom: `Prénom${i}`,
    besoin: 'formation',
    // One a day from 1 January 2026: request i is filed on day i.
    deposeeLe: `2026-01-${String(i).padStart(2, '0')}`,
    statut: 'ouverte',
    ...overrides,
  });

  it('gives a CPAS its own requests only, newest first, 20 a page', async () => {
    for (let i = 1; i <= 25; i++) await store.enregistrer(row(i));
    await store.enregistrer(row(26, { cpas: NAMUR }));
    const first = await store.lister(LIEGE, { page: 1, parPage: 20 });
    expect(first.total).toBe(25);
    expect(first.demandes.map((d) => d.deposeeLe)).toEqual(Array.from({ length: 20 }, (_, k) => `2026-01-${String(25 - k).padStart(2, '0')}`));
    const second = await store.lister(LIEGE, { page: 2, parPage: 20 });
    expect(second.demandes.map((d) => d.reference)).toEqual([5, 4, 3, 2, 1].map((i) => row(i).reference));
    expect((await store.lister(NAMUR, { page: 1, parPage: 20 })).demandes.map((d) => d.reference)).toEqual([row(26).reference]);
  });

  it('searches by name, full name or reference, whatever the case and accents, and filters by status', async () => {
    await store.enregistrer(row(1, { nom: 'Dupont', prenom: 'Marie' }));
    await store.enregistrer(row(2, { nom: 'Martin', prenom: 'Luc', statut: 'rejetee' }));
    await store.enregistrer(row(3, { nom: 'Dupont-Lambert', prenom: 'Jean' }));
    await store.enregistrer(row(4, { nom: 'ÉLOI', prenom: 'Désirée' }));
    await store.enregistrer(row(5, { nom: '100%_Nom\\', prenom: 'Zoé' }));
    const refs = async (f: Parameters<DemandesCpasStore['lister']>[1]) => (await store.lister(LIEGE, f)).demandes.map((d) => d.nom);
    expect(await refs({ recherche: 'dupont', page: 1, parPage: 20 })).toEqual(['Dupont-Lambert', 'Dupont']);
    expect(await refs({ recherche: 'DUPONT', page: 1, parPage: 20 })).toEqual(['Dupont-Lambert', 'Dupont']);
    expect(await refs({ recherche: 'Marie Dupont', page: 1, parPage: 20 })).toEqual(['Dupont']);
    expect(await refs({ recherche: row(2).reference.toLowerCase(), page: 1, parPage: 20 })).toEqual(['Martin']);
    // SQLite's LIKE folds ASCII only, PostgreSQL's nothing: both find « Désirée ÉLOI » so.
    expect(await refs({ recherche: 'désirée éloi', page: 1, parPage: 20 })).toEqual(['ÉLOI']);
    expect(await refs({ recherche: 'Desiree', page: 1, parPage: 20 })).toEqual(['ÉLOI']);
    expect(await refs({ statut: 'rejetee', page: 1, parPage: 20 })).toEqual(['Martin']);
    expect(await refs({ statut: 'ouverte', recherche: 'martin', page: 1, parPage: 20 })).toEqual([]);
    // Typed wildcards are characters: they find the name that has them, and only it.
    expect(await refs({ recherche: '%', page: 1, parPage: 20 })).toEqual(['100%_Nom\\']);
    expect(await refs({ recherche: '_', page: 1, parPage: 20 })).toEqual(['100%_Nom\\']);
    expect(await refs({ recherche: '\\', page: 1, parPage: 20 })).toEqual(['100%_Nom\\']);
    expect(await refs({ recherche: 'Dupon_', page: 1, parPage: 20 })).toEqual([]);
    expect(await refs({ recherche: 'D%t', page: 1, parPage: 20 })).toEqual([]);
  });

  it('keeps the name given at filing; status and next step follow the parcours', async () => {
    await store.enregistrer(row(1, { nom: 'Dupont', prenom: 'Marie' }));
    // A retried filing changes nothing.
    await store.enregistrer(row(1, { nom: 'Autre', prenom: 'Nom' }));
    const demande: Demande = { reference: row(1).reference, cpas: LIEGE, deposeeLe: '2026-01-01', statut: 'traitee', besoin: 'formation', conseillerReference: false, rendezVous: { service: 'Atelier CV', date: '2026-01-20', lieu: 'Liège' } };
    await store.actualiser([demande]);
    expect(await store.get(row(1).reference)).toMatchObject({ nom: 'Dupont', prenom: 'Marie', statut: 'traitee', etape: 'rendezVous', etapeLe: '2026-01-20' });
    await store.actualiser([{ ...demande, statut: 'arretee' }], '2026-10-19');
    expect(await store.get(row(1).reference)).toMatchObject({ statut: 'arretee', etape: 'repriseCpas', etapeLe: '2026-10-19' });
    await store.actualiser([{ ...demande, statut: 'cloturee' }]);
    expect(await store.get(row(1).reference)).not.toHaveProperty('etape');
  });

  it('names the parcours whose dossier has a line recorded since their row was brought up to date, and no other', async () => {
    const dossier = new DossierStore(t.db);
    const a = row(1);
    const b = row(2);
    const namur = row(3, { cpas: NAMUR });
    for (const r of [a, b, namur]) await store.enregistrer(r);
    const demande = (r: DemandeCpas, statut: Demande['statut']) => ({ reference: r.reference, cpas: r.cpas, besoin: 'formation', deposeeLe: r.deposeeLe, statut }) as Demande;
    await store.actualiser([demande(a, 'ouverte')], undefined, '2026-03-01T10:00:00.000Z');
    await store.actualiser([demande(b, 'ouverte')], undefined, '2026-03-01T10:00:00.000Z');
    await store.actualiser([demande(namur, 'ouverte')], undefined, '2026-03-01T10:00:00.000Z');
    const ligne = (n: number) => ({ key: journalKey(n), date: '2026-03-02', kind: 'decision', code: 'suspension', resume: 'Suspension' });
    // Recorded before the row was read: nothing new. A deadline's line after it: stale.
    await dossier.append(a.parcoursId, [ligne(1)], '2026-03-01T09:59:59.999Z');
    await dossier.append(b.parcoursId, [ligne(1)], '2026-03-02T00:00:00.100Z');
    await dossier.append(namur.parcoursId, [ligne(1)], '2026-03-02T00:00:00.100Z');
    expect(await store.parcoursPerimes(LIEGE)).toEqual([b.parcoursId]);
    await store.actualiser([demande(b, 'arretee')], undefined, '2026-03-02T08:00:00.000Z');
    expect(await store.parcoursPerimes(LIEGE)).toEqual([]);
    expect(await store.get(b.reference)).toMatchObject({ statut: 'arretee' });
  });
});

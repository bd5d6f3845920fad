/**
 * The portal's list of requests (lib/demandes-cpas.ts) on a real SQLite file: a CPAS sees its
 * own only, newest first, 20 a page; filtered by status; searched by name, full name or
 * reference, a `%` or `_` typed being a character, not a wildcard; status and next step follow
 * the parcours' state.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../lib/database';
import { DemandesCpasStore, type DemandeCpas } from '../../lib/demandes-cpas';
import type { Demande } from '../../domain/parcours/model';

const LIEGE = '0207123407';
const NAMUR = '0207456769';

describe('the CPAS portal’s list of requests', () => {
  let dir: string;
  let db: Db;
  let store: DemandesCpasStore;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-demandes-'));
    db = openDatabase(path.join(dir, 'parcours.db'));
    store = new DemandesCpasStore(db);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

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

  it('gives a CPAS its own requests only, newest first, 20 a page', () => {
    for (let i = 1; i <= 25; i++) store.enregistrer(row(i));
    store.enregistrer(row(26, { cpas: NAMUR }));
    const first = store.lister(LIEGE, { page: 1, parPage: 20 });
    expect(first.total).toBe(25);
    expect(first.demandes.map((d) => d.deposeeLe)).toEqual(Array.from({ length: 20 }, (_, k) => `2026-01-${String(25 - k).padStart(2, '0')}`));
    const second = store.lister(LIEGE, { page: 2, parPage: 20 });
    expect(second.demandes.map((d) => d.reference)).toEqual([5, 4, 3, 2, 1].map((i) => row(i).reference));
    expect(store.lister(NAMUR, { page: 1, parPage: 20 }).demandes.map((d) => d.reference)).toEqual([row(26).reference]);
  });

  it('searches by name, full name or reference, whatever the case, and filters by status', () => {
    store.enregistrer(row(1, { nom: 'Dupont', prenom: 'Marie' }));
    store.enregistrer(row(2, { nom: 'Martin', prenom: 'Luc', statut: 'rejetee' }));
    store.enregistrer(row(3, { nom: 'Dupont-Lambert', prenom: 'Jean' }));
    const refs = (f: Parameters<DemandesCpasStore['lister']>[1]) => store.lister(LIEGE, f).demandes.map((d) => d.nom);
    expect(refs({ recherche: 'dupont', page: 1, parPage: 20 })).toEqual(['Dupont-Lambert', 'Dupont']);
    expect(refs({ recherche: 'Marie Dupont', page: 1, parPage: 20 })).toEqual(['Dupont']);
    expect(refs({ recherche: row(2).reference, page: 1, parPage: 20 })).toEqual(['Martin']);
    expect(refs({ statut: 'rejetee', page: 1, parPage: 20 })).toEqual(['Martin']);
    expect(refs({ statut: 'ouverte', recherche: 'martin', page: 1, parPage: 20 })).toEqual([]);
    // Typed wildcards are characters.
    expect(refs({ recherche: '%', page: 1, parPage: 20 })).toEqual([]);
    expect(refs({ recherche: 'Dupon_', page: 1, parPage: 20 })).toEqual([]);
  });

  it('keeps the name given at filing; status and next step follow the parcours', () => {
    store.enregistrer(row(1, { nom: 'Dupont', prenom: 'Marie' }));
    // A retried filing changes nothing.
    store.enregistrer(row(1, { nom: 'Autre', prenom: 'Nom' }));
    const demande: Demande = { reference: row(1).reference, cpas: LIEGE, deposeeLe: '2026-01-01', statut: 'traitee', besoin: 'formation', conseillerReference: false, rendezVous: { service: 'Atelier CV', date: '2026-01-20', lieu: 'Liège' } };
    store.actualiser([demande]);
    expect(store.get(row(1).reference)).toMatchObject({ nom: 'Dupont', prenom: 'Marie', statut: 'traitee', etape: 'rendezVous', etapeLe: '2026-01-20' });
    store.actualiser([{ ...demande, statut: 'arretee' }], '2026-10-19');
    expect(store.get(row(1).reference)).toMatchObject({ statut: 'arretee', etape: 'repriseCpas', etapeLe: '2026-10-19' });
    store.actualiser([{ ...demande, statut: 'cloturee' }]);
    expect(store.get(row(1).reference)).not.toHaveProperty('etape');
  });
});

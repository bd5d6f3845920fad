/**
 * What a CPAS reads of a parcours (spec §10; issues 11 and 15), on dossiers built through the pure
 * core: its request and what concerns it while it runs — appointments, absences and their outcome,
 * suspension and reprise — and the e-mails it got; never the rest, follower or not.
 */
import { accesCpas, vueCpas, type LigneDossier } from '../../../domain/parcours/access';
import { viewOf } from '../../../domain/parcours';
import { adulte, CPAS, demande, deuxAbsencesNonJustifiees, entries, Scenario } from './scenario';

const NAMUR = '0207456769';

function suiviParLiegeDemandeNamur(personne = adulte): Scenario {
  const s = new Scenario();
  s.fact({ type: 'inscription', date: '2026-01-05', canal: 'presentiel', personne, cpas: CPAS, dateContactMensuel: '2026-02-05' });
  s.fact({ type: 'affectation', date: '2026-01-05', employabilite: 'moyenne' });
  s.fact(demande('2026-01-12', { cpas: NAMUR }));
  return s;
}

const lignes = (s: Scenario): LigneDossier[] => entries(s.effects);


/** What a CPAS reads of its request through two unjustified absences (art. 30 §1–§3): the chain, its outcome, the request stopped. */
const ISSUE_DE_DEUX_ABSENCES = [
  'demande',
  'demande.acceptee',
  'absence',
  'absence.nonJustifiee',
  'reconvocation',
  'absence.recommande',
  'suspension',
  'inscription.fin',
  'inscription.fin.information',
  'demande.arretee',
];

describe('accesCpas', () => {
  it('the follower, a requester whose request was not rejected, and nobody else', () => {
    const s = suiviParLiegeDemandeNamur();
    expect(accesCpas(viewOf(s.state), CPAS)).toBe('suivi');
    expect(accesCpas(viewOf(s.state), NAMUR)).toBe('demandeur');
    expect(accesCpas(viewOf(s.state), '0216987614')).toBeUndefined();
    const rejetee = new Scenario();
    rejetee.fact(demande('2026-01-12', { cpas: NAMUR })); // not registered: rejected
    expect(accesCpas(viewOf(rejetee.state), NAMUR)).toBeUndefined();
  });
});

describe('vueCpas', () => {
  it('the follower without a request of its own reads none of the dossier: not the registration, the assignment, the monthly contacts, another CPAS’s request (issue 15 point 4)', () => {
    const s = suiviParLiegeDemandeNamur();
    s.fact({ type: 'contactMensuel', date: '2026-02-05', individuel: true, prochaineDate: '2026-03-05' });
    const all = lignes(s);
    // What the Forem reads: the test would prove nothing if these lines were not there.
    expect(all.map((l) => l.code)).toEqual(expect.arrayContaining(['inscription', 'affectation', 'contactMensuel', 'demande']));
    const { view, lignes: vues } = vueCpas(viewOf(s.state), all, CPAS);
    expect(vues).toEqual([]);
    // Told it is the follower; nothing else of the person's state.
    expect(view).toEqual({ parcoursId: 'ce-test', cpas: CPAS, statut: viewOf(s.state).statut, regime: 'aocs-2025', demandes: [], echeances: [], historique: [] });
  });

  it('the follower that filed a request reads that accompaniment only, as a requester does (issue 15 points 2 and 4)', () => {
    const s = new Scenario();
    s.fact({ type: 'inscription', date: '2026-01-05', canal: 'presentiel', personne: adulte, cpas: CPAS, dateContactMensuel: '2026-02-05' });
    s.fact({ type: 'affectation', date: '2026-01-05', employabilite: 'moyenne' });
    s.fact(demande('2026-01-12'));
    s.fact({ type: 'contactMensuel', date: '2026-02-05', individuel: true, prochaineDate: '2026-03-05' });
    deuxAbsencesNonJustifiees(s);
    const all = lignes(s);
    expect(all.map((l) => l.code)).toEqual(expect.arrayContaining(['inscription', 'affectation', 'contactMensuel']));
    const { view, lignes: vues } = vueCpas(viewOf(s.state), all, CPAS);
    expect(vues.map((l) => l.code)).toEqual(ISSUE_DE_DEUX_ABSENCES);
    expect(view.historique.some((e) => ['inscription', 'affectation', 'contactMensuel'].includes(e.code))).toBe(false);
    expect(view.echeances.map((e) => e.rule).sort()).toEqual(['reprise.cpas.delai', 'suspension.duree']);
  });

  it('the requester reads the outcome of two absences during its request: suspension, end of registration by absences, its request stopped', () => {
    const s = suiviParLiegeDemandeNamur();
    deuxAbsencesNonJustifiees(s);
    const { view, lignes: vues } = vueCpas(viewOf(s.state), lignes(s), NAMUR);
    expect(vues.map((l) => l.code)).toEqual(ISSUE_DE_DEUX_ABSENCES);
    expect(view).toEqual({ parcoursId: 'ce-test', statut: 'suspendu', regime: 'aocs-2025', demandes: s.state.demandes, echeances: expect.any(Array), historique: expect.any(Array) });
    expect(view.echeances.map((e) => e.rule).sort()).toEqual(['reprise.cpas.delai', 'suspension.duree']);
  });

  it('after its request is closed, what follows is none of the requester’s business', () => {
    const s = suiviParLiegeDemandeNamur();
    s.fact({ type: 'demandeTraitee', date: '2026-01-13', reference: 'DEM-TEST-1', service: 'Atelier', dateRendezVous: '2026-01-20', lieu: 'Namur' });
    s.fact({ type: 'demandeCloturee', date: '2026-01-30', reference: 'DEM-TEST-1', resultat: 'fait' });
    s.fact({ type: 'absence', date: '2026-02-10' });
    s.fact({ type: 'desinscription', date: '2026-02-11' });
    const { view, lignes: vues } = vueCpas(viewOf(s.state), lignes(s), NAMUR);
    expect(vues.map((l) => l.code)).toEqual(['demande', 'demande.acceptee', 'demande.traitee', 'demande.cloturee']);
    expect(view.echeances).toEqual([]);
  });

  it('e-mails: the requester reads those it received', () => {
    const s = suiviParLiegeDemandeNamur();
    const message = (cpas: string, template: string) => ({ date: '2026-01-13', kind: 'message', code: `email.${template}`, data: { cpas, template } });
    const { lignes: vues } = vueCpas(viewOf(s.state), [message(NAMUR, 'demande-traitee'), message(CPAS, 'inscription-enregistree')], NAMUR);
    expect(vues.map((l) => l.code)).toEqual(['email.demande-traitee']);
  });

  it('a stopped request’s CPAS reads nothing of the accompaniment another CPAS takes up after it: its request, its absences (spec §10)', () => {
    const s = suiviParLiegeDemandeNamur();
    deuxAbsencesNonJustifiees(s); // Namur's request stopped on Thursday 19 March 2026 (art. 30 §3)
    s.fact({ type: 'inscription', date: '2026-04-01', canal: 'presentiel', personne: adulte, cpas: CPAS, dateContactMensuel: '2026-05-01' });
    s.fact(demande('2026-04-02', { cpas: CPAS }));
    const liege = s.state.demandes.find((d) => d.cpas === CPAS)!;
    expect(liege.statut).not.toBe('rejetee');
    s.fact({ type: 'sollicitation', date: '2026-04-15', nature: 'convocation' });
    s.fact({ type: 'absence', date: '2026-04-20' });
    const all = lignes(s);
    expect(all.filter((l) => l.date >= '2026-04-02').map((l) => l.code)).toEqual(expect.arrayContaining(['demande', 'sollicitation', 'absence']));
    const { view, lignes: vues } = vueCpas(viewOf(s.state), all, NAMUR);
    // Only the end of the suspension that stopped its request (the re-registration ends it).
    expect(vues.filter((l) => l.date > '2026-03-19').map((l) => l.code)).toEqual(['suspension.fin']);
    expect(view.demandes.map((d) => d.cpas)).toEqual([NAMUR]);
    expect(view.echeances.map((e) => e.rule).filter((r) => r.startsWith('absence'))).toEqual([]);
    // Liège reads its own request and the absence during it.
    expect(vueCpas(viewOf(s.state), all, CPAS).lignes.map((l) => l.code)).toEqual(expect.arrayContaining(['demande', 'sollicitation', 'absence']));
  });
});

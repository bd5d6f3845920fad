/**
 * The CPAS that follows the person and the CPAS that filed a request (spec §10, Decision « qui
 * voit quoi »; issue 11): a request never hands the person over; the follower changes only by the
 * back-office's `changementCpas`, with its reason; e-mails about a request go to its requester,
 * e-mails about the parcours to the follower.
 */
import { CURRENT_OPTIONS } from '../../../domain/parcours';
import { adulte, codes, CPAS, demande, emails, entries, Scenario } from './scenario';

const NAMUR = '0207456769';

/** Registered on 5 January 2026, followed by the CPAS de Liège (`CPAS`), in digital interactif. */
function suiviParLiege(options = CURRENT_OPTIONS): Scenario {
  const s = new Scenario(options);
  s.fact({ type: 'inscription', date: '2026-01-05', canal: 'presentiel', personne: adulte, cpas: CPAS, dateContactMensuel: '2026-02-05' });
  s.fact({ type: 'affectation', date: '2026-01-05', employabilite: 'elevee', accompagnement: 'digitalInteractif' });
  return s;
}

describe('a request by another CPAS does not hand the person over', () => {
  it('the follower stays; the request’s e-mails go to its requester, the parcours’ e-mails to the follower', () => {
    const s = suiviParLiege();
    s.fact(demande('2026-01-12', { cpas: NAMUR }));
    expect(s.state.cpas).toBe(CPAS);
    expect(s.state.demandes).toEqual([expect.objectContaining({ cpas: NAMUR, statut: 'ouverte' })]);

    const traitee = s.fact({ type: 'demandeTraitee', date: '2026-01-14', reference: 'DEM-TEST-1', service: 'Atelier CV', dateRendezVous: '2026-01-21', lieu: 'Namur' });
    expect(emails(traitee).map((m) => [m.template, m.destinataire])).toEqual([['demande-traitee', { type: 'cpas', cpas: NAMUR }]]);

    // Art. 20 §1: four months of digital interactif from 5 January end on 5 May 2026 (a Tuesday).
    const reaffectation = s.after('2026-05-05');
    expect(codes(reaffectation)).toContain('accompagnement.changement');
    expect(emails(reaffectation).map((m) => [m.template, m.destinataire])).toEqual([['changement-accompagnement', { type: 'cpas', cpas: CPAS }]]);
  });

  it('a request refused because another CPAS’s is open does not name that request', () => {
    const s = suiviParLiege();
    s.fact(demande('2026-01-12', { cpas: NAMUR }));
    const refus = entries(s.fact(demande('2026-01-13')));
    expect(refus).toEqual([expect.objectContaining({ code: 'demande.refuse', resume: expect.stringContaining('une demande est déjà ouverte') })]);
    expect(refus[0].resume).not.toContain('DEM-TEST-1');
    expect(refus[0].resume).not.toContain(NAMUR);
  });
});

describe('changementCpas: the back-office changes the follower, with its reason', () => {
  it('writes the change with the reason and the rule; later parcours e-mails go to the new follower', () => {
    const s = suiviParLiege();
    const effects = s.fact({ type: 'changementCpas', date: '2026-02-02', cpas: NAMUR, motif: 'déménagement à Namur' });
    expect(s.state.cpas).toBe(NAMUR);
    expect(entries(effects)).toEqual([
      expect.objectContaining({ kind: 'fait', code: 'changementCpas', date: '2026-02-02', resume: expect.stringContaining('déménagement à Namur'), data: { ancien: CPAS, nouveau: NAMUR, motif: 'déménagement à Namur' }, legalBasis: expect.objectContaining({ ruleId: 'cpas.suivi' }) }),
    ]);
    expect(emails(s.after('2026-05-05')).map((m) => m.destinataire)).toEqual([{ type: 'cpas', cpas: NAMUR }]);
  });

  it('gives a follower to a person registered without one', () => {
    const s = new Scenario();
    s.fact({ type: 'inscription', date: '2026-01-05', canal: 'presentiel', personne: adulte, dateContactMensuel: '2026-02-05' });
    s.fact({ type: 'changementCpas', date: '2026-01-06', cpas: NAMUR, motif: 'orientée par le CPAS de Namur' });
    expect(s.state.cpas).toBe(NAMUR);
  });

  it.each([
    ['to the CPAS that already follows', (s: Scenario) => s, { date: '2026-02-02', cpas: CPAS }, 'suit déjà'],
    // Applied at its date (spec §11), a fact dated before the registration finds no parcours under way.
    ['dated before the registration', (s: Scenario) => s, { date: '2026-01-04', cpas: NAMUR }, 'pas en cours'],
    ['on a closed parcours', (s: Scenario) => (s.fact({ type: 'cloture', date: '2026-01-20', motif: 'pension' }), s), { date: '2026-02-02', cpas: NAMUR }, 'pas en cours'],
  ])('is refused %s', (_label, setup, fact, motif) => {
    const s = setup(suiviParLiege());
    const avant = s.state.cpas;
    const effects = s.fact({ type: 'changementCpas', motif: 'déménagement', ...fact });
    expect(entries(effects)).toEqual([expect.objectContaining({ code: 'changementCpas.refuse', resume: expect.stringContaining(motif) })]);
    expect(s.state.cpas).toBe(avant);
  });
});

/** Assignment and the limits of each type of accompaniment (spec §5; AGW art. 16–21). */
import { adulte, codes, emails, entries, inscrit } from './scenario';

const jeune = { dateNaissance: '2000-02-01', experienceProfessionnelle: true, autonomieNumerique: true }; // 25 at registration
const jeuneSansExperience = { dateNaissance: '2003-06-01', experienceProfessionnelle: false, autonomieNumerique: true };

describe('affectation (art. 16)', () => {
  it('without an assignment within a month of registration: alert (art. 16 §1)', () => {
    const s = inscrit();
    s.justBefore('2026-02-05');
    const effects = s.after('2026-02-05');
    expect(entries(effects)).toContainEqual(expect.objectContaining({ kind: 'signalAlerte', code: 'affectation.horsDelai', legalBasis: expect.objectContaining({ basis: expect.stringContaining('art. 16 §1er') }) }));
  });

  it.each([
    ['elevee', true, 'digitalInteractif'],
    ['elevee', false, 'axeMetier'],
    ['moyenne', true, 'axeMetier'],
    ['faible', true, 'multidimensionnel'],
    ['tresFaible', false, 'multidimensionnel'],
  ] as const)('the matrix of art. 16 §2: employabilité %s, autonomous %s → %s', (employabilite, autonomieNumerique, expected) => {
    const s = inscrit('2026-01-05', { ...adulte, autonomieNumerique });
    s.fact({ type: 'affectation', date: '2026-01-20', employabilite });
    expect(s.state.accompagnement?.type).toBe(expected);
    expect(s.deadline('affectation.delai')).toBeUndefined();
  });

  it('refuses a type the matrix does not allow', () => {
    const s = inscrit();
    const effects = s.fact({ type: 'affectation', date: '2026-01-20', employabilite: 'faible', accompagnement: 'digitalInteractif' });
    expect(s.state.accompagnement).toBeUndefined();
    expect(entries(effects)[0]).toMatchObject({ code: 'affectation.refuse', resume: expect.stringContaining('art. 16 §2') });
  });

  it('never digital for an under-25 without professional experience (art. 20 §2)', () => {
    const s = inscrit('2026-01-05', jeuneSansExperience);
    expect(entries(s.fact({ type: 'affectation', date: '2026-01-20', employabilite: 'elevee', accompagnement: 'digitalInteractif' }))[0].resume).toContain('art. 20 §2');
    s.fact({ type: 'affectation', date: '2026-01-21', employabilite: 'elevee' });
    expect(s.state.accompagnement?.type).toBe('enLigneAvecConseiller');
  });
});

describe('digital interactif: four months from registration at most (art. 20 §1)', () => {
  it('reassigns online with an adviser a digitally autonomous CE of 30 or more, and tells the CPAS', () => {
    const s = inscrit();
    s.fact({ type: 'affectation', date: '2026-01-20', employabilite: 'elevee' });
    expect(s.deadline('accompagnement.digital.duree')).toMatchObject({ depuis: '2026-01-05', dernierJour: '2026-05-05' });
    s.justBefore('2026-05-05');
    expect(s.state.accompagnement?.type).toBe('digitalInteractif');
    const effects = s.after('2026-05-05');
    expect(s.state.accompagnement).toEqual({ type: 'enLigneAvecConseiller', depuis: '2026-05-06' });
    expect(entries(effects)).toContainEqual(expect.objectContaining({ code: 'accompagnement.changement', legalBasis: expect.objectContaining({ ruleId: 'accompagnement.digital.duree' }) }));
    expect(emails(effects)).toEqual([expect.objectContaining({ template: 'changement-accompagnement', data: expect.objectContaining({ ancien: 'digital interactif', nouveau: 'en ligne avec un conseiller' }) })]);
  });

  it('reassigns in person an under-30, whose online accompaniment would already be over (art. 21 §2)', () => {
    const s = inscrit('2026-01-05', jeune);
    s.fact({ type: 'affectation', date: '2026-01-20', employabilite: 'elevee' });
    s.after('2026-05-05');
    expect(s.state.accompagnement?.type).toBe('axeMetier');
  });
});

describe('online with an adviser: three months from registration for under-30s (art. 21 §2)', () => {
  it('ends at three months and reassigns in person', () => {
    const s = inscrit('2026-01-05', jeune);
    s.fact({ type: 'affectation', date: '2026-01-20', employabilite: 'elevee', accompagnement: 'enLigneAvecConseiller' });
    expect(s.deadline('accompagnement.enLigne.moins30')?.dernierJour).toBe('2026-04-07'); // 5 April is Easter, 6 April Easter Monday
    s.justBefore('2026-04-07');
    expect(s.state.accompagnement?.type).toBe('enLigneAvecConseiller');
    const effects = s.after('2026-04-07');
    expect(s.state.accompagnement?.type).toBe('axeMetier');
    expect(codes(effects)).toContain('accompagnement.changement');
  });

  it('does not apply from 30 years of age', () => {
    const s = inscrit();
    s.fact({ type: 'affectation', date: '2026-01-20', employabilite: 'elevee', accompagnement: 'enLigneAvecConseiller' });
    expect(s.deadline('accompagnement.enLigne.moins30')).toBeUndefined();
  });
});

/**
 * Closure and end of registration as the AGW writes them (spec §8; AGW 21/12/2022 art. 32–36 as
 * replaced on 9/10/2025), and registration of foreign nationals (seed 000).
 */
import { adulte, codes, entries, inscrit, Scenario } from './scenario';

const refus = (effects: Parameters<typeof codes>[0]) => entries(effects).find((e) => e.code.endsWith('.refuse'));

describe('closure 1°: no longer inoccupé for at least three months (art. 33 §1 1°, §2)', () => {
  it('a start of employment on Monday 2 March opens three months; on 3 June the accompaniment is closed and the registration ends', () => {
    const s = inscrit();
    s.fact({ type: 'emploi', date: '2026-03-02' });
    expect(s.deadline('cloture.nonInoccupe')?.dernierJour).toBe('2026-06-02');
    expect(s.state.statut).toBe('inscrit');
    const effects = s.after('2026-06-02');
    expect(entries(effects)).toContainEqual(expect.objectContaining({ code: 'cloture', date: '2026-06-03', legalBasis: expect.objectContaining({ ruleId: 'cloture.nonInoccupe', basis: expect.stringContaining('art. 33 §1er, 1°') }) }));
    expect(s.state).toMatchObject({ statut: 'cloture', cloture: { cause: 'nonInoccupe', date: '2026-06-03' }, inscription: { fin: '2026-06-03' } });
    // A re-registration within three months resumes the parcours (art. 33 §3).
    expect(s.deadline('cloture.nonInscription')?.dernierJour).toBe('2026-09-03');
  });

  it('a return to unemployment before the three months cancels it', () => {
    const s = inscrit();
    s.fact({ type: 'emploi', date: '2026-03-02' });
    expect(codes(s.fact({ type: 'finEmploi', date: '2026-05-29' }))).toContain('emploi.fin');
    expect(s.deadline('cloture.nonInoccupe')).toBeUndefined();
    s.after('2026-06-02');
    expect(s.state.statut).toBe('inscrit');
  });

  it('a closure for cause 1° cannot be recorded directly: it follows from the employment', () => {
    const s = inscrit();
    expect(refus(s.fact({ type: 'cloture', date: '2026-03-02', motif: 'nonInoccupe' }))).toMatchObject({ code: 'cloture.refuse', resume: expect.stringContaining('emploi') });
  });
});

describe('closure 3°–5° for an allowance beneficiary (art. 33 §2, art. 35 al. 2)', () => {
  it('closes the accompaniment; the registration ends only on the Service contrôle’s exclusion', () => {
    const s = inscrit('2026-01-05', { ...adulte, allocataire: true });
    const effects = s.fact({ type: 'cloture', date: '2026-03-02', motif: 'nonCollaboration', validation: { par: 'serviceControle', date: '2026-02-27' } });
    expect(codes(effects)).toContain('inscription.finSurDecisionControle');
    expect(s.state.statut).toBe('cloture');
    expect(s.state.inscription?.fin).toBeUndefined();
    s.fact({ type: 'decisionServiceControle', date: '2026-04-01', exclusionDefinitive: true });
    expect(s.state.inscription?.fin).toBe('2026-04-01');
    expect(s.deadline('cloture.nonInscription')?.dernierJour).toBe('2026-07-01');
  });
});

describe('the legal pension age (art. 35 5°; loi du 10 août 2015)', () => {
  it('66 for someone who turns 66 before 1 February 2030: the registration ends at 00:00 on the birthday', () => {
    const s = inscrit('2026-01-05', { ...adulte, dateNaissance: '1961-03-10' });
    expect(s.deadline('inscription.fin.pension')?.dernierJour).toBe('2027-03-09');
    s.justBefore('2027-03-09');
    expect(s.state.statut).not.toBe('cloture');
    const effects = s.after('2027-03-09');
    expect(entries(effects)).toContainEqual(expect.objectContaining({ code: 'cloture', date: '2027-03-10', legalBasis: expect.objectContaining({ ruleId: 'inscription.fin.pension' }) }));
    expect(s.state).toMatchObject({ statut: 'cloture', cloture: { cause: 'pension' } });
  });

  it.each([
    ['1963-12-31', '2029-12-31'], // turns 66 on 31 December 2029: the pension would start 1 January 2030, still at 66
    ['1964-01-01', '2031-01-01'], // turns 66 on 1 January 2030: the pension would start 1 February 2030, so 67
    ['1964-01-31', '2031-01-31'],
  ])('born %s: pension age reached on %s', (naissance, date) => {
    expect(inscrit('2026-01-05', { ...adulte, dateNaissance: naissance }).deadline('inscription.fin.pension')?.dernierJour).toBe(new Date(Date.parse(`${date}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10));
  });

  it('born on 29 February 1960: 66 on 1 March 2026, as whole years of age count it', () => {
    expect(inscrit('2026-01-05', { ...adulte, dateNaissance: '1960-02-29' }).deadline('inscription.fin.pension')?.dernierJour).toBe('2026-02-28');
  });

  it('a request to stay registered keeps the registration (art. 35 5°)', () => {
    const s = inscrit('2026-01-05', { ...adulte, dateNaissance: '1961-03-10' });
    s.fact({ type: 'maintienInscription', date: '2026-12-01', motif: 'demande' });
    expect(codes(s.after('2027-03-09'))).toContain('inscription.maintenue');
    expect(s.state.statut).not.toBe('cloture');
  });
});

describe('signalement de manquement (art. 36 §3)', () => {
  it('without reaction by the end of the regularisation period, the registration ends the next day and the CE is told to re-register (art. 30 §5)', () => {
    const s = inscrit();
    s.fact({ type: 'signalementManquement', date: '2026-03-02', delaiRegularisation: '2026-03-16' });
    expect(s.deadline('manquement.regularisation')?.dernierJour).toBe('2026-03-16');
    const effects = s.after('2026-03-16');
    expect(codes(effects)).toEqual(expect.arrayContaining(['manquement.nonRegularise', 'inscription.fin', 'inscription.fin.information']));
    expect(s.state.inscription?.fin).toBe('2026-03-17');
  });

  it('a reaction within the period leaves it without effect', () => {
    const s = inscrit();
    s.fact({ type: 'signalementManquement', date: '2026-03-02', delaiRegularisation: '2026-03-16' });
    s.fact({ type: 'regularisation', date: '2026-03-10' });
    expect(codes(s.after('2026-03-16'))).not.toContain('inscription.fin');
    expect(s.state.inscription?.fin).toBeUndefined();
  });

  it('a period shorter than five working days is refused; one ending on a Saturday runs to the Monday (art. 4; Code civil art. 1.7)', () => {
    const s = inscrit();
    // Monday 2 March: five working days end on Monday 9 March.
    expect(refus(s.fact({ type: 'signalementManquement', date: '2026-03-02', delaiRegularisation: '2026-03-06' }))?.resume).toContain('au plus tôt');
    s.fact({ type: 'signalementManquement', date: '2026-03-02', delaiRegularisation: '2026-03-14' });
    expect(s.deadline('manquement.regularisation')?.dernierJour).toBe('2026-03-16');
  });

  it('not for an allowance beneficiary: the file goes to the Service contrôle (art. 36 §2 al. 2)', () => {
    const s = inscrit('2026-01-05', { ...adulte, allocataire: true });
    expect(refus(s.fact({ type: 'signalementManquement', date: '2026-03-02', delaiRegularisation: '2026-03-16' }))).toMatchObject({ code: 'signalementManquement.refuse', resume: expect.stringContaining('art. 36 §2') });
  });
});

describe('suspension for insufficient collaboration or refusal (art. 32 al. 1 1°, 34)', () => {
  it('suspends for three months at most, without ending the registration; the CE may ask for reprise', () => {
    const s = inscrit();
    const effects = s.fact({ type: 'nonCollaboration', date: '2026-03-02', nature: 'nonCollaboration' });
    expect(entries(effects)).toContainEqual(expect.objectContaining({ code: 'suspension', legalBasis: expect.objectContaining({ ruleId: 'suspension.nonCollaboration' }) }));
    expect(s.state).toMatchObject({ statut: 'suspendu', suspension: { depuis: '2026-03-02', cause: 'nonCollaboration' } });
    expect(s.state.inscription?.fin).toBeUndefined();
    expect(s.deadline('suspension.duree')?.dernierJour).toBe('2026-06-02');
    expect(codes(s.fact({ type: 'repriseDemandee', date: '2026-03-20', par: 'ce' }))).toEqual(['suspension.fin']);
    expect(s.state.statut).toBe('inscrit');
  });

  it.each([
    ['a young person in stage d’insertion', { stageInsertion: true }],
    ['an allowance beneficiary', { allocataire: true }],
  ])('not for %s (art. 32 al. 3)', (_label, flags) => {
    const s = inscrit('2026-01-05', { ...adulte, ...flags });
    expect(codes(s.fact({ type: 'nonCollaboration', date: '2026-03-02', nature: 'refus', informationPrealable: true })).filter((c) => /^(nonCollaboration|suspension)/.test(c))).toEqual(['nonCollaboration', 'suspension.nonApplicable']);
    expect(s.state.statut).toBe('inscrit');
  });
});

describe('foreign nationals and the registration channel (seed 000; art. 5 §1)', () => {
  it.each(['enLigne', 'telephone'] as const)('%s: the registration stands (art. 5 §1 opens it to every usager), with an in-person identity check decided', (canal) => {
    const s = new Scenario();
    const effects = s.fact({ type: 'inscription', date: '2026-01-05', canal, personne: { ...adulte, nationalite: 'FR' }, ...(canal === 'telephone' ? { dateContactMensuel: '2026-02-05' } : {}) });
    expect(codes(effects)).toEqual(expect.arrayContaining(['inscription', 'inscription.verificationPresentiel']));
    expect(s.state.statut).toBe('inscrit');
  });

  it('in person, or a Belgian online: no check to decide', () => {
    expect(codes(new Scenario().fact({ type: 'inscription', date: '2026-01-05', canal: 'presentiel', personne: { ...adulte, nationalite: 'FR' }, dateContactMensuel: '2026-02-05' }))).not.toContain('inscription.verificationPresentiel');
    expect(codes(new Scenario().fact({ type: 'inscription', date: '2026-01-05', canal: 'enLigne', personne: { ...adulte, nationalite: 'BE' } }))).not.toContain('inscription.verificationPresentiel');
  });
});

describe('a refusal of collaboration is formalised only after the CE was told its consequences (art. 34 §1 al. 2)', () => {
  it('without that information: refused with the reason', () => {
    const s = inscrit();
    expect(entries(s.fact({ type: 'nonCollaboration', date: '2026-03-02', nature: 'refus' })).find((e) => e.code === 'nonCollaboration.refuse')?.resume).toContain('art. 34 §1er, al. 2');
  });
});

describe('the end of a suspension resumes the follow-up (art. 25 §1, 32 al. 4)', () => {
  it('after a reprise asked by the CE, the proposal deadline runs again, moved by the days of suspension', () => {
    const s = inscrit();
    s.fact({ type: 'nonCollaboration', date: '2026-03-02', nature: 'nonCollaboration' });
    expect(s.deadline('proposition.delai')).toBeUndefined();
    s.fact({ type: 'repriseDemandee', date: '2026-03-12', par: 'ce' });
    // 5 May + 10 days = Friday 15 May.
    expect(s.deadline('proposition.delai')?.dernierJour).toBe('2026-05-15');
  });
});

describe('death ends the registration and the parcours for good (art. 35 4°)', () => {
  it('no deadline outlives it, not even the CPAS’s wait', () => {
    const s = inscrit();
    s.fact({ type: 'cloture', date: '2026-03-02', motif: 'deces' });
    expect(s.state).toMatchObject({ statut: 'cloture', echeances: [] });
  });
});

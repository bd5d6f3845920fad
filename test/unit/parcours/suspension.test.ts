/** Suspension, reprise, closure and re-registration (spec §8; AGW art. 32, 33; seed 000). */
import { startOfDayInBrussels } from '../../../domain/calendar';
import { CURRENT_OPTIONS, decide, initialState, type DecideOptions } from '../../../domain/parcours';
import { adulte, codes, CPAS, deuxAbsencesNonJustifiees, emails, entries, inscrit, Scenario } from './scenario';

function suspendu(date = '2026-01-05'): Scenario {
  const s = inscrit(date);
  deuxAbsencesNonJustifiees(s);
  expect(s.state.statut).toBe('suspendu');
  return s;
}

describe('automatic suspension: three months at most (art. 32 al. 2)', () => {
  it('ends after three months; without re-registration the parcours is then closed (art. 33 §1 2°)', () => {
    const s = suspendu();
    // Suspended and de-registered from Thursday 19 March (the day the absence became unjustified):
    // three months end on Friday 19 June.
    s.justBefore('2026-06-19');
    expect(s.state.statut).toBe('suspendu');
    const effects = s.after('2026-06-19');
    expect(codes(effects)).toEqual(['suspension.fin', 'cloture']); // the request was already stopped
    expect(entries(effects)[0].legalBasis).toMatchObject({ ruleId: 'suspension.duree', basis: expect.stringContaining('art. 32') });
    expect(s.state.statut).toBe('cloture');
    expect(s.rules()).toEqual(['reprise.cpas.delai']); // the CPAS's wait outlives the closure
  });

  it('ends earlier at the CE’s request (art. 32 al. 4)', () => {
    const s = suspendu();
    s.fact({ type: 'repriseDemandee', date: '2026-04-02', par: 'ce' });
    expect(s.state.suspension).toBeUndefined();
    expect(s.deadline('suspension.duree')).toBeUndefined();
  });

  it('a re-registration within three months resumes the same parcours (art. 33 §3, art. 32 al. 5)', () => {
    const s = suspendu();
    const effects = s.fact({ type: 'inscription', date: '2026-05-04', canal: 'presentiel', personne: adulte, dateContactMensuel: '2026-06-04' });
    expect(codes(effects)).toEqual(['reinscription', 'suspension.fin', 'reinscription.reprise']);
    expect(s.state).toMatchObject({ statut: 'inscrit', inscription: { date: '2026-01-05' } });
    expect(s.state.inscription?.fin).toBeUndefined();
    expect(s.deadline('cloture.nonInscription')).toBeUndefined();
    expect(s.deadline('contact.mensuel')?.dernierJour).toBe('2026-06-04');
  });

  it('lasts seven months under the former rules (seed 000)', () => {
    const s = new Scenario();
    s.fact({ type: 'inscription', date: '2025-03-03', canal: 'presentiel', personne: adulte, dateContactMensuel: '2025-04-03' });
    // Miss on Tue 8 April 2025; 9, 10, 11, 14, 15 April; letter on the 16th; absent on Thu 8 May; 9, 12, 13, 14, 15 May → from Fri 16 May.
    deuxAbsencesNonJustifiees(s, { premiere: '2025-04-08', finJustification: '2025-04-15', envoi: '2025-04-16', seconde: '2025-05-08', finSecondeJustification: '2025-05-15', issue: '2025-05-16' });
    expect(s.state.regime).toBe('anterieur');
    expect(s.deadline('suspension.duree.anterieure')?.dernierJour).toBe('2025-12-16');
    expect(s.deadline('suspension.duree')).toBeUndefined();
  });
});

describe('the CPAS may ask for reprise seven months after the suspension (seed 000; spec §8 Decision)', () => {
  /** Suspended, then re-registered: the Forem accompaniment resumed, the joint one stays stopped. */
  function reinscrit(): Scenario {
    const s = suspendu();
    s.fact({ type: 'inscription', date: '2026-05-04', canal: 'presentiel', personne: adulte, dateContactMensuel: '2026-06-04' });
    s.fact({ type: 'proposition', date: '2026-06-04', nature: 'formation' });
    return s;
  }

  // Suspended on Thursday 19 March 2026: seven months later is Monday 19 October.
  it('refuses a request on the day before, with the date from which it is possible', () => {
    const s = reinscrit();
    const effects = s.fact({ type: 'repriseDemandee', date: '2026-10-18', par: 'cpas' });
    expect(entries(effects)[0]).toMatchObject({ code: 'repriseDemandee.refuse', resume: expect.stringContaining('à partir du 2026-10-19') });
  });

  it('tells the CPAS on the day, at 00:00 Brussels, and accepts its request from then', () => {
    const s = reinscrit();
    s.at(startOfDayInBrussels('2026-10-19') - 1);
    expect(emails(s.effects).map((e) => e.template)).not.toContain('reprise-possible');
    const effects = s.at(startOfDayInBrussels('2026-10-19'));
    expect(emails(effects)).toEqual([expect.objectContaining({ template: 'reprise-possible', date: '2026-10-19', data: { reference: 'DEM-TEST-1', dateSuspension: '2026-03-19', repriseCpasPossibleLe: '2026-10-19' } })]);
    expect(codes(s.fact({ type: 'repriseDemandee', date: '2026-10-19', par: 'cpas' }))).toEqual(['reprise.cpas']);
    expect(s.state.arretCpas).toBeUndefined();
  });
});

describe('de-registration and closure (art. 33)', () => {
  it.each([
    ['without validation', { motif: 'comportement' }, 'responsable hiérarchique'],
    ['validated by the wrong authority', { motif: 'nonCollaboration', validation: { par: 'serviceControle', date: '2026-03-02' } }, 'responsable hiérarchique'],
    ['a refusal without prior information', { motif: 'refus', validation: { par: 'responsableHierarchique', date: '2026-03-02' } }, 'information préalable'],
  ] as const)('a closure for cause 3°–5° %s is refused (art. 33 §1 3°–5°)', (_label, fields, motif) => {
    const s = inscrit();
    const refus = entries(s.fact({ type: 'cloture', date: '2026-03-02', ...fields })).find((e) => e.code === 'cloture.refuse');
    expect(refus?.resume).toContain(motif);
    expect(s.state.statut).toBe('inscrit');
  });

  it('closes after three months without re-registration', () => {
    const s = inscrit();
    s.fact({ type: 'desinscription', date: '2026-03-02' });
    expect(s.state.statut).toBe('desinscrit');
    s.justBefore('2026-06-02');
    expect(s.state.statut).toBe('desinscrit');
    expect(codes(s.after('2026-06-02'))).toEqual(['cloture', 'demande.cloturee']);
    expect(s.state.statut).toBe('cloture');
    expect(s.state.echeances).toEqual([]);
  });

  it('admission to the pension ends the registration and the parcours for good, with its deadlines (art. 35 5°)', () => {
    const s = inscrit();
    const effects = s.fact({ type: 'cloture', date: '2026-03-02', motif: 'pension' });
    expect(entries(effects)).toContainEqual(expect.objectContaining({ code: 'cloture', legalBasis: expect.objectContaining({ ruleId: 'inscription.fin.pension', basis: expect.stringContaining('art. 35, al. 1er, 5°') }) }));
    expect(s.state.echeances).toEqual([]);
    expect(codes(s.fact({ type: 'inscription', date: '2026-03-05', canal: 'presentiel', personne: adulte, dateContactMensuel: '2026-04-03' }))).toEqual(['inscription.refuse']);
  });

  it('a closure for refusal ends the registration: a re-registration within three months resumes the parcours (art. 33 §2, §3)', () => {
    const s = inscrit();
    const effects = s.fact({ type: 'cloture', date: '2026-03-02', motif: 'refus', validation: { par: 'responsableHierarchique', date: '2026-03-02' }, informationPrealable: true });
    expect(codes(effects).filter((c) => /^(cloture|demande|inscription)/.test(c))).toEqual(['cloture.motif', 'cloture', 'demande.cloturee', 'inscription.fin', 'inscription.fin.information']);
    expect(s.state).toMatchObject({ statut: 'cloture', inscription: { fin: '2026-03-02' } });
    expect(s.deadline('cloture.nonInscription')?.dernierJour).toBe('2026-06-02');
    expect(codes(s.fact({ type: 'inscription', date: '2026-06-02', canal: 'presentiel', personne: adulte, dateContactMensuel: '2026-07-02' }))).toEqual(['reinscription', 'reinscription.reprise']);
    expect(s.state.statut).toBe('inscrit');
  });

  it('three months after a closure for refusal without re-registration, the closure is final and a new inscription is refused', () => {
    const s = inscrit();
    s.fact({ type: 'cloture', date: '2026-03-02', motif: 'refus', validation: { par: 'responsableHierarchique', date: '2026-03-02' }, informationPrealable: true });
    expect(codes(s.after('2026-06-02'))).toEqual(['cloture.definitive']);
    expect(s.state.echeances).toEqual([]);
    expect(codes(s.fact({ type: 'inscription', date: '2026-06-03', canal: 'presentiel', personne: adulte, dateContactMensuel: '2026-07-02' }))).toEqual(['inscription.refuse']);
  });
});

describe('a re-registration resumes the deadlines the end of registration interrupted (art. 32 al. 5, art. 33 §3)', () => {
  /**
   * Registered 5 January 2026, digital interactif; monthly contact held 5 February, next one 5
   * March; de-registered 2 March. Pending then: the digital limit and the proposal, last day 5 May;
   * the monthly contact, 5 March.
   */
  function desinscritEnMars(options?: DecideOptions): Scenario {
    const s = inscrit('2026-01-05', adulte, 'presentiel', options);
    s.fact({ type: 'affectation', date: '2026-01-05', employabilite: 'elevee', accompagnement: 'digitalInteractif' });
    s.fact({ type: 'contactMensuel', date: '2026-02-05', individuel: false, prochaineDate: '2026-03-05' });
    s.fact({ type: 'desinscription', date: '2026-03-02' });
    expect(s.rules()).toEqual(['cloture.nonInscription']);
    return s;
  }

  const reinscription = { type: 'inscription', canal: 'enLigne', personne: adulte } as const;

  it('moves each last day by the days without registration, to a working day (Sunday 22 March: 20 days)', () => {
    const s = desinscritEnMars();
    const effects = s.fact({ ...reinscription, date: '2026-03-22' });
    // 5 May + 20 days = Whit Monday 25 May 2026, a legal holiday → Tuesday 26 May (art. 1.7).
    expect(s.deadline('accompagnement.digital.duree')).toMatchObject({ depuis: '2026-01-05', dernierJour: '2026-05-26' });
    expect(s.deadline('proposition.delai')?.dernierJour).toBe('2026-05-26');
    expect(s.deadline('contact.mensuel')?.dernierJour).toBe('2026-03-25');
    expect(s.deadline('cloture.nonInscription')).toBeUndefined();
    const decision = entries(effects).find((e) => e.code === 'reinscription.reprise');
    expect(decision).toMatchObject({ legalBasis: expect.objectContaining({ basis: expect.stringContaining('art. 33 §3') }), resume: expect.stringContaining('accompagnement.digital.duree jusqu’au 2026-05-26') });
    expect(decision?.data).toMatchObject({ finInscription: '2026-03-02', echeancesReprises: expect.arrayContaining([{ rule: 'proposition.delai', dernierJour: '2026-05-26' }]) });
    expect(s.state.interruption).toBeUndefined();
  });

  it('the resumed digital limit fires on its new date: reassignment the day after 26 May', () => {
    const s = desinscritEnMars();
    s.fact({ ...reinscription, date: '2026-03-22' });
    s.fact({ type: 'contactMensuel', date: '2026-03-25', individuel: false, prochaineDate: '2026-04-24' });
    s.fact({ type: 'proposition', date: '2026-03-25', nature: 'formation' });
    expect(codes(s.justBefore('2026-05-26'))).not.toContain('accompagnement.changement');
    expect(codes(s.after('2026-05-26'))).toContain('accompagnement.changement');
    expect(s.state.accompagnement?.type).not.toBe('digitalInteractif');
  });

  it('a monthly-contact date given at re-registration replaces the interrupted one', () => {
    const s = desinscritEnMars();
    s.fact({ ...reinscription, date: '2026-03-22', dateContactMensuel: '2026-04-15' });
    expect(s.deadline('contact.mensuel')?.dernierJour).toBe('2026-04-15');
    expect(s.deadline('accompagnement.digital.duree')?.dernierJour).toBe('2026-05-26');
  });

  it('after a suspension for two absences, the deadlines still running at the suspension resume', () => {
    const s = suspendu();
    expect(s.state.interruption).toEqual({ depuis: '2026-03-19', echeances: [{ rule: 'proposition.delai', depuis: '2026-01-05', dernierJour: '2026-05-05' }] });
    s.fact({ type: 'inscription', date: '2026-05-04', canal: 'presentiel', personne: adulte, dateContactMensuel: '2026-06-04' });
    // Suspended and de-registered 19 March → 4 May: 46 days; 5 May + 46 = Saturday 20 June → Monday 22 June.
    expect(s.deadline('proposition.delai')?.dernierJour).toBe('2026-06-22');
  });

  it('a closure forgets them', () => {
    const s = desinscritEnMars();
    s.after('2026-06-02');
    expect(s.state.statut).toBe('cloture');
    expect(s.state.interruption).toBeUndefined();
  });
});

describe('state is plain JSON', () => {
  it('survives a JSON round trip unchanged (continue-as-new carries it)', () => {
    const s = suspendu();
    expect(JSON.parse(JSON.stringify(s.state))).toEqual(s.state);
    expect(decide(initialState('x'), { type: 'horloge' }, 0).effects).toEqual([]);
  });
});

/** Absences (spec §7; AGW art. 30, 31; seed 000 for the CPAS e-mails). */
import { adulte, codes, deuxAbsencesNonJustifiees, emails, entries, inscrit, premiereAbsenceNonJustifiee, type Scenario } from './scenario';


describe('justification within five working days (art. 30 §1, 31 §1)', () => {
  it('opens the deadline from the date of the missed sollicitation', () => {
    const s = inscrit();
    s.fact({ type: 'absence', date: '2026-02-10' });
    expect(s.deadline('absence.justification')).toMatchObject({ depuis: '2026-02-10', dernierJour: '2026-02-17' });
  });

  it('an admitted justification ends the matter, with no sanction', () => {
    const s = inscrit();
    s.fact({ type: 'absence', date: '2026-02-10' });
    s.fact({ type: 'justification', date: '2026-02-12', admise: true });
    expect(s.state.absence).toBeUndefined();
    expect(codes(s.after('2026-02-17'))).toEqual([]);
    expect(s.state.absencesNonJustifiees).toBe(0);
  });

  it('without justification in time: a registered letter and a warning to the CPAS (art. 30 §2; seed 000)', () => {
    const s = inscrit();
    s.fact({ type: 'absence', date: '2026-02-10' });
    s.justBefore('2026-02-17');
    expect(s.state.absencesNonJustifiees).toBe(0);
    const effects = s.after('2026-02-17');
    expect(s.state.absencesNonJustifiees).toBe(1);
    expect(entries(effects)).toContainEqual(expect.objectContaining({ kind: 'decision', code: 'absence.nonJustifiee', legalBasis: expect.objectContaining({ basis: expect.stringContaining('art. 30 §2') }) }));
    expect(emails(effects)).toEqual([expect.objectContaining({ template: 'absence-avertissement', data: { reference: s.state.demandes[0].reference, dateAbsence: '2026-02-10' } })]);
  });

  it('a justification that is not admitted counts as none', () => {
    const s = inscrit();
    s.fact({ type: 'absence', date: '2026-02-10' });
    const effects = s.fact({ type: 'justification', date: '2026-02-11', admise: false });
    expect(codes(effects).filter((c) => c.startsWith('justification') || c.startsWith('absence'))).toEqual(['justification.nonAdmise', 'absence.nonJustifiee']);
  });

  it('a justification after the five working days is refused', () => {
    const s = inscrit();
    premiereAbsenceNonJustifiee(s);
    expect(codes(s.fact({ type: 'justification', date: '2026-02-18', admise: true }))).toEqual(['justification.refuse']);
  });
});

describe('foreseeable reason (art. 31 §2, §3)', () => {
  it('without re-contact within five working days: élément défavorable, then the Forem re-convokes within fifteen', () => {
    const s = inscrit();
    s.fact({ type: 'absence', date: '2026-02-10' });
    s.fact({ type: 'justification', date: '2026-02-11', admise: true, motifPrevisible: true });
    expect(s.deadline('absence.motifPrevisible.recontact')?.dernierJour).toBe('2026-02-17');
    const effects = s.after('2026-02-17');
    expect(entries(effects)).toContainEqual(expect.objectContaining({ kind: 'elementDefavorable', code: 'recontact.manque', legalBasis: expect.objectContaining({ basis: expect.stringContaining('art. 31 §2') }) }));
    expect(s.deadline('absence.reconvocation')?.dernierJour).toBe('2026-03-03');
    expect(codes(s.after('2026-03-03'))).toContain('reconvocation.horsDelai');
  });

  it('a re-contact in time: nothing unfavourable', () => {
    const s = inscrit();
    s.fact({ type: 'absence', date: '2026-02-10' });
    s.fact({ type: 'justification', date: '2026-02-11', admise: true, motifPrevisible: true });
    s.fact({ type: 'contactMensuel', date: '2026-02-13', individuel: true, prochaineDate: '2026-03-13' });
    expect(codes(s.after('2026-02-17'))).not.toContain('recontact.manque');
  });

  it('the Forem’s convocation in time closes the matter', () => {
    const s = inscrit();
    s.fact({ type: 'absence', date: '2026-02-10' });
    s.fact({ type: 'justification', date: '2026-02-11', admise: true, motifPrevisible: true });
    s.after('2026-02-17');
    s.fact({ type: 'reconvocation', date: '2026-02-20', mode: 'ordinaire', dateRendezVous: '2026-02-27' });
    expect(codes(s.after('2026-03-03'))).not.toContain('reconvocation.horsDelai');
  });
});

describe('the registered letter: appointment on the 21st day (postal) or 15th (electronic) at the earliest (art. 30 §2)', () => {
  it.each([
    ['recommandePostal', '2026-03-10', '2026-03-11'],
    ['recommandeElectronique', '2026-03-04', '2026-03-05'],
  ] as const)('%s sent on 18 February: %s is refused, %s is accepted', (mode, tooEarly, earliest) => {
    const s = inscrit();
    premiereAbsenceNonJustifiee(s);
    expect(entries(s.fact({ type: 'reconvocation', date: '2026-02-18', mode, dateRendezVous: tooEarly }))[0]).toMatchObject({ code: 'reconvocation.refuse', resume: expect.stringContaining(`au plus tôt le ${earliest}`) });
    expect(codes(s.fact({ type: 'reconvocation', date: '2026-02-18', mode, dateRendezVous: earliest }))).toEqual(['reconvocation']);
  });
});

describe('second miss without admitted justification (art. 30 §3)', () => {
  function secondeAbsence(personne = adulte): Scenario {
    const s = inscrit('2026-01-05', personne);
    deuxAbsencesNonJustifiees(s);
    return s;
  }

  it('everyone else: automatic suspension and end of registration; the CPAS request is stopped (art. 32; seed 000)', () => {
    const s = secondeAbsence();
    expect(s.state).toMatchObject({ statut: 'suspendu', suspension: { depuis: '2026-03-11', cause: 'absences' }, inscription: { fin: '2026-03-11' } });
    expect(s.deadline('suspension.duree')?.dernierJour).toBe('2026-06-11');
    expect(s.deadline('cloture.nonInscription')?.dernierJour).toBe('2026-06-11');
    expect(s.deadline('reprise.cpas.delai')).toMatchObject({ depuis: '2026-03-11', dernierJour: '2026-10-10' });
    expect(s.deadline('contact.mensuel')).toBeUndefined();
    expect(emails(s.effects).map((e) => e.template)).toContain('demande-arretee');
    expect(emails(s.effects).find((e) => e.template === 'demande-arretee')?.data).toEqual({ reference: s.state.demandes[0].reference, dateSuspension: '2026-03-11', repriseCpasPossibleLe: '2026-10-11' });
    expect(s.state.demandes[0].statut).toBe('arretee');
  });

  it.each([
    ['a young person in stage d’insertion', { stageInsertion: true }],
    ['an allowance beneficiary', { allocataire: true }],
  ])('%s: transmission to the Service contrôle, no suspension (art. 30 §3 1°–2°, art. 32 al. 3)', (_label, flags) => {
    const s = secondeAbsence({ ...adulte, ...flags });
    expect(s.state.statut).toBe('inscrit');
    expect(entries(s.effects)).toContainEqual(expect.objectContaining({ kind: 'transmission', code: 'transmission.serviceControle' }));
    expect(emails(s.effects)).toContainEqual(expect.objectContaining({ template: 'transmission-controle', destinataire: { type: 'serviceControle' } }));
  });

  it('an absence during the suspension is refused', () => {
    const s = secondeAbsence();
    expect(codes(s.fact({ type: 'absence', date: '2026-04-01' }))).toEqual(['absence.refuse']);
  });
});

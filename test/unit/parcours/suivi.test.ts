/** Follow-up: monthly contact, individual contact of under-30s, proposal, alert signals (spec §6). */
import { adulte, codes, entries, inscrit } from './scenario';

const jeune = { dateNaissance: '2002-09-01', experienceProfessionnelle: true, autonomieNumerique: true };

describe('monthly contact (art. 25 §1, §4; art. 39)', () => {
  it('a missed date raises an alert signal that calls for a contact within 3 working days', () => {
    const s = inscrit(); // contact fixed on 2026-02-05
    s.justBefore('2026-02-05');
    const effects = s.after('2026-02-05');
    expect(entries(effects)).toContainEqual(expect.objectContaining({ kind: 'signalAlerte', code: 'contact.manque' }));
    expect(s.deadline('signalAlerte.contact')?.dernierJour).toBe('2026-02-10');
  });

  it('a contact on the date schedules the next one and no alert is raised', () => {
    const s = inscrit();
    s.fact({ type: 'contactMensuel', date: '2026-02-05', individuel: true, prochaineDate: '2026-03-05' });
    expect(codes(s.after('2026-02-05'))).not.toContain('contact.manque');
    expect(s.deadline('contact.mensuel')?.dernierJour).toBe('2026-03-05');
  });

  it('refuses a next date that does not follow the contact', () => {
    const s = inscrit();
    expect(codes(s.fact({ type: 'contactMensuel', date: '2026-02-05', individuel: true, prochaineDate: '2026-02-05' }))).toEqual(['contactMensuel.refuse']);
  });
});

describe('under-30s: an individual contact at least every three months (art. 25 §2)', () => {
  it('raises an alert after three months without one', () => {
    const s = inscrit('2026-01-05', jeune);
    s.fact({ type: 'contactMensuel', date: '2026-02-05', individuel: false, prochaineDate: '2026-03-05' });
    s.fact({ type: 'contactMensuel', date: '2026-03-05', individuel: false, prochaineDate: '2026-04-03' });
    expect(s.deadline('contact.individuel.moins30')?.dernierJour).toBe('2026-04-07');
    expect(codes(s.after('2026-04-07'))).toContain('contactIndividuel.manque');
  });

  it('an individual contact restarts the three months', () => {
    const s = inscrit('2026-01-05', jeune);
    s.fact({ type: 'contactMensuel', date: '2026-03-02', individuel: true, prochaineDate: '2026-04-02' });
    expect(s.deadline('contact.individuel.moins30')?.dernierJour).toBe('2026-06-02');
  });

  it('does not apply from 30 years of age', () => {
    expect(inscrit('2026-01-05', adulte).deadline('contact.individuel.moins30')).toBeUndefined();
  });
});

describe('a proposal within four months of registration (art. 28)', () => {
  it('without one: alert to the dossier and to operators', () => {
    const s = inscrit();
    s.fact({ type: 'contactMensuel', date: '2026-02-05', individuel: true, prochaineDate: '2026-06-05' });
    const effects = s.after('2026-05-05');
    expect(entries(effects)).toContainEqual(expect.objectContaining({ kind: 'signalAlerte', code: 'proposition.horsDelai', legalBasis: expect.objectContaining({ basis: expect.stringContaining('art. 28') }) }));
  });

  it('a proposal in time closes the deadline', () => {
    const s = inscrit();
    s.fact({ type: 'proposition', date: '2026-03-02', nature: 'formation' });
    expect(s.deadline('proposition.delai')).toBeUndefined();
  });

  it('not required for low employability (art. 28 §2)', () => {
    const s = inscrit();
    s.fact({ type: 'affectation', date: '2026-01-20', employabilite: 'faible' });
    s.fact({ type: 'contactMensuel', date: '2026-02-05', individuel: true, prochaineDate: '2026-06-05' });
    const effects = s.after('2026-05-05');
    expect(codes(effects)).toEqual(['proposition.nonRequise']);
  });
});

describe('alert signal (art. 39 §2)', () => {
  it('escalates without a contact within three working days', () => {
    const s = inscrit();
    s.fact({ type: 'signalAlerte', date: '2026-01-15', motif: 'demandeAide' }); // Thursday
    expect(s.deadline('signalAlerte.contact')?.dernierJour).toBe('2026-01-20');
    s.justBefore('2026-01-20');
    expect(codes(s.after('2026-01-20'))).toContain('signalAlerte.escalade');
  });

  it('a contact in time answers it', () => {
    const s = inscrit();
    s.fact({ type: 'signalAlerte', date: '2026-01-15', motif: 'difficulte' });
    s.fact({ type: 'contactMensuel', date: '2026-01-19', individuel: true, prochaineDate: '2026-02-19' });
    expect(codes(s.after('2026-01-20'))).not.toContain('signalAlerte.escalade');
  });
});

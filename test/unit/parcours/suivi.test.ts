/** Follow-up: monthly contact, individual contact of under-30s, proposal, alert signals (spec §6). */
import { addMonths } from '../../../domain/calendar';
import { viewOf, type DecideOptions } from '../../../domain/parcours';
import { adulte, codes, entries, inscrit, type Scenario } from './scenario';

const jeune = { dateNaissance: '2002-09-01', experienceProfessionnelle: true, autonomieNumerique: true };

describe('monthly contact (art. 25 §1, §4; art. 39)', () => {
  it('a missed date raises an alert signal, emitted at 00:00 the next day; the 3 working days count from that day (art. 39 §2)', () => {
    const s = inscrit(); // contact fixed on Thursday 5 February 2026
    s.justBefore('2026-02-05');
    const effects = s.after('2026-02-05');
    expect(entries(effects)).toContainEqual(expect.objectContaining({ kind: 'signalAlerte', code: 'contact.manque', date: '2026-02-06' }));
    // Emitted Friday 6 February: Monday 9, Tuesday 10, Wednesday 11.
    expect(s.deadline('signalAlerte.contact')).toMatchObject({ depuis: '2026-02-06', dernierJour: '2026-02-11' });
  });

  it('a missed Tuesday: emitted Wednesday, contact due by Monday (not Friday, as counting from the missed date would give)', () => {
    const s = inscrit();
    s.fact({ type: 'contactMensuel', date: '2026-02-05', individuel: true, prochaineDate: '2026-02-10' });
    s.after('2026-02-10');
    expect(s.deadline('signalAlerte.contact')).toMatchObject({ depuis: '2026-02-11', dernierJour: '2026-02-16' });
  });

  it('the next date falls within one month of the contact (art. 25 §1, §4): 5 March is accepted after 5 February, 6 March refused', () => {
    const s = inscrit();
    expect(entries(s.fact({ type: 'contactMensuel', date: '2026-02-05', individuel: true, prochaineDate: '2026-03-06' }))[0]).toMatchObject({
      code: 'contactMensuel.refuse',
      resume: expect.stringContaining('au plus tard le 2026-03-05'),
    });
    expect(codes(s.fact({ type: 'contactMensuel', date: '2026-02-05', individuel: true, prochaineDate: '2026-03-05' }))).toEqual(['contactMensuel']);
  });

  it('a month ending on a Sunday reaches the Monday (art. 1.7): after 10 April 2026, 11 May is accepted', () => {
    const s = inscrit();
    s.fact({ type: 'contactMensuel', date: '2026-02-05', individuel: true, prochaineDate: '2026-03-05' });
    s.fact({ type: 'contactMensuel', date: '2026-03-05', individuel: true, prochaineDate: '2026-04-03' });
    s.fact({ type: 'contactMensuel', date: '2026-04-03', individuel: true, prochaineDate: '2026-04-10' });
    expect(codes(s.fact({ type: 'contactMensuel', date: '2026-04-10', individuel: true, prochaineDate: '2026-05-11' }))).toEqual(['contactMensuel']);
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
    const effects = s.after('2026-05-05');
    expect(codes(effects).filter((c) => c.startsWith('proposition'))).toEqual(['proposition.nonRequise']);
  });

  it.each([
    ['non mobilisable (AR 25/11/1991 art. 27 19°)', { nonMobilisable: true }, 'non mobilisable'],
    ['on a trajet spécifique (AR 25/11/1991 art. 58 §1 al. 3 1°)', { trajetSpecifique: true }, 'trajet spécifique'],
  ])('not required either for a CE %s (art. 28 §2)', (_label, flags, mot) => {
    const s = inscrit('2026-01-05', { ...adulte, ...flags });
    const effects = s.after('2026-05-05');
    expect(entries(effects).filter((e) => e.code.startsWith('proposition'))).toEqual([expect.objectContaining({ code: 'proposition.nonRequise', resume: expect.stringContaining(mot) })]);
  });

  it('the exception counts when it holds at the deadline: recorded by a change of situation', () => {
    const s = inscrit();
    s.fact({ type: 'changementSituation', date: '2026-03-02', nonMobilisable: true });
    expect(codes(s.after('2026-05-05')).filter((c) => c.startsWith('proposition'))).toEqual(['proposition.nonRequise']);
  });
});

describe('outside digital interactif, an individual contact each month of the first four (art. 25 §5)', () => {
  /**
   * Registered Monday 5 January 2026, axé métier. The months end on 5 February, 5 March, 7 April
   * (5 April is Easter Sunday and 6 April Easter Monday, art. 1.7) and 5 May.
   */
  function axeMetier(options?: DecideOptions): Scenario {
    const s = inscrit('2026-01-05', adulte, 'presentiel', options);
    s.fact({ type: 'affectation', date: '2026-01-05', employabilite: 'moyenne' });
    expect(s.state.accompagnement?.type).toBe('axeMetier');
    return s;
  }

  const individuel = (date: string) => ({ type: 'contactMensuel', date, individuel: true, prochaineDate: addMonths(date, 1) }) as const;

  it('awaits the first month from the assignment, with its legal basis', () => {
    const s = axeMetier();
    expect(s.deadline('contact.individuel.quatrePremiersMois')).toMatchObject({ depuis: '2026-01-05', dernierJour: '2026-02-05' });
    expect(viewOf(s.state).echeances.find((e) => e.rule === 'contact.individuel.quatrePremiersMois')?.basis).toContain('art. 25 §5');
  });

  it('without any individual contact: an alert at the end of each of the four months, then none', () => {
    const s = axeMetier();
    const alertes: string[] = [];
    for (const fin of ['2026-02-05', '2026-03-05', '2026-04-07', '2026-05-05']) {
      expect(entries(s.justBefore(fin)).filter((e) => e.code === 'contactIndividuel.moisManque')).toEqual([]);
      const alerte = entries(s.after(fin)).find((e) => e.code === 'contactIndividuel.moisManque');
      expect(alerte).toMatchObject({ kind: 'signalAlerte', legalBasis: expect.objectContaining({ basis: expect.stringContaining('art. 25 §5') }), data: { dernierJour: fin } });
      alertes.push(fin);
    }
    expect(alertes).toHaveLength(4);
    expect(s.deadline('contact.individuel.quatrePremiersMois')).toBeUndefined();
  });

  it('an individual contact in the month moves the deadline to the next month; a contact that is not individual does not', () => {
    const s = axeMetier();
    s.fact({ type: 'contactMensuel', date: '2026-01-20', individuel: false, prochaineDate: '2026-02-20' });
    expect(s.deadline('contact.individuel.quatrePremiersMois')?.dernierJour).toBe('2026-02-05');
    s.fact(individuel('2026-02-05'));
    expect(s.deadline('contact.individuel.quatrePremiersMois')).toMatchObject({ depuis: '2026-02-05', dernierJour: '2026-03-05' });
    expect(codes(s.after('2026-02-05'))).not.toContain('contactIndividuel.moisManque');
  });

  it('the registration day counts in the first month: an interview that day, recorded before the assignment', () => {
    const s = inscrit('2026-01-05');
    s.fact(individuel('2026-01-05'));
    s.fact({ type: 'affectation', date: '2026-01-06', employabilite: 'moyenne' }, '2026-01-06');
    expect(s.deadline('contact.individuel.quatrePremiersMois')?.dernierJour).toBe('2026-03-05');
  });

  it('does not apply in digital interactif, and stops when a person is moved to it', () => {
    const s = inscrit('2026-01-05');
    s.fact({ type: 'affectation', date: '2026-01-05', employabilite: 'elevee', accompagnement: 'digitalInteractif' });
    expect(s.deadline('contact.individuel.quatrePremiersMois')).toBeUndefined();
    const t = axeMetier();
    t.fact({ type: 'affectation', date: '2026-01-12', employabilite: 'elevee', accompagnement: 'digitalInteractif' });
    expect(t.deadline('contact.individuel.quatrePremiersMois')).toBeUndefined();
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

/** Registration (spec §4; AGW art. 5, 6) and the first deadlines it opens. */
import { expiryInstant } from '../../../domain/calendar';
import { decide } from '../../../domain/parcours';
import { adulte, codes, CPAS, emails, entries, inscrit, Scenario } from './scenario';

describe('inscription', () => {
  it('in person: writes the fact, tells the CPAS, and opens assignment, proposal and contact deadlines', () => {
    const s = new Scenario();
    const effects = s.fact({ type: 'inscription', date: '2026-01-05', canal: 'presentiel', personne: adulte, cpas: CPAS, dateContactMensuel: '2026-02-04' });
    expect(s.state).toMatchObject({ statut: 'inscrit', regime: 'aocs-2025', objectivee: true, cpas: CPAS, prochainContact: '2026-02-04' });
    expect(entries(effects)).toEqual([expect.objectContaining({ seq: 1, kind: 'fait', code: 'inscription', date: '2026-01-05' })]);
    expect(emails(effects)).toEqual([expect.objectContaining({ template: 'inscription-enregistree', destinataire: { type: 'cpas', cpas: CPAS }, key: 'ce-test.1.inscription-enregistree', legalBasis: expect.objectContaining({ ruleId: 'cpas.informationInscription', basis: expect.stringContaining('art. 7') }) })]);
    expect(s.deadline('affectation.delai')).toMatchObject({ dernierJour: '2026-02-05', expire: expiryInstant('2026-02-05') });
    expect(s.deadline('proposition.delai')?.dernierJour).toBe('2026-05-05');
    expect(s.deadline('contact.mensuel')?.dernierJour).toBe('2026-02-04');
  });

  it('applies a duplicate event id once', () => {
    const s = new Scenario();
    const e = { type: 'inscription', id: 'same', date: '2026-01-05', canal: 'enLigne', personne: adulte } as const;
    const once = decide(s.state, e, expiryInstant('2026-01-04'));
    const twice = decide(once.state, e, expiryInstant('2026-01-04'));
    expect(twice.effects).toEqual([]);
    expect(twice.state.journalSeq).toBe(1);
  });

  it('by telephone or in person, the first monthly-contact date is fixed at registration (art. 5 §3 al. 1)', () => {
    const s = new Scenario();
    const effects = s.fact({ type: 'inscription', date: '2026-01-05', canal: 'telephone', personne: adulte });
    expect(s.state.statut).toBe('nonInscrit');
    expect(entries(effects)).toEqual([expect.objectContaining({ code: 'inscription.refuse', resume: expect.stringContaining('art. 5 §3, al. 1er') })]);
  });

  describe('telephone: identity authenticated within 7 days (art. 5 §2 al. 4)', () => {
    it('not finalised when the 7 days run out', () => {
      const s = inscrit('2026-01-05', adulte, 'telephone');
      expect(s.deadline('inscription.telephone.authentification')?.dernierJour).toBe('2026-01-12');
      s.justBefore('2026-01-12');
      expect(s.state.statut).toBe('inscrit');
      const effects = s.after('2026-01-12');
      expect(s.state.statut).toBe('nonInscrit');
      expect(entries(effects)).toEqual([expect.objectContaining({ kind: 'decision', code: 'inscription.nonFinalisee', legalBasis: expect.objectContaining({ ruleId: 'inscription.telephone.authentification', basis: expect.stringContaining('art. 5 §2, al. 4') }) })]);
    });

    it('finalised by an authentication in time', () => {
      const s = inscrit('2026-01-05', adulte, 'telephone');
      s.fact({ type: 'authentification', date: '2026-01-09' });
      s.after('2026-01-12');
      expect(s.state).toMatchObject({ statut: 'inscrit', inscription: { authentifiee: true } });
    });

    it('a registration recorded late fires the deadline it already missed at once', () => {
      const s = new Scenario();
      const effects = s.fact({ type: 'inscription', date: '2026-01-05', canal: 'telephone', personne: adulte, dateContactMensuel: '2026-02-05' }, '2026-01-20');
      expect(codes(effects)).toEqual(['inscription', 'inscription.nonFinalisee']);
    });
  });

  describe('online (art. 5 §3 al. 2–3, art. 6 §1)', () => {
    it('without a monthly-contact date within 15 days: élément défavorable', () => {
      const s = inscrit('2026-01-05', adulte, 'enLigne');
      expect(s.deadline('inscription.enLigne.dateContact')?.dernierJour).toBe('2026-01-20');
      const effects = s.after('2026-01-20');
      expect(entries(effects)).toContainEqual(expect.objectContaining({ kind: 'elementDefavorable', code: 'contact.nonFixe', legalBasis: expect.objectContaining({ basis: expect.stringContaining('art. 5 §3, al. 2 et 3') }) }));
    });

    it('a date fixed in time closes that deadline and schedules the contact', () => {
      const s = inscrit('2026-01-05', adulte, 'enLigne');
      s.fact({ type: 'fixationContact', date: '2026-01-10', dateContactMensuel: '2026-02-10' });
      expect(s.deadline('inscription.enLigne.dateContact')).toBeUndefined();
      expect(s.deadline('contact.mensuel')?.dernierJour).toBe('2026-02-10');
      expect(codes(s.after('2026-01-20'))).not.toContain('contact.nonFixe');
    });

    it('a profile not objectivated within 15 days raises an alert', () => {
      const s = inscrit('2026-01-05', adulte, 'enLigne');
      expect(codes(s.after('2026-01-20'))).toContain('objectivation.horsDelai');
    });

    it('an objectivation in time closes that deadline', () => {
      const s = inscrit('2026-01-05', adulte, 'enLigne');
      s.fact({ type: 'objectivation', date: '2026-01-12' });
      expect(codes(s.after('2026-01-20'))).not.toContain('objectivation.horsDelai');
    });
  });
});

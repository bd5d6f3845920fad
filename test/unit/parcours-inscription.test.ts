/** The functional core on the rules of the first slice, without Temporal (spec §4, §5). */
import { expiryInstant, startOfDayInBrussels } from '../../domain/calendar';
import { decide, initialState, nextDeadline, type ParcoursEvent, type ParcoursState } from '../../domain/parcours';

const personne = { dateNaissance: '1985-03-12', experienceProfessionnelle: true, autonomieNumerique: true };
const at = (date: string, hour = 10) => startOfDayInBrussels(date) + hour * 3_600_000;

function run(events: Array<[ParcoursEvent, number]>, state: ParcoursState = initialState('ce-test')) {
  const effects = [];
  for (const [e, now] of events) {
    const d = decide(state, e, now);
    state = d.state;
    effects.push(...d.effects);
  }
  return { state, effects };
}

describe('inscription (art. 5, art. 16 §1)', () => {
  it('writes the fact, opens the one-month assignment deadline and tells the following CPAS', () => {
    const { state, effects } = run([[{ type: 'inscription', id: 'i1', date: '2026-01-05', canal: 'enLigne', personne, cpas: '0207123407' }, at('2026-01-05')]]);
    expect(state.statut).toBe('inscrit');
    expect(state.regime).toBe('aocs-2025');
    expect(nextDeadline(state)).toMatchObject({ rule: 'affectation.delai', dernierJour: '2026-02-05', expire: expiryInstant('2026-02-05') });
    expect(effects).toEqual([
      { type: 'dossier', entry: expect.objectContaining({ seq: 1, kind: 'fait', code: 'inscription', eventId: 'i1', date: '2026-01-05' }) },
      { type: 'email', email: expect.objectContaining({ template: 'inscription-enregistree', cpas: '0207123407', key: 'ce-test.1.inscription-enregistree' }) },
    ]);
  });

  it('applies a duplicate event once', () => {
    const e: ParcoursEvent = { type: 'inscription', id: 'i1', date: '2026-01-05', canal: 'enLigne', personne };
    const { state, effects } = run([[e, at('2026-01-05')], [e, at('2026-01-05')]]);
    expect(state.journalSeq).toBe(1);
    expect(effects).toHaveLength(1);
  });

  it('telephone: without authentication within 7 days the registration is not finalised (art. 5 §2 al. 4)', () => {
    const inscription: ParcoursEvent = { type: 'inscription', id: 'i1', date: '2026-01-05', canal: 'telephone', personne };
    const waiting = run([[inscription, at('2026-01-05')], [{ type: 'horloge' }, at('2026-01-12', 23)]]);
    expect(waiting.state.statut).toBe('inscrit');
    const lapsed = run([[{ type: 'horloge' }, expiryInstant('2026-01-12')]], waiting.state);
    expect(lapsed.state.statut).toBe('nonInscrit');
    expect(lapsed.effects).toEqual([
      { type: 'dossier', entry: expect.objectContaining({ kind: 'decision', code: 'inscription.nonFinalisee', legalBasis: expect.objectContaining({ ruleId: 'inscription.telephone.authentification', basis: expect.stringContaining('art. 5 §2, al. 4') }) }) },
    ]);
  });

  it('telephone: authentication in time finalises it', () => {
    const { state } = run([
      [{ type: 'inscription', id: 'i1', date: '2026-01-05', canal: 'telephone', personne }, at('2026-01-05')],
      [{ type: 'authentification', id: 'a1', date: '2026-01-09' }, at('2026-01-09')],
      [{ type: 'horloge' }, expiryInstant('2026-01-12')],
    ]);
    expect(state.statut).toBe('inscrit');
    expect(state.inscription?.authentifiee).toBe(true);
  });

  it('a fact recorded late fires the deadline it already missed at once', () => {
    const { state, effects } = run([[{ type: 'inscription', id: 'i1', date: '2026-01-05', canal: 'telephone', personne }, at('2026-02-20')]]);
    expect(state.statut).toBe('nonInscrit');
    expect(effects.map((e) => e.type === 'dossier' && e.entry.code)).toEqual(['inscription', 'inscription.nonFinalisee']);
  });
});

describe('assignment (art. 16, 20)', () => {
  const inscrit = run([[{ type: 'inscription', id: 'i1', date: '2026-01-05', canal: 'enLigne', personne, cpas: '0207123407' }, at('2026-01-05')]]).state;

  it('digital interactif schedules the four-month limit from registration (art. 20 §1)', () => {
    const { state } = run([[{ type: 'affectation', id: 'a1', date: '2026-01-20', accompagnement: 'digitalInteractif' }, at('2026-01-20')]], inscrit);
    expect(state.echeances).toEqual([expect.objectContaining({ rule: 'accompagnement.digital.duree', depuis: '2026-01-05', dernierJour: '2026-05-05' })]);
  });

  it('at the limit, reassigns online for a digitally autonomous CE of 30 or more and e-mails the CPAS', () => {
    const digital = run([[{ type: 'affectation', id: 'a1', date: '2026-01-20', accompagnement: 'digitalInteractif' }, at('2026-01-20')]], inscrit).state;
    const { state, effects } = run([[{ type: 'horloge' }, expiryInstant('2026-05-05')]], digital);
    expect(state.accompagnement).toEqual({ type: 'enLigneAvecConseiller', depuis: '2026-05-06' });
    expect(effects.map((e) => (e.type === 'email' ? e.email.template : e.entry.code))).toEqual(['accompagnement.changement', 'changement-accompagnement']);
  });

  it('at the limit, reassigns in person an under-30, whose online accompaniment ended at 3 months (art. 21 §2)', () => {
    const jeune = run([[{ type: 'inscription', id: 'i1', date: '2026-01-05', canal: 'enLigne', personne: { ...personne, dateNaissance: '2000-02-01' } }, at('2026-01-05')]]).state;
    const digital = run([[{ type: 'affectation', id: 'a1', date: '2026-01-20', accompagnement: 'digitalInteractif' }, at('2026-01-20')]], jeune).state;
    expect(run([[{ type: 'horloge' }, expiryInstant('2026-05-05')]], digital).state.accompagnement?.type).toBe('axeMetier');
  });

  it('refuses digital for an under-25 without professional experience (art. 20 §2)', () => {
    const jeune = run([[{ type: 'inscription', id: 'i1', date: '2026-01-05', canal: 'enLigne', personne: { ...personne, dateNaissance: '2003-06-01', experienceProfessionnelle: false } }, at('2026-01-05')]]).state;
    const { state, effects } = run([[{ type: 'affectation', id: 'a1', date: '2026-01-20', accompagnement: 'digitalInteractif' }, at('2026-01-20')]], jeune);
    expect(state.accompagnement).toBeUndefined();
    expect(effects).toEqual([{ type: 'dossier', entry: expect.objectContaining({ code: 'affectation.refuse', resume: expect.stringContaining('art. 20 §2') }) }]);
  });

  it('without an assignment within a month, raises an alert (art. 16 §1)', () => {
    const { effects } = run([[{ type: 'horloge' }, expiryInstant('2026-02-05')]], inscrit);
    expect(effects).toEqual([{ type: 'dossier', entry: expect.objectContaining({ kind: 'signalAlerte', code: 'affectation.horsDelai', legalBasis: expect.objectContaining({ basis: expect.stringContaining('art. 16 §1er') }) }) }]);
  });
});

/** What the workflow records when `decide` throws (issue 11): a refusal, or the due deadlines set aside. */
import { decide, initialState, type ParcoursState } from '../../../domain/parcours';
import { decisionOnFailure } from '../../../domain/parcours/failure';
import { expiryInstant } from '../../../domain/calendar';

const avecEcheance = (): ParcoursState => ({
  ...initialState('ce-test'),
  statut: 'inscrit',
  // The end of digital interactif without the person it is about: its handler cannot decide.
  echeances: [{ rule: 'accompagnement.digital.duree', depuis: '2026-02-10', dernierJour: '2026-02-17', expire: expiryInstant('2026-02-17') }],
});

describe('decisionOnFailure', () => {
  it('refuses a fact once, with the reason, and remembers it', () => {
    const d = decisionOnFailure(initialState('ce-test'), { type: 'absence', id: 'e1', date: '2026-02-10' }, expiryInstant('2026-02-10'), 'RangeError : x');
    expect(d.effects).toEqual([{ type: 'dossier', entry: expect.objectContaining({ seq: 1, code: 'absence.refuse', eventId: 'e1', resume: expect.stringContaining('RangeError : x') }) }]);
    expect(d.state.eventIds).toEqual(['e1']);
    expect(decisionOnFailure(d.state, { type: 'absence', id: 'e1', date: '2026-02-10' }, expiryInstant('2026-02-10'), 'x').effects).toEqual([]);
  });

  it('sets the deadlines due aside, so that the next wake-up does not fail on them again', () => {
    const state = avecEcheance();
    const now = expiryInstant('2026-02-17');
    expect(() => decide(state, { type: 'horloge' }, now)).toThrow();
    const d = decisionOnFailure(state, { type: 'horloge' }, now, 'TypeError : y');
    expect(d.state.echeances).toEqual([]);
    expect(d.effects).toEqual([{ type: 'dossier', entry: expect.objectContaining({ code: 'echeance.nonTraitee', data: { rule: 'accompagnement.digital.duree', dernierJour: '2026-02-17' } }) }]);
  });
});

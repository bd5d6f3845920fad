/**
 * A workflow is never left failing its tasks (issue 11): when `decide` throws on a fact that
 * slipped past the API's validation (here a signal, which no validator checks, without the field
 * the fact needs), the fact is refused with the reason, written to the dossier, and the parcours
 * goes on deciding the next facts.
 */
import { addMonths } from '../../domain/calendar';
import { FACT_SIGNALS } from '../../workflows/definitions';
import { ADULTE } from '../helpers/fixtures';
import { useTimeSkippingHarness } from '../helpers/harness';
import { ParcoursDriver } from '../helpers/parcours';

describe('a decision that throws', () => {
  const harness = useTimeSkippingHarness();

  it('refuses the fact with the reason and the parcours keeps deciding', async () => {
    const p = await ParcoursDriver.start(harness());
    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne: ADULTE, dateContactMensuel: addMonths(p.today, 1) });
    // A signalement de manquement without its regularisation period: computing its last day throws.
    await p.handle.signal(FACT_SIGNALS.signalementManquement, { id: 'sans-delai', date: p.today } as never);
    const line = await p.dossierLine('signalementManquement.refuse');
    expect(line).toMatchObject({ kind: 'fait', eventId: 'sans-delai', resume: expect.stringContaining('RangeError') });
    const view = await p.fact('contactMensuel', { date: p.today, individuel: true, prochaineDate: addMonths(p.today, 1) });
    expect(view.historique.map((e) => e.code)).toContain('contactMensuel');
    expect(view.echeances.find((e) => e.rule === 'contact.mensuel')?.dernierJour).toBe(addMonths(p.today, 1));
  });
});

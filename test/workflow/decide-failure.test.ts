/**
 * A workflow is never left failing its tasks (issue 11): when `decide` throws on a fact that
 * slipped past the API's validation, the fact is refused with the reason, written to the dossier,
 * and the parcours goes on deciding the next facts.
 */
import { addMonths } from '../../domain/calendar';
import { evenementUpdate } from '../../workflows/definitions';
import { ADULTE } from '../helpers/fixtures';
import { useTimeSkippingHarness } from '../helpers/harness';
import { ParcoursDriver } from '../helpers/parcours';

describe('a decision that throws', () => {
  const harness = useTimeSkippingHarness();

  it('refuses the fact with the reason and the parcours keeps deciding', async () => {
    const p = await ParcoursDriver.start(harness());
    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne: ADULTE, dateContactMensuel: addMonths(p.today, 1) });
    // The day after 9999-12-31 is beyond the calendar: planning this contact throws a RangeError.
    const refused = p.handle.executeUpdate(evenementUpdate, { args: [{ type: 'contactMensuel', id: 'hors-calendrier', date: p.today, individuel: true, prochaineDate: '9999-12-31' }] });
    const answer = await Promise.race([refused, new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), 30_000))]);
    expect(answer).toMatchObject({ accepte: false, motif: expect.stringContaining('10000-01-01') });

    const line = await p.dossierLine('contactMensuel.refuse');
    expect(line).toMatchObject({ kind: 'fait', eventId: 'hors-calendrier', resume: expect.stringContaining('RangeError') });
    const view = await p.fact('contactMensuel', { date: p.today, individuel: true, prochaineDate: addMonths(p.today, 1) });
    expect(view.historique.map((e) => e.code)).toContain('contactMensuel');
    expect(view.echeances.find((e) => e.rule === 'contact.mensuel')?.dernierJour).toBe(addMonths(p.today, 1));
  });
});

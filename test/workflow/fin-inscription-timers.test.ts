/**
 * End of registration and closure timers on the time-skipping server (spec §8; AGW 21/12/2022
 * art. 33 §1 1°, 35 5°, 36 §3 as replaced on 9/10/2025). Each deadline is computed from the article.
 */
import { addDays, addMonths, lastDayOfPeriod } from '../../domain/calendar';
import { ADULTE } from '../helpers/fixtures';
import { useTimeSkippingHarness } from '../helpers/harness';
import { ParcoursDriver } from '../helpers/parcours';

describe('end of registration and closure', () => {
  const harness = useTimeSkippingHarness();

  async function inscrit(personne = ADULTE): Promise<ParcoursDriver> {
    const p = await ParcoursDriver.start(harness());
    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne, dateContactMensuel: addMonths(p.today, 1) });
    return p;
  }

  it('the legal pension age: the registration ends at 00:00 on the 66th birthday (art. 35 5°)', async () => {
    const p = await ParcoursDriver.start(harness());
    const anniversaire = addDays(p.today, 17);
    const personne = { ...ADULTE, dateNaissance: addMonths(anniversaire, -66 * 12) };
    await p.fact('inscription', { date: p.today, canal: 'presentiel', personne, dateContactMensuel: addMonths(p.today, 1) });
    const e = await p.waitingFor('inscription.fin.pension');
    expect(e.dernierJour).toBe(addDays(anniversaire, -1));
    expect(await p.expire(e, 'cloture')).toMatchObject({ ruleId: 'inscription.fin.pension', date: anniversaire, basis: expect.stringContaining('art. 35, al. 1er, 5°') });
    expect((await p.view()).statut).toBe('cloture');
  });

  it('three months of employment close the accompaniment and end the registration (art. 33 §1 1°, §2)', async () => {
    const p = await inscrit();
    await p.fact('emploi', { date: p.today });
    const e = await p.waitingFor('cloture.nonInoccupe');
    expect(e.dernierJour).toBe(lastDayOfPeriod(p.today, { amount: 3, unit: 'mois' }));
    expect(await p.expire(e, 'cloture')).toMatchObject({ ruleId: 'cloture.nonInoccupe', date: addDays(e.dernierJour, 1) });
    expect(await p.dossierLine('inscription.fin')).toMatchObject({ date: addDays(e.dernierJour, 1) });
    // A re-registration within three months would still resume it (art. 33 §3).
    expect((await p.view()).echeances.map((x) => x.rule)).toContain('cloture.nonInscription');
  });

  it('a signalement de manquement left without reaction ends the registration the day after the regularisation period (art. 36 §3)', async () => {
    const p = await inscrit();
    const delai = addDays(p.today, 14);
    await p.fact('signalementManquement', { date: p.today, delaiRegularisation: delai });
    const e = await p.waitingFor('manquement.regularisation');
    expect(e.dernierJour).toBe(delai);
    expect(await p.expire(e, 'manquement.nonRegularise')).toMatchObject({ ruleId: 'manquement.regularisation', basis: expect.stringContaining('art. 36 §3') });
    expect(await p.dossierLine('inscription.fin.information')).toMatchObject({ basis: expect.stringContaining('art. 30 §5') });
    expect((await p.view()).statut).toBe('desinscrit');
  });
});

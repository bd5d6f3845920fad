/**
 * A convention's durable timers on the time-skipping server (spec §12; seed 001 art. 5, 8): the
 * anniversary reminders over two years of a convention signed on 29 February, the end of the
 * notice, and the registry refusing a request after it. Dates hand-computed in the comments for a
 * signature on 29 February 2028; the time-skipping server starts at today's date, so once that day
 * is past the same dates are taken 28 years later (`d`, test/helpers/cycle.ts: same weekdays and
 * leap years, checked in test/unit/cycle.test.ts). The history is kept for replay
 * (RECORD_HISTORIES=1 writes test/histories/convention-29fevrier.json).
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { civilDateInBrussels, startOfDayInBrussels, type CivilDate } from '../../domain/calendar';
import type { ConventionFact, Proposition } from '../../domain/convention';
import { convention } from '../../workflows/convention';
import { conventionEtatQuery, conventionFaitUpdate, conventionWorkflowId } from '../../workflows/convention-definitions';
import { decalageVers, decaler } from '../helpers/cycle';
import { eventually } from '../helpers/eventually';
import { CPAS_NAMUR } from '../helpers/fixtures';
import { useTimeSkippingHarness } from '../helpers/harness';

const PROPOSITION: Proposition = {
  cpas: CPAS_NAMUR,
  cpasAssocies: [],
  contacts: { cpas: { nom: 'Contact CPAS', email: 'contact@cpas-namur.example' }, forem: { nom: 'Contact Forem', email: 'relations@forem.example' } },
  deleguesProtectionDonnees: { cpas: { nom: 'DPO CPAS', email: 'dpo@cpas-namur.example' }, forem: { nom: 'DPO Forem', email: 'dpo@forem.example' } },
  publicVise: 'Bénéficiaires du RI inscrits comme DE',
  objectifs: ['Fluidifier le parcours du demandeur d’emploi'],
  indicateurs: ['Personnes orientées', 'Demandes traitées'],
};

describe('a convention signed on 29 February (2028, or 28 years later once past)', () => {
  const harness = useTimeSkippingHarness();

  it('reminds both contacts before and on each anniversary for two years, ends at the end of notice, after which the CPAS may file no request', async () => {
    const h = harness();
    const annees = decalageVers('2028-02-29', civilDateInBrussels(await h.env.currentTimeMs()), '2030-06-18');
    const d = (date: CivilDate) => decaler(date, annees);
    const sleepUntil = async (date: CivilDate) => {
      const target = startOfDayInBrussels(d(date)) + 10 * 3_600_000; // 10:00 in Brussels
      const now = await h.env.currentTimeMs();
      if (target <= now) throw new Error(`the test's dates are past (now ${civilDateInBrussels(now)}): move them forward`);
      await h.env.sleep(target - now);
    };
    const journal = async () => await h.conventions.journal(CPAS_NAMUR);
    const reminders = async () => (await journal()).filter((l) => l.code === 'convention.rappelEvaluation').map((l) => decaler(l.date, -annees));

    await sleepUntil('2028-02-29');
    const handle = await h.env.client.workflow.start(convention, { workflowId: conventionWorkflowId(CPAS_NAMUR), taskQueue: h.taskQueue, args: [{ cpas: CPAS_NAMUR }] });
    const fait = (f: ConventionFact) => handle.executeUpdate(conventionFaitUpdate, { args: [f] });
    await fait({ type: 'proposition', id: 'proposition-1', date: d('2028-01-10'), proposition: PROPOSITION });
    await expect(fait({ type: 'signature', id: 'signature-0', date: d('2028-02-29') })).rejects.toMatchObject({ cause: { message: expect.stringMatching(/approuvée par le comité de pilotage/) } });
    await fait({ type: 'approbation', id: 'approbation-1', date: d('2028-02-01'), comite: 'Comité de pilotage Namur' });
    const signee = await fait({ type: 'signature', id: 'signature-1', date: d('2028-02-29') });
    expect(signee.journal).toEqual([expect.objectContaining({ code: 'convention.signature', ruleId: 'convention.vigueur', basis: expect.stringContaining('art. 8') })]);

    // First anniversary: 28/02/2029 (2029 is a common year). 30 days before: 28 days back to 31/01, two more → 29/01/2029.
    await sleepUntil('2029-01-28');
    expect(await reminders()).toEqual([]);
    await sleepUntil('2029-01-29');
    await eventually(async () => (await reminders()).length === 1, 'the first reminder');
    const mails = await Promise.all(['contact@cpas-namur.example', 'relations@forem.example'].map((to) => h.smtp.waitFor((m) => m.to.includes(to) && m.subject.includes('Évaluation annuelle'))));
    for (const m of mails) expect(m.text).toContain(`Date anniversaire : mercredi 28 février ${d('2029')}`);

    // Second anniversary: 28/02/2030; 30 days before → 29/01/2030. On each day, a reminder too.
    await sleepUntil('2030-02-28');
    await eventually(async () => (await reminders()).length === 4, 'four reminders');
    expect(await reminders()).toEqual(['2029-01-29', '2029-02-28', '2030-01-29', '2030-02-28']);

    // Registered letter of Friday 15/03/2030: + 3 months = Saturday 15/06/2030 → Monday 17/06/2030 (art. 1.7).
    await sleepUntil('2030-03-15');
    const denoncee = await fait({ type: 'denonciation', id: 'denonciation-1', date: d('2030-03-15'), par: 'cpas', motif: 'Réorganisation des services' });
    expect(denoncee.etat.denonciation?.finPreavis).toBe(d('2030-06-17'));

    await sleepUntil('2030-06-17');
    expect((await handle.query(conventionEtatQuery)).statut).toBe('denoncee');
    expect(await h.registry.conventionEnVigueur(CPAS_NAMUR, d('2030-06-17'))).toBe(true);

    await sleepUntil('2030-06-18');
    await eventually(async () => (await journal()).some((l) => l.code === 'convention.terminee'), 'the end of the convention');
    expect((await journal()).find((l) => l.code === 'convention.terminee')).toMatchObject({ date: d('2030-06-18'), ruleId: 'convention.finPreavis' });
    expect(await h.registry.motifHorsConvention(CPAS_NAMUR, d('2030-06-18'))).toMatch(`a pris fin le ${d('2030-06-17')}`);
    await h.smtp.waitFor((m) => m.to.includes('relations@forem.example') && m.subject.includes('Fin de la convention'));
    expect((await handle.result()).statut).toBe('terminee');
    // No reminder of the 2031 anniversary: the convention ended before.
    expect(await reminders()).toHaveLength(4);

    if (process.env.RECORD_HISTORIES === '1') {
      fs.writeFileSync(path.join(__dirname, '../histories/convention-29fevrier.json'), historyToJSON(await handle.fetchHistory()) + '\n');
    }
  });
});

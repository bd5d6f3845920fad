/**
 * The convention's pure core (spec §12; seed 001 art. 5, 8) and the registry that follows it.
 * Dates computed by hand from the articles in the comments.
 */
import { startOfDayInBrussels, expiryInstant } from '../../domain/calendar';
import { anniversaire, decide, finDuPreavis, initialState, nextDeadline, refusalAt, type ConventionFact, type ConventionState, type JournalLine, type Proposition } from '../../domain/convention';
import { CpasRegistry } from '../../lib/cpas-registry';
import { ConventionStore, toConventionLine } from '../../lib/convention-store';
import { DIALECTS, freshDatabase } from '../helpers/database';
import { CPAS_LIEGE } from '../helpers/fixtures';

const PROPOSITION: Proposition = {
  cpas: CPAS_LIEGE,
  cpasAssocies: [],
  contacts: { cpas: { nom: 'Contact CPAS', email: 'contact@cpas.example' }, forem: { nom: 'Contact Forem', email: 'contact@forem.example' } },
  deleguesProtectionDonnees: { cpas: { nom: 'DPO CPAS', email: 'dpo@cpas.example' }, forem: { nom: 'DPO Forem', email: 'dpo@forem.example' } },
  publicVise: 'Bénéficiaires du RI inscrits comme DE',
  objectifs: ['Fluidifier le parcours'],
  indicateurs: ['Personnes orientées'],
};

const at = (date: string) => startOfDayInBrussels(date) + 10 * 3_600_000;

/** A convention signed on `signeeLe`, the facts recorded on `recordedOn`. */
const signed = (signeeLe: string, recordedOn: string): ConventionState => signedWithJournal(signeeLe, recordedOn).state;

function signedWithJournal(signeeLe: string, recordedOn: string): { state: ConventionState; lines: JournalLine[] } {
  const facts: ConventionFact[] = [
    { type: 'proposition', id: 'p', date: '2024-01-10', proposition: PROPOSITION },
    { type: 'approbation', id: 'a', date: '2024-02-01', comite: 'Comité de pilotage' },
    { type: 'signature', id: 's', date: signeeLe },
  ];
  let state = initialState(CPAS_LIEGE);
  const lines: JournalLine[] = [];
  for (const f of facts) {
    const d = decide(state, f, at(recordedOn));
    state = d.state;
    lines.push(...d.lines);
  }
  return { state, lines };
}

/** Runs the clock day by day from `from` to `to`, returning the reminders' journal lines. */
function runClock(state: ConventionState, until: string) {
  const lines = [];
  const emails = [];
  for (let next = nextDeadline(state); next && next.expire <= at(until); next = nextDeadline(state)) {
    const d = decide(state, { type: 'horloge' }, next.expire);
    state = d.state;
    lines.push(...d.lines);
    emails.push(...d.emails);
  }
  return { state, lines, emails };
}

describe('anniversaries and their reminders (art. 5; spec §12 Decision)', () => {
  it('a 29 February signature has its anniversary on 28 February in common years', () => {
    expect([1, 2, 3, 4].map((n) => anniversaire('2024-02-29', n))).toEqual(['2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29']);
  });

  it('reminds both contact persons 30 days before and on the day, only of anniversaries still ahead', () => {
    // Signed 29/02/2024, recorded 23/11/2026: the 2025 and 2026 anniversaries are past.
    // 2027-02-28 − 30 days = 2027-01-29 (28 days back to 31 January, 2 more); 2028-02-29 − 30 = 2028-01-30.
    const { lines, emails } = runClock(signed('2024-02-29', '2026-11-23'), '2028-03-01');
    expect(lines.map((l) => [l.date, l.code, l.data?.moment])).toEqual([
      ['2027-01-29', 'convention.rappelEvaluation', 'avant'],
      ['2027-02-28', 'convention.rappelEvaluation', 'jour'],
      ['2028-01-30', 'convention.rappelEvaluation', 'avant'],
      ['2028-02-29', 'convention.rappelEvaluation', 'jour'],
    ]);
    expect(lines.every((l) => l.ruleId === 'convention.rappel' && l.basis?.includes('art. 5'))).toBe(true);
    expect(emails.map((e) => e.destinataire.email)).toEqual(Array(4).fill(['contact@cpas.example', 'contact@forem.example']).flat());
    expect(emails[0].data).toMatchObject({ anniversaire: '2027-02-28', periodeDu: '2026-02-28', periodeAu: '2027-02-28' });
  });

  it('the reminder timer fires at the start of its day in Brussels', () => {
    expect(nextDeadline(signed('2024-02-29', '2026-11-23'))).toEqual({ type: 'rappel', date: '2027-01-29', expire: startOfDayInBrussels('2027-01-29') });
  });
});

describe('notice (art. 8; Code civil art. 1.7)', () => {
  it('three months from the registered letter, its day not counted; a Sunday rolls over to Monday', () => {
    // 10/03/2027 + 3 months = Thursday 10/06/2027, a working day.
    expect(finDuPreavis('2027-03-10')).toBe('2027-06-10');
    // 13/03/2027 + 3 months = Sunday 13/06/2027 → Monday 14/06/2027.
    expect(finDuPreavis('2027-03-13')).toBe('2027-06-14');
  });

  it('ends at 24:00 of its last day: the convention is then terminated, both contacts told, no reminder after', () => {
    let s = signed('2026-06-15', '2026-11-23');
    s = decide(s, { type: 'denonciation', id: 'd', date: '2026-11-23', par: 'cpas', motif: 'Réorganisation' }, at('2026-11-23')).state;
    // 23/11/2026 + 3 months = Tuesday 23/02/2027, a working day; the first anniversary (15/06/2027) comes after it.
    expect(s.denonciation?.finPreavis).toBe('2027-02-23');
    expect(nextDeadline(s)).toEqual({ type: 'finPreavis', date: '2027-02-23', expire: expiryInstant('2027-02-23') });
    const { state, lines, emails } = runClock(s, '2028-01-01');
    expect(state.statut).toBe('terminee');
    expect(lines.map((l) => [l.date, l.code, l.ruleId])).toEqual([['2027-02-24', 'convention.terminee', 'convention.finPreavis']]);
    expect(emails.map((e) => [e.template, e.destinataire.email])).toEqual([
      ['convention-fin-preavis', 'contact@cpas.example'],
      ['convention-fin-preavis', 'contact@forem.example'],
    ]);
    expect(nextDeadline(state)).toBeUndefined();
  });
});

describe('the convention’s stages', () => {
  it('a fact decided twice (a retried Update) is recorded once', () => {
    const s = signed('2024-02-29', '2026-11-23');
    const evaluation: ConventionFact = { type: 'evaluation', id: 'e1', date: '2026-11-20', compteRendu: 'CR 2026' };
    const first = decide(s, evaluation, at('2026-11-23'));
    const again = decide(first.state, evaluation, at('2026-11-23'));
    expect(first.lines).toHaveLength(1);
    expect(again.lines).toEqual([]);
    expect(again.state.evaluations).toEqual(['2026-11-20']);
  });

  it('is signed only once approved by the steering committee, and dated neither in the future nor before', () => {
    const proposed = decide(initialState(CPAS_LIEGE), { type: 'proposition', id: 'p', date: '2024-01-10', proposition: PROPOSITION }, at('2026-11-23')).state;
    expect(refusalAt(proposed, { type: 'signature', id: 's', date: '2024-03-01' }, at('2026-11-23'))).toMatch(/approuvée par le comité de pilotage/);
    const approved = decide(proposed, { type: 'approbation', id: 'a', date: '2024-02-01', comite: 'CSRC' }, at('2026-11-23')).state;
    expect(refusalAt(approved, { type: 'signature', id: 's', date: '2024-01-15' }, at('2026-11-23'))).toMatch(/antérieure à l’approbation/);
    expect(refusalAt(approved, { type: 'signature', id: 's', date: '2026-11-24' }, at('2026-11-23'))).toMatch(/futur/);
    expect(refusalAt(approved, { type: 'signature', id: 's', date: '2024-03-01' }, at('2026-11-23'))).toBeUndefined();
    expect(refusalAt(initialState(CPAS_LIEGE), { type: 'proposition', id: 'p', date: '2024-01-10', proposition: { ...PROPOSITION, cpas: '0207456769' } }, at('2026-11-23'))).toMatch(/^proposition\.cpas/);
  });
});

describe.each(DIALECTS)('the registry follows the conventions (spec §12 Decision) (%s)', (dialect) => {
  it('a CPAS may file until the last day of notice, not the day after, and is told why', async () => {
    const database = await freshDatabase(dialect);
    const db = database.db;
    const store = new ConventionStore(db);
    const registry = new CpasRegistry([{ numeroEntreprise: CPAS_LIEGE, nom: 'CPAS de Liège', contact: { nom: 'ISP', email: 'isp@cpas.example' }, conventionSignee: '2020-01-01' }]).suivreConventions(store);
    // The journal the workflow writes decides over the file's seed (signed 2020 there).
    const { state, lines } = signedWithJournal('2024-03-19', '2026-11-23');
    const d = decide(state, { type: 'denonciation', id: 'd', date: '2027-03-13', par: 'forem', motif: 'x' }, at('2027-03-13'));
    await store.append(CPAS_LIEGE, [...lines, ...d.lines].map(toConventionLine));
    expect(await registry.motifHorsConvention(CPAS_LIEGE, '2024-03-18')).toMatch(/pas encore en vigueur/);
    // Notice from 13/03/2027: Sunday 13/06/2027 → last day Monday 14/06/2027.
    expect(await registry.conventionEnVigueur(CPAS_LIEGE, '2027-06-14')).toBe(true);
    expect(await registry.motifHorsConvention(CPAS_LIEGE, '2027-06-15')).toBe('la convention de coopération a pris fin le 2027-06-14 (fin du préavis, convention art. 8) : plus aucune nouvelle demande');
    await database.drop();
  });
});

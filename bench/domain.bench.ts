/**
 * `npm run bench`: speed and memory of the functional core, the part every workflow task runs.
 * Prints numbers; asserts nothing (tests never time anything).
 *   - decide(): µs per event over a year of parcours (12 contacts, 2 absences, a suspension…)
 *   - the state's JSON size after that year (what continue-as-new carries), and its rectification window
 *   - decide() for a fact recorded a week late, and for a clock tick, on that year-old parcours
 *   - lastDayOfPeriod(): µs per call on mixed periods
 *   - heap held by 10,000 year-old states
 */
import { addDays, addMonths, expiryInstant, fromDayNumber, lastDayOfPeriod, startOfDayInBrussels, toDayNumber, type Period } from '../domain/calendar';
import { decide, initialState, type FactEvent, type ParcoursEvent, type ParcoursState } from '../domain/parcours';

const adulte = { dateNaissance: '1985-03-12', experienceProfessionnelle: true, autonomieNumerique: true };

/** The events of a year of parcours, with the instant each is decided at. */
function uneAnnee(t0: string): Array<[ParcoursEvent, number]> {
  const at = (d: string) => startOfDayInBrussels(d) + 10 * 3_600_000;
  let n = 0;
  type Fact = FactEvent extends infer E ? (E extends FactEvent ? Omit<E, 'id'> : never) : never;
  const f = (e: Fact, d = e.date): [ParcoursEvent, number] => [{ ...e, id: `e${++n}` } as FactEvent, at(d)];
  const events: Array<[ParcoursEvent, number]> = [
    f({ type: 'inscription', date: t0, canal: 'presentiel', personne: adulte, cpas: '0207123407', dateContactMensuel: addMonths(t0, 1) }),
    f({ type: 'affectation', date: t0, employabilite: 'moyenne' }),
  ];
  for (let m = 1; m <= 12; m++) {
    const d = addMonths(t0, m);
    if (m === 3) {
      events.push(f({ type: 'absence', date: d }), [{ type: 'horloge' }, expiryInstant(lastDayOfPeriod(d, { amount: 5, unit: 'joursOuvrables' }))]);
      const envoi = addDays(d, 8);
      events.push(f({ type: 'reconvocation', date: envoi, mode: 'recommandePostal', dateRendezVous: addDays(envoi, 21) }));
      events.push(f({ type: 'absence', date: addDays(envoi, 21) }), [{ type: 'horloge' }, expiryInstant(lastDayOfPeriod(addDays(envoi, 21), { amount: 5, unit: 'joursOuvrables' }))]);
      continue;
    }
    if (m === 4) {
      events.push(f({ type: 'inscription', date: addDays(d, 25), canal: 'presentiel', personne: adulte, dateContactMensuel: addMonths(t0, 5) }));
      continue;
    }
    events.push(f({ type: 'contactMensuel', date: d, individuel: true, prochaineDate: addMonths(t0, m + 1) }));
  }
  events.push([{ type: 'horloge' }, at(addMonths(t0, 13))]);
  return events;
}

function run(events: Array<[ParcoursEvent, number]>, id: string): ParcoursState {
  let s = initialState(id);
  for (const [e, now] of events) s = decide(s, e, now).state;
  return s;
}

function time<T>(label: string, iterations: number, unit: string, work: () => T): T {
  for (let i = 0; i < Math.min(50, iterations); i++) work(); // warm-up
  const start = process.hrtime.bigint();
  let last!: T;
  for (let i = 0; i < iterations; i++) last = work();
  const ns = Number(process.hrtime.bigint() - start);
  console.log(`${label.padEnd(46)} ${(ns / iterations / 1000).toFixed(2).padStart(9)} µs/${unit}   (${iterations} runs)`);
  return last;
}

const events = uneAnnee('2026-01-05');
const state = time(`decide(): a year of parcours (${events.length} events)`, 2_000, 'year', () => run(events, 'ce-bench'));
const perEvent = (() => {
  const start = process.hrtime.bigint();
  for (let i = 0; i < 2_000; i++) run(events, 'ce-bench');
  return Number(process.hrtime.bigint() - start) / 2_000 / events.length / 1000;
})();
console.log(`${'decide(): per event'.padEnd(46)} ${perEvent.toFixed(2).padStart(9)} µs/event`);
console.log(`${'state JSON after a year (continue-as-new)'.padEnd(46)} ${JSON.stringify(state).length.toString().padStart(9)} bytes`);
console.log(`${'  of which the rectification window (spec §11)'.padEnd(46)} ${JSON.stringify(state.fenetre ?? {}).length.toString().padStart(9)} bytes`);

// A fact recorded a week late re-runs the window (three months of facts and deadlines).
const fin = events[events.length - 1][1];
const tardif: FactEvent = { type: 'proposition', id: 'late', date: addDays(addMonths('2026-01-05', 13), -7), nature: 'formation' };
time('decide(): a fact recorded a week late', 2_000, 'fact', () => decide(state, tardif, fin));
time('decide(): a deadline (clock) on a year-old parcours', 2_000, 'event', () => decide(state, { type: 'horloge' }, fin + 86_400_000));

const units: Period['unit'][] = ['jours', 'joursOuvrables', 'semaines', 'mois'];
const cases = Array.from({ length: 10_000 }, (_, i) => ({ from: fromDayNumber(toDayNumber('2025-01-01') + ((i * 37) % 5000)), period: { amount: 1 + (i % 21), unit: units[i % 4] } }));
let k = 0;
time('lastDayOfPeriod(): mixed periods', 200_000, 'call', () => {
  const c = cases[k++ % cases.length];
  return lastDayOfPeriod(c.from, c.period);
});

global.gc?.();
const before = process.memoryUsage().heapUsed;
const held = Array.from({ length: 10_000 }, (_, i) => run(events, `ce-${i}`));
global.gc?.();
const after = process.memoryUsage().heapUsed;
console.log(`${'heap held by 10,000 year-old states'.padEnd(46)} ${((after - before) / 1024 / 1024).toFixed(1).padStart(9)} MiB (${((after - before) / held.length / 1024).toFixed(1)} KiB each)`);

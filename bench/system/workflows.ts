/**
 * The yardsticks the product's Update is measured against (bench/system.ts): an Update that only
 * answers, one that waits for one no-op regular activity, and one that waits for one no-op local
 * activity (the floor of the product's design, which writes the dossier locally). They hold no
 * state and never end; the benchmark's server is thrown away after the run.
 */
import { condition, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import { toucher } from './definitions';

const { rien } = proxyActivities<{ rien(): Promise<void> }>({ startToCloseTimeout: '30 seconds' });
const local = proxyLocalActivities<{ rien(): Promise<void> }>({ startToCloseTimeout: '30 seconds' });

export async function updateNu(): Promise<void> {
  let n = 0;
  setHandler(toucher, () => ++n);
  await condition(() => false);
}

export async function updateAvecActivite(): Promise<void> {
  let n = 0;
  setHandler(toucher, async () => {
    await rien();
    return ++n;
  });
  await condition(() => false);
}

export async function updateAvecActiviteLocale(): Promise<void> {
  let n = 0;
  setHandler(toucher, async () => {
    await local.rien();
    return ++n;
  });
  await condition(() => false);
}

/**
 * Metrics for operators (issue 14 §5), scraped from the processes as they run: the worker's
 * Prometheus endpoint carries the SDK's runtime metrics and the product's counters (facts by type
 * and outcome, e-mails sent), the API's its request histogram by operation and status.
 */
import { randomUUID } from 'node:crypto';
import { addDays, civilDateInBrussels } from '../../domain/calendar';
import { freePort, Stack } from '../../bench/system/stack';
import { KEYS } from '../helpers/api';
import { eventually } from '../helpers/eventually';
import { ADULTE, CPAS_LIEGE, CPAS_LIEGE_EMAIL, makeNiss } from '../helpers/fixtures';
import { TestSmtpServer } from '../helpers/smtp';

/** The value of the sample of `metric` whose labels include all of `labels`, or undefined. */
function sample(text: string, metric: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)/.exec(line);
    if (!m || m[1] !== metric) continue;
    const has = Object.entries(labels).every(([k, v]) => (m[2] ?? '').includes(`${k}="${v}"`));
    if (has) return Number(m[3]);
  }
  return undefined;
}

const RUN = randomUUID();

describe('Prometheus endpoints', () => {
  let smtp: TestSmtpServer;
  let stack: Stack;
  let workerMetrics = '';
  let apiMetrics = '';
  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    workerMetrics = `127.0.0.1:${await freePort()}`;
    apiMetrics = `127.0.0.1:${await freePort()}`;
    stack = new Stack({ smtpPort: smtp.port, workerEnv: { PARCOURS_WORKER_METRICS: workerMetrics }, apiEnv: { PARCOURS_API_METRICS: apiMetrics, LOG_LEVEL: 'warn' } });
    await stack.startTemporal();
    await stack.startWorker();
    await stack.startApi();
  }, 150_000);
  afterAll(async () => {
    await stack?.stop();
    await smtp?.stop();
  }, 60_000);

  const post = (path: string, body: unknown, key: string) =>
    fetch(`${stack.apiUrl}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${KEYS.backoffice}`, 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body) });
  const scrape = async (address: string) => (await fetch(`http://${address}/metrics`)).text();

  it('counts facts by type and outcome, e-mails sent, and requests by operation and status', async () => {
    const today = civilDateInBrussels(Date.now());
    const insc = await post('/v1/inscriptions', { niss: makeNiss('1971-05-04'), date: today, canal: 'presentiel', canalPreferentiel: 'email', dateContactMensuel: addDays(today, 28), personne: ADULTE, cpas: CPAS_LIEGE }, `metriques-insc-${RUN}`);
    expect(insc.status).toBe(200);
    const { parcoursId } = (await insc.json()) as { parcoursId: string };
    expect((await post(`/v1/parcours/${parcoursId}/contactMensuel`, { date: today, individuel: true, prochaineDate: addDays(today, 28) }, `metriques-cm-${RUN}`)).status).toBe(200);
    // Registered in person: there is no telephone registration to authenticate (art. 5 §2).
    expect((await post(`/v1/parcours/${parcoursId}/authentification`, { date: today }, `metriques-auth-${RUN}`)).status).toBe(409);
    await smtp.waitFor((m) => m.to.includes(CPAS_LIEGE_EMAIL));

    const worker = await eventually(async () => {
      const text = await scrape(workerMetrics);
      const sent = sample(text, 'parcours_emails_total', { issue: 'envoye', modele: 'inscription-enregistree' }) === 1;
      return sent && sample(text, 'parcours_emails_en_attente', {}) !== undefined ? text : undefined;
    }, 'the e-mail counted as sent');
    expect(sample(worker, 'parcours_faits_total', { type: 'inscription', issue: 'accepte' })).toBe(1);
    expect(sample(worker, 'parcours_faits_total', { type: 'contactMensuel', issue: 'accepte' })).toBe(1);
    expect(sample(worker, 'parcours_faits_total', { type: 'authentification', issue: 'refuse' })).toBe(1);
    expect(sample(worker, 'parcours_emails_decides_total', { modele: 'inscription-enregistree' })).toBe(1);
    expect(sample(worker, 'parcours_emails_en_attente', {})).toBe(0);
    // The SDK's own: workflow task latencies of this worker's task queue.
    expect(sample(worker, 'temporal_workflow_task_execution_latency_count', { task_queue: stack.taskQueue })).toBeGreaterThan(0);

    const api = await scrape(apiMetrics);
    expect(sample(api, 'parcours_api_request_duration_seconds_count', { operation: 'inscription', method: 'POST', status: '200' })).toBe(1);
    expect(sample(api, 'parcours_api_request_duration_seconds_count', { operation: 'contactMensuel', status: '200' })).toBe(1);
    expect(sample(api, 'parcours_api_request_duration_seconds_count', { operation: 'authentification', status: '409' })).toBe(1);
    expect(sample(api, 'parcours_api_process_cpu_seconds_total', {})).toBeGreaterThan(0);
    // Labels name operations, never a path with a parcoursId in it.
    expect(api).not.toContain(parcoursId);
  });
});

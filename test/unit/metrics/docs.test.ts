/**
 * The alert rules and the Grafana dashboard in docs/ name only metrics the product exports: a
 * renamed counter would otherwise leave an alert that never fires.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { METRIQUES_EMAILS } from '../../../activities/metriques';
import { ApiMetrics, API_METRIC, API_PREFIX } from '../../../api/metrics';
import { METRIQUES_WORKFLOW } from '../../../workflows/metriques';

const docs = path.resolve(__dirname, '../../../docs');

/** The SDK's runtime metrics the docs use (Temporal core, with countersTotalSuffix). */
const SDK = [
  'temporal_workflow_task_execution_failed',
  'temporal_activity_execution_failed',
  'temporal_request_failure',
  'temporal_workflow_task_schedule_to_start_latency',
  'temporal_workflow_task_execution_latency',
  'temporal_workflow_task_replay_latency',
  'temporal_local_activity_execution_latency',
  'temporal_activity_execution_latency',
  'temporal_sticky_cache_size',
  'temporal_worker_task_slots_used',
];

async function apiMetricNames(): Promise<string[]> {
  const m = new ApiMetrics();
  return (await m.registry.getMetricsAsJSON()).map((x) => x.name);
}

function namesIn(expr: string): string[] {
  return [...expr.matchAll(/\b((?:parcours|temporal)_[a-z0-9_]+)/g)].map((m) => m[1].replace(/_(bucket|count|sum|total)$/, ''));
}

describe('metrics named in docs/', () => {
  let known: Set<string>;
  beforeAll(async () => {
    known = new Set([...METRIQUES_WORKFLOW, ...METRIQUES_EMAILS, ...SDK, ...(await apiMetricNames()).map((n) => n.replace(/_total$/, ''))]);
  });

  it('the alert rules use exported metrics, among them e-mails stuck and deadlines fired late', () => {
    const rules = (parse(fs.readFileSync(path.join(docs, 'prometheus-alerts.yml'), 'utf8')) as { groups: Array<{ rules: Array<{ alert: string; expr: string }> }> }).groups.flatMap((g) => g.rules);
    const unknown = rules.flatMap((r) => namesIn(r.expr).filter((n) => !known.has(n)).map((n) => `${r.alert}: ${n}`));
    expect(unknown).toEqual([]);
    // E-mails stuck, from the database through every API replica alike: one alert, whichever replica is scraped.
    expect(rules.find((r) => r.alert === 'ParcoursEmailsBloques')?.expr).toMatch(/^max\(parcours_email_non_envoye_attente_max_seconds\{/);
    expect(rules.find((r) => r.alert === 'ParcoursEmailNonEnvoye')?.expr).toMatch(/^max\(parcours_emails_non_envoyes_en_retard\{job="parcours-api"\}\) > 0$/);
    expect(rules.find((r) => r.alert === 'ParcoursEcheancesEnRetard')?.expr).toContain('parcours_echeance_retard_bucket');
  });

  it('the dashboard uses exported metrics', () => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(docs, 'grafana-dashboard.json'), 'utf8')) as { panels: Array<{ title: string; targets?: Array<{ expr: string }> }> };
    const unknown = dashboard.panels.flatMap((p) => (p.targets ?? []).flatMap((t) => namesIn(t.expr).filter((n) => !known.has(n)).map((n) => `${p.title}: ${n}`)));
    expect(unknown).toEqual([]);
    expect(known.has(API_METRIC)).toBe(true);
    expect([...known].filter((n) => n.startsWith(API_PREFIX)).length).toBeGreaterThan(5);
  });
});

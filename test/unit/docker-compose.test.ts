/** The production topology must say what the code reads: service names, ports, variables. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig, productionProblems } from '../../lib/config';
import { SEARCH_ATTRIBUTES } from '../../workflows/definitions';

const compose = parse(fs.readFileSync(path.resolve(__dirname, '../../docker-compose.yml'), 'utf8'), { merge: true });

// Compose substitutes ${VAR:?…} at run time; here any value will do.
const substituted = (env: Record<string, string>) => Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{[^}]+\}/g, 'x')]));

describe('docker-compose.yml', () => {
  it('describes Temporal on PostgreSQL, its UI, the worker, the API and an SMTP relay', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgresql', 'temporal', 'temporal-ui', 'worker', 'api', 'smtp-relay']));
    expect(compose.services.temporal.environment.DB).toMatch(/^postgres/);
    expect(compose.services.temporal.environment.POSTGRES_SEEDS).toBe('postgresql');
  });

  it.each(['worker', 'api'])('the %s reaches Temporal and SMTP where those services listen', (name) => {
    const config = loadConfig(substituted(compose.services[name].environment));
    const [temporalHost, temporalPort] = config.temporalAddress.split(':');
    expect(compose.services[temporalHost].ports).toContain(`${temporalPort}:${temporalPort}`);
    expect(compose.services[config.smtpHost].expose).toContain(String(config.smtpPort));
    expect(config.taskQueue).toBe('parcours');
    expect(compose.services[name].depends_on).toContain('temporal');
  });

  it('exposes the Prometheus endpoints of the worker and the API inside the network, where they listen', () => {
    const worker = loadConfig(substituted(compose.services.worker.environment));
    const api = loadConfig(substituted(compose.services.api.environment));
    expect(compose.services.worker.expose).toContain(worker.workerMetricsAddress?.split(':')[1]);
    expect(compose.services.api.expose).toContain(api.apiMetricsAddress?.split(':')[1]);
    expect(worker.maxCachedWorkflows).toBeGreaterThan(0);
  });

  it('gives the API its keys as a secret at the path it reads them from', () => {
    const config = loadConfig(substituted(compose.services.api.environment));
    expect(compose.services.api.secrets).toContain('api-keys.json');
    expect(config.apiKeysPath).toBe('/run/secrets/api-keys.json');
    expect(compose.secrets['api-keys.json'].file).toBeDefined();
  });

  it('runs the API in production, which the development secret and keys would stop', () => {
    const config = loadConfig(substituted(compose.services.api.environment));
    expect(config.production).toBe(true);
    expect(productionProblems(config, [])).toEqual([]);
  });

  it('publishes the API on the port it listens on', () => {
    const config = loadConfig(substituted(compose.services.api.environment));
    expect(compose.services.api.ports).toContain(`${config.apiPort}:${config.apiPort}`);
  });

  it('registers every search attribute the workflow upserts, with its type', () => {
    const command: string = compose.services['temporal-search-attributes'].command.join(' ');
    const registered = [...command.matchAll(/--name (\w+) --type (\w+)/g)].map((m) => `${m[1]}:${m[2].toUpperCase()}`);
    expect(registered.sort()).toEqual(Object.values(SEARCH_ATTRIBUTES).map((k) => `${k.name}:${k.type}`).sort());
  });
});

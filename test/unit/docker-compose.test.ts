/** The production topology must say what the code reads: service names, ports, variables. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig, productionProblems } from '../../lib/config';
import { SEARCH_ATTRIBUTES } from '../../workflows/definitions';

const compose = parse(fs.readFileSync(path.resolve(__dirname, '../../docker-compose.yml'), 'utf8'), { merge: true });
const caddyfile = fs.readFileSync(path.resolve(__dirname, '../../deploy/Caddyfile'), 'utf8');

// Compose substitutes ${VAR:-default} and ${VAR:?…} at run time; here the default, or any value.
const value = (v: unknown) => String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1').replace(/\$\{[^}]+\}/g, 'x');
const substituted = (env: Record<string, string>) => Object.fromEntries(Object.entries(env).map(([k, v]) => [k, value(v)]));

describe('docker-compose.yml', () => {
  it('describes Temporal on PostgreSQL, its UI, the worker, the API and an SMTP relay', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgresql', 'temporal', 'temporal-ui', 'worker', 'api', 'smtp-relay']));
    expect(compose.services.temporal.environment.DB).toMatch(/^postgres/);
    expect(compose.services.temporal.environment.POSTGRES_SEEDS).toBe('postgresql');
  });

  it.each(['worker', 'api'])('the %s reaches Temporal and SMTP where those services listen', (name) => {
    const config = loadConfig(substituted(compose.services[name].environment));
    const [temporalHost, temporalPort] = config.temporalAddress.split(':');
    expect(compose.services[temporalHost].expose).toContain(temporalPort);
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

  it('publishes only the API and the operators’ gateway: Temporal’s frontend, its UI and the codec server stay internal', () => {
    const published = Object.entries(compose.services as Record<string, { ports?: string[] }>).filter(([, s]) => s.ports).map(([name]) => name);
    expect(published.sort()).toEqual(['api', 'operations-gateway']);
    expect(compose.services['operations-gateway'].ports).toEqual(['443:443', '80:80']);
  });

  it('puts the Temporal UI behind the region’s OpenID Connect', () => {
    const ui = substituted(compose.services['temporal-ui'].environment);
    expect(ui).toMatchObject({ TEMPORAL_AUTH_ENABLED: 'true', TEMPORAL_AUTH_TYPE: 'oidc', TEMPORAL_AUTH_CALLBACK_URL: 'https://x/auth/sso/callback' });
    expect(ui.TEMPORAL_AUTH_SCOPES.split(',')).toContain('openid');
    // Issuer, client id and secret must be given: compose refuses to start without them.
    for (const name of ['TEMPORAL_AUTH_PROVIDER_URL', 'TEMPORAL_AUTH_CLIENT_ID', 'TEMPORAL_AUTH_CLIENT_SECRET']) expect(compose.services['temporal-ui'].environment[name]).toMatch(/^\$\{[A-Z_]+:\?.+\}$/);
  });

  it('gives the codec server to the UI only through the gateway, on the UI’s origin, with the session cookie', () => {
    const ui = substituted(compose.services['temporal-ui'].environment);
    const codec = loadConfig(substituted(compose.services['codec-server'].environment));
    const origin = new URL(ui.TEMPORAL_AUTH_CALLBACK_URL).origin;
    expect(ui.TEMPORAL_CODEC_ENDPOINT).toBe(`${origin}/codec`);
    expect(ui.TEMPORAL_CODEC_INCLUDE_CREDENTIALS).toBe('true');
    expect(codec.codec.corsOrigins).toEqual([origin]);
    expect(compose.services['codec-server'].expose).toEqual([String(codec.codec.port)]);
    // The gateway sends /codec/ to the codec server on the port it listens on, the rest to the UI.
    expect(caddyfile).toMatch(new RegExp(`reverse_proxy /codec/\\* codec-server:${codec.codec.port}\\n`));
    expect(caddyfile).toMatch(new RegExp(`reverse_proxy temporal-ui:${ui.TEMPORAL_UI_PORT}\\n`));
    expect(compose.services['operations-gateway'].volumes).toContain('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro');
    // The codec server checks the API's keys.
    expect(codec.apiKeysPath).toBe('/run/secrets/api-keys.json');
    expect(compose.services['codec-server'].secrets).toContain('api-keys.json');
  });

  it.each(['worker', 'api', 'codec-server'])('gives the %s the payload encryption keys as a secret, never the development ones', (name) => {
    const config = loadConfig(substituted(compose.services[name].environment));
    expect(config.codec).toMatchObject({ development: false, keyringPath: '/run/secrets/codec-keys.json' });
    expect(compose.services[name].secrets).toContain('codec-keys.json');
    expect(compose.secrets['codec-keys.json'].file).toBeDefined();
  });

  it('registers every search attribute the workflow upserts, with its type', () => {
    const command: string = compose.services['temporal-search-attributes'].command.join(' ');
    const registered = [...command.matchAll(/--name (\w+) --type (\w+)/g)].map((m) => `${m[1]}:${m[2].toUpperCase()}`);
    expect(registered.sort()).toEqual(Object.values(SEARCH_ATTRIBUTES).map((k) => `${k.name}:${k.type}`).sort());
  });
});

/** The production topology must say what the code reads: service names, ports, variables. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig, productionProblems } from '../../lib/config';
import { SEARCH_ATTRIBUTES } from '../../workflows/definitions';

const ROOT = path.resolve(__dirname, '../..');
const compose = parse(fs.readFileSync(path.resolve(__dirname, '../../docker-compose.yml'), 'utf8'), { merge: true });
const caddyfile = fs.readFileSync(path.resolve(__dirname, '../../deploy/Caddyfile'), 'utf8');
const apiCaddyfile = fs.readFileSync(path.resolve(__dirname, '../../deploy/Caddyfile.api'), 'utf8');

// Compose substitutes ${VAR:-default} and ${VAR:?…} at run time; here the default, or any value.
const value = (v: unknown) => String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1').replace(/\$\{[^}]+\}/g, 'x');
const substituted = (env: Record<string, string>) => Object.fromEntries(Object.entries(env).map(([k, v]) => [k, value(v)]));
/** The services a service waits for, with the condition (the short list form means « started »). */
const dependsOn = (name: string): Record<string, string> => {
  const d = compose.services[name].depends_on ?? {};
  return Array.isArray(d) ? Object.fromEntries(d.map((s: string) => [s, 'service_started'])) : Object.fromEntries(Object.entries(d as Record<string, { condition: string }>).map(([s, c]) => [s, c.condition]));
};
const SCALED = ['worker', 'api'];

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
    expect(dependsOn(name)).toHaveProperty('temporal');
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

  it('publishes the API through its gateway, which spreads the requests over the replicas where they listen', () => {
    const config = loadConfig(substituted(compose.services.api.environment));
    expect(compose.services.api.ports).toBeUndefined();
    expect(compose.services.api.expose).toContain(String(config.apiPort));
    expect(compose.services['api-gateway'].ports).toEqual([`${config.apiPort}:3000`]);
    expect(apiCaddyfile).toMatch(/^:3000 \{$/m);
    expect(apiCaddyfile).toMatch(new RegExp(`dynamic a \\{\\s*name api\\s*port ${config.apiPort}\\s`));
    expect(compose.services['api-gateway'].volumes).toContain('./deploy/Caddyfile.api:/etc/caddy/Caddyfile:ro');
    // Failed authentications are throttled by the client's address, which only the gateway knows.
    expect(config.trustProxy).toBe('uniquelocal');
  });

  it('publishes only the API’s and the operators’ gateways: Temporal’s frontend, its UI, the codec server and the databases stay internal', () => {
    const published = Object.entries(compose.services as Record<string, { ports?: string[] }>).filter(([, s]) => s.ports).map(([name]) => name);
    expect(published.sort()).toEqual(['api-gateway', 'operations-gateway']);
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

  describe('scale out (issue 13)', () => {
    const parcoursDb = compose.services['parcours-db'];

    it('gives Parcours a PostgreSQL of its own: its database, its role, its password, its volume — not Temporal’s', () => {
      expect(parcoursDb.image).toMatch(/^postgres:\d+/);
      expect(parcoursDb.environment.POSTGRES_DB).toBe('parcours');
      expect(parcoursDb.environment.POSTGRES_USER).toBe('parcours');
      expect(parcoursDb.environment.POSTGRES_USER).not.toBe(compose.services.postgresql.environment.POSTGRES_USER);
      // The password must be given, and is not Temporal's.
      expect(parcoursDb.environment.POSTGRES_PASSWORD).toMatch(/^\$\{PARCOURS_DB_PASSWORD:\?.+\}$/);
      expect(parcoursDb.volumes.map((v: string) => v.split(':')[0])).not.toEqual(expect.arrayContaining(compose.services.postgresql.volumes.map((v: string) => v.split(':')[0])));
    });

    it.each(['worker', 'api', 'migrate'])('the %s reaches that database with its role, where it listens', (name) => {
      const url = new URL(loadConfig(substituted(compose.services[name].environment)).databaseUrl);
      expect(url.protocol).toBe('postgres:');
      expect(parcoursDb.expose).toContain(url.port);
      expect(compose.services[url.hostname]).toBe(parcoursDb);
      expect(url.username).toBe(parcoursDb.environment.POSTGRES_USER);
      expect(url.pathname).toBe(`/${parcoursDb.environment.POSTGRES_DB}`);
      expect(compose.services[name].environment.PARCOURS_DATABASE_URL).toContain('${PARCOURS_DB_PASSWORD:?');
      // No SQLite file any more: that would be one per replica.
      expect(compose.services[name].environment.PARCOURS_DATABASE).toBeUndefined();
    });

    it.each(SCALED)('runs two replicas of the %s, with no fixed name, port or volume that would tie them to one host', (name) => {
      const service = compose.services[name];
      expect(service.deploy.replicas).toBe(2);
      expect(service.container_name).toBeUndefined();
      expect(service.ports).toBeUndefined();
      expect(service.volumes).toBeUndefined();
    });

    it('shares no volume between services: each holds its own data', () => {
      const mounts = Object.entries(compose.services as Record<string, { volumes?: string[] }>).flatMap(([name, s]) => (s.volumes ?? []).map((v) => [v.split(':')[0], name]));
      const named = mounts.filter(([source]) => !source.startsWith('.'));
      const users = new Map<string, string[]>();
      for (const [source, name] of named) users.set(source, [...(users.get(source) ?? []), name]);
      expect([...users.entries()].filter(([, names]) => names.length > 1)).toEqual([]);
      expect(Object.keys(compose.volumes).sort()).toEqual([...new Set(named.map(([source]) => source))].sort());
    });

    it('applies the migrations once, in a one-shot service the workers and APIs wait for, once the database answers', () => {
      const migrate = compose.services.migrate;
      expect(migrate.deploy?.replicas ?? 1).toBe(1);
      expect(migrate.restart).toBe('no');
      expect(dependsOn('migrate')).toEqual({ 'parcours-db': 'service_healthy' });
      expect(parcoursDb.healthcheck.test.join(' ')).toContain('pg_isready');
      for (const name of SCALED) expect(dependsOn(name)).toMatchObject({ migrate: 'service_completed_successfully' });
      // The image runs the compiled script; `npm run migrate` runs the same source.
      const [node, script] = migrate.command;
      expect(node).toBe('node');
      const source = script.replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect(fs.existsSync(path.join(ROOT, source))).toBe(true);
      expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.migrate).toContain(source);
    });
  });
});

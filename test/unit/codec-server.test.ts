/**
 * The codec server (codec-server/): decodes for operators and auditors only, from the Temporal
 * UI's origin only, with a session a browser can carry; logs who decoded, never what.
 */
import path from 'node:path';
import request from 'supertest';
import { defaultPayloadConverter } from '@temporalio/common';
import { createLogger } from '../../api/app';
import { ApiKeys } from '../../api/auth';
import { EncryptionCodec } from '../../lib/codec/encryption-codec';
import { payloadFromJson, payloadToJson } from '../../lib/codec/payloads-json';
import { createCodecServer } from '../../codec-server/app';
import { Sessions, SESSION_TTL_MS } from '../../codec-server/sessions';
import { keyringAfterRotation, keyringBeforeRotation } from '../helpers/codec';

const UI = 'http://localhost:8233';
/** The development keys of config/api-keys.dev.json (README). */
const KEYS = { operator: 'dev-operator-key', auditor: 'dev-auditor-key', backoffice: 'dev-backoffice-key', cpasLiege: 'dev-cpas-liege-key' };
const OPERATOR_KEY = KEYS.operator;
const PERSONNE = { nom: 'Wauthier', prenom: 'Anne-Sophie', projet: 'aide-soignante' };

function server(now: () => number = Date.now) {
  const lines: string[] = [];
  const app = createCodecServer({
    codec: new EncryptionCodec(keyringAfterRotation()),
    keys: ApiKeys.fromFile(path.resolve(__dirname, '../../config/api-keys.dev.json')),
    corsOrigins: [UI],
    namespace: 'default',
    logger: createLogger('info', { write: (line: string) => void lines.push(line) }),
    sessions: new Sessions(now),
  });
  return { app, lines };
}

/** An encrypted payload as the UI finds it in a history (written under the first test key). */
async function encrypted() {
  const [p] = await new EncryptionCodec(keyringBeforeRotation()).encode([defaultPayloadConverter.toPayload(PERSONNE)!]);
  return { payloads: [payloadToJson(p)] };
}

const decodedValue = (body: { payloads: Parameters<typeof payloadFromJson>[0][] }) => defaultPayloadConverter.fromPayload(payloadFromJson(body.payloads[0]));

describe('codec server', () => {
  describe('authentication with the API keys', () => {
    it.each([
      ['an operator', OPERATOR_KEY],
      ['an auditor', KEYS.auditor],
    ])('decodes for %s', async (_who, key) => {
      const { app } = server();
      const res = await request(app).post('/decode').set('Authorization', `Bearer ${key}`).set('X-Namespace', 'default').send(await encrypted()).expect(200);
      expect(decodedValue(res.body)).toEqual(PERSONNE);
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it.each([
      ['no key', undefined, 401],
      ['an unknown key', 'not-a-key', 401],
      ['a CPAS key', KEYS.cpasLiege, 403],
      ['the back-office key', KEYS.backoffice, 403],
    ])('refuses %s', async (_who, key, status) => {
      const { app } = server();
      const r = request(app).post('/decode');
      if (key) r.set('Authorization', `Bearer ${key}`);
      const res = await r.send(await encrypted()).expect(status);
      expect(res.body.payloads).toBeUndefined();
      expect(JSON.stringify(res.body)).not.toContain(PERSONNE.nom);
      if (status === 403) expect(res.body.detail).toBe('réservé au rôle operator ou auditor');
    });

    it('encodes with the encrypting key, for the UI to send a signal or start a workflow', async () => {
      const { app } = server();
      const res = await request(app).post('/encode').set('Authorization', `Bearer ${OPERATOR_KEY}`).send({ payloads: [payloadToJson(defaultPayloadConverter.toPayload(PERSONNE)!)] }).expect(200);
      const sealed = payloadFromJson(res.body.payloads[0]);
      expect(Buffer.from(sealed.metadata!['encryption-key-id']).toString()).toBe('test-2');
      await request(app).post('/encode').set('Authorization', `Bearer ${KEYS.cpasLiege}`).send({ payloads: [] }).expect(403);
    });
  });

  describe('requests', () => {
    it('names the field of a malformed body, refuses another namespace and an undecryptable payload', async () => {
      const { app } = server();
      const auth = { Authorization: `Bearer ${KEYS.auditor}` };
      const bad = await request(app).post('/decode').set(auth).send({ payloads: 'x' }).expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'payloads' })]);
      await request(app).post('/decode').set(auth).set('X-Namespace', 'autre').send(await encrypted()).expect(403);
      // The Temporal CLI (`temporal workflow show --codec-endpoint … --codec-auth 'Bearer …'`) sends it empty.
      await request(app).post('/decode').set(auth).set('X-Namespace', '').send(await encrypted()).expect(200);
      const body = await encrypted();
      body.payloads[0].metadata!['encryption-key-id'] = Buffer.from('cle-retiree').toString('base64');
      const lost = await request(app).post('/decode').set(auth).send(body).expect(422);
      expect(lost.body.detail).toMatch(/key "cle-retiree", which is not held/);
    });

    it('answers under a gateway prefix, matching the last path segment', async () => {
      const { app } = server();
      await request(app).post('/codec/decode').set('Authorization', `Bearer ${KEYS.auditor}`).send(await encrypted()).expect(200);
    });

    it('logs the caller and the number of payloads, never their content', async () => {
      const { app, lines } = server();
      await request(app).post('/decode').set('Authorization', `Bearer ${KEYS.auditor}`).send(await encrypted()).expect(200);
      await request(app).post('/decode').set('Authorization', `Bearer ${KEYS.cpasLiege}`).send(await encrypted()).expect(403);
      const logged = lines.map((l) => JSON.parse(l));
      expect(logged).toContainEqual(expect.objectContaining({ caller: 'auditor-dev', path: '/decode', status: 200, payloads: 1 }));
      expect(logged).toContainEqual(expect.objectContaining({ caller: 'cpas-liege-dev', path: '/decode', status: 403 }));
      expect(lines.join('\n')).not.toMatch(/Wauthier|Anne-Sophie|aide-soignante/);
    });
  });

  describe('CORS: the Temporal UI only', () => {
    it('answers the UI origin’s preflight with the headers the UI sends', async () => {
      const { app } = server();
      const res = await request(app).options('/decode').set('Origin', UI).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'content-type,x-namespace').expect(204);
      expect(res.headers['access-control-allow-origin']).toBe(UI);
      expect(res.headers['access-control-allow-credentials']).toBe('true');
      expect(res.headers['access-control-allow-headers']).toMatch(/X-Namespace/);
      expect(res.headers['access-control-allow-headers']).toMatch(/Authorization/);
    });

    it.each(['http://localhost:1080', 'https://evil.example', 'null'])('refuses the origin %s, preflight or not, even with a valid key', async (origin) => {
      const { app } = server();
      const pre = await request(app).options('/decode').set('Origin', origin).set('Access-Control-Request-Method', 'POST').expect(403);
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
      const res = await request(app).post('/decode').set('Origin', origin).set('Authorization', `Bearer ${KEYS.auditor}`).send(await encrypted()).expect(403);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.body.payloads).toBeUndefined();
    });
  });

  describe('browser sessions', () => {
    const signIn = (app: ReturnType<typeof server>['app'], key: string, at = '/session') => request(app).post(at).type('form').send({ cle: key });

    it('an operator signs in once with a key; the UI’s calls then carry the cookie', async () => {
      const { app } = server();
      const login = await signIn(app, OPERATOR_KEY).expect(303);
      const setCookie = login.headers['set-cookie'][0] as string;
      expect(setCookie).toMatch(/^parcours_codec=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800$/);
      const cookie = setCookie.split(';')[0];
      const res = await request(app).post('/decode').set('Origin', UI).set('Cookie', cookie).set('X-Namespace', 'default').send(await encrypted()).expect(200);
      expect(decodedValue(res.body)).toEqual(PERSONNE);
      expect((await request(app).get('/').set('Cookie', cookie).expect(200)).text).toContain('operator-dev');
      await request(app).post('/deconnexion').set('Cookie', cookie).expect(303);
      await request(app).post('/decode').set('Origin', UI).set('Cookie', cookie).send(await encrypted()).expect(401);
    });

    it('opens no session for a CPAS key or an unknown one', async () => {
      const { app } = server();
      expect((await signIn(app, KEYS.cpasLiege).expect(403)).headers['set-cookie']).toBeUndefined();
      expect((await signIn(app, 'nope').expect(401)).headers['set-cookie']).toBeUndefined();
      await request(app).post('/decode').set('Cookie', 'parcours_codec=forged').send(await encrypted()).expect(401);
    });

    it('ends a session after a working day', async () => {
      let now = 1_800_000_000_000;
      const { app } = server(() => now);
      const cookie = ((await signIn(app, KEYS.auditor).expect(303)).headers['set-cookie'][0] as string).split(';')[0];
      now += SESSION_TTL_MS - 1;
      await request(app).post('/decode').set('Cookie', cookie).send(await encrypted()).expect(200);
      now += 1;
      await request(app).post('/decode').set('Cookie', cookie).send(await encrypted()).expect(401);
    });

    it('scopes the cookie to the gateway prefix, so the UI on the same host never receives it', async () => {
      const { app } = server();
      const login = await signIn(app, KEYS.auditor, '/codec/session').expect(303);
      expect(login.headers.location).toBe('/codec/');
      expect(login.headers['set-cookie'][0]).toContain('Path=/codec/;');
    });
  });
});

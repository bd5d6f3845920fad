/**
 * Inputs that used to stall or crash, and retries under concurrency (issue 11), over HTTP against
 * real servers: dates outside the calendar or implausible, deeply nested bodies, 50 concurrent
 * requests with one Idempotency-Key, a duplicate still being answered, guessed keys.
 */
import { createHash } from 'node:crypto';
import { addMonths, civilDateInBrussels } from '../../domain/calendar';
import { parcoursIdOf, workflowIdOf } from '../../lib/pseudonym';
import { apiFor, KEYS, SECRET, useDevServerApi } from '../helpers/api';
import { DIALECTS } from '../helpers/database';
import { ADULTE, CPAS_LIEGE, makeNiss } from '../helpers/fixtures';
import { createLogger } from '../../api/app';

describe.each(DIALECTS)('hardening of the HTTP API (%s)', (dialect) => {
  const t = useDevServerApi(dialect);
  const today = civilDateInBrussels(Date.now());

  async function inscrire() {
    const niss = makeNiss('1985-03-12');
    const res = await t.api.post('/v1/inscriptions', KEYS.backoffice, { niss, date: today, canal: 'presentiel', canalPreferentiel: 'email', personne: ADULTE, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(today, 1) }).expect(200);
    return { niss, parcoursId: res.body.parcoursId as string };
  }

  describe('dates', () => {
    it('a date past the calendar is refused with the field and the reason, and the parcours keeps answering', async () => {
      const { parcoursId } = await inscrire();
      const res = await t.api.post(`/v1/parcours/${parcoursId}/contactMensuel`, KEYS.backoffice, { date: today, individuel: true, prochaineDate: '9999-12-31' }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'prochaineDate', reason: expect.stringContaining('du 2000-01-01 au 2099-12-31') }]);
      await t.api.get(`/v1/parcours/${parcoursId}`, KEYS.backoffice).expect(200);
    });

    it('an inscription dated 9999-12-31 is refused before any workflow starts', async () => {
      const niss = makeNiss('1985-03-12');
      const res = await t.api.post('/v1/inscriptions', KEYS.backoffice, { niss, date: '9999-12-31', canal: 'enLigne', canalPreferentiel: 'email', personne: ADULTE }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'date', reason: expect.stringContaining('période plausible') }]);
      await expect(t.env.client.workflow.getHandle(workflowIdOf(parcoursIdOf(niss, SECRET))).describe()).rejects.toThrow(/not found/i);
    });

    it.each([
      ['a birth date before 1920', { personne: { ...ADULTE, dateNaissance: '1919-12-31' } }, 'personne.dateNaissance', 'du 1920-01-01 au 2029-12-31'],
      ['a fact before 2000', { date: '1999-12-31' }, 'date', 'du 2000-01-01 au 2099-12-31'],
      ['29 February of a common year', { date: '2027-02-29' }, 'date', 'n’existe pas'],
    ])('%s is refused with the field and the reason', async (_label, override, field, reason) => {
      const res = await t.api.post('/v1/inscriptions', KEYS.backoffice, { niss: makeNiss('1985-03-12'), date: today, canal: 'presentiel', canalPreferentiel: 'email', personne: ADULTE, dateContactMensuel: today, ...override }).expect(400);
      expect(res.body.errors).toEqual([{ field, reason: expect.stringContaining(reason) }]);
    });

    it('the last plausible date reaches the rules, which answer it: a contact planned on 2099-12-31 is refused with the one-month reason (art. 25 §1, §4)', async () => {
      const { parcoursId } = await inscrire();
      const res = await t.api.post(`/v1/parcours/${parcoursId}/contactMensuel`, KEYS.backoffice, { date: today, individuel: true, prochaineDate: '2099-12-31' }).expect(409);
      expect(res.body.detail).toContain('doit tomber dans le mois');
      await t.api.post(`/v1/parcours/${parcoursId}/proposition`, KEYS.backoffice, { date: today, nature: 'emploi' }).expect(200);
    });
  });

  describe('bodies', () => {
    it.each([
      ['arrays', '['.repeat(10_000) + ']'.repeat(10_000)],
      ['objects', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)],
    ])('JSON nested 10,000 levels deep (%s) is 400, not a stack overflow', async (_label, body) => {
      const res = await t.api.post('/v1/inscriptions', KEYS.backoffice, body).expect(400);
      expect(res.body.title).toContain('trop imbriqué');
    });

    it('brackets inside strings do not count as nesting', async () => {
      const { parcoursId } = await inscrire();
      const res = await t.api.post(`/v1/parcours/${parcoursId}/changementCpas`, KEYS.backoffice, { date: today, cpas: '0207456769', motif: `déménagement ${'[{'.repeat(100)}` }).expect(200);
      expect(res.body.etat.cpas).toBe('0207456769');
    });
  });

  describe('idempotency under concurrency', () => {
    it('50 concurrent POSTs, one key, four bodies: one is done once, its duplicates get its answer, the others 422', async () => {
      const { parcoursId } = await inscrire();
      const bodies = [
        { date: today, nature: 'emploi' },
        { date: today, nature: 'stage' },
        { date: today, nature: 'formation' },
        { date: addMonths(today, -1), nature: 'emploi' },
      ];
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => t.api.post(`/v1/parcours/${parcoursId}/proposition`, KEYS.backoffice, bodies[i % 4], 'concurrent-key-0001').then((r) => ({ i, r }))));
      const ok = answers.filter((a) => a.r.status === 200);
      const winner = bodies[ok[0].i % 4];
      expect(ok.every((a) => bodies[a.i % 4] === winner)).toBe(true);
      expect(ok).toHaveLength(answers.filter((a) => bodies[a.i % 4] === winner).length);
      expect(answers.filter((a) => a.r.status !== 200).every((a) => a.r.status === 422)).toBe(true);
      expect(new Set(ok.map((a) => JSON.stringify(a.r.body))).size).toBe(1);
      expect((await t.h.store.journal(parcoursId)).filter((l) => l.code === 'proposition')).toHaveLength(1);
    });

    it('a duplicate arriving while the first is answered waits, then 409 with Retry-After; a different body 422; once answered, the answer is replayed', async () => {
      const { parcoursId } = await inscrire();
      const impatient = apiFor(t.h, undefined, createLogger('silent'), { duplicateWaitMs: 200 });
      const url = `/v1/parcours/${parcoursId}/proposition`;
      const body = { date: today, nature: 'emploi' };
      // Another API process holds the key: reserved in the shared database, not answered yet.
      const print = createHash('sha256').update(`POST ${url}\n${JSON.stringify(body)}`).digest('hex');
      expect(await impatient.idempotency.reserve('backoffice-dev', 'held-key-0001', print)).toEqual({ type: 'reserved' });

      const waited = await impatient.post(url, KEYS.backoffice, body, 'held-key-0001').expect(409);
      expect(waited.headers['retry-after']).toBe('1');
      expect(waited.body.title).toBe('Requête identique en cours');
      await impatient.post(url, KEYS.backoffice, { ...body, nature: 'stage' }, 'held-key-0001').expect(422);
      expect((await t.h.store.journal(parcoursId)).filter((l) => l.code === 'proposition')).toHaveLength(0);

      await impatient.idempotency.put('backoffice-dev', 'held-key-0001', { status: 200, body: { parcoursId, eventId: 'e', dossier: [], etat: { parcoursId } } });
      const replayed = await impatient.post(url, KEYS.backoffice, body, 'held-key-0001').expect(200);
      expect(replayed.headers['idempotent-replayed']).toBe('true');
      expect(replayed.body).toEqual({ parcoursId, eventId: 'e', dossier: [], etat: { parcoursId } });
    });

    it('an invalid body does not take the key: corrected and sent again with it, the request is done', async () => {
      const { parcoursId } = await inscrire();
      await t.api.post(`/v1/parcours/${parcoursId}/proposition`, KEYS.backoffice, { date: today, nature: 'emploi', couleur: 'bleu' }, 'given-back-0001').expect(400);
      await t.api.post(`/v1/parcours/${parcoursId}/proposition`, KEYS.backoffice, { date: today, nature: 'emploi' }, 'given-back-0001').expect(200);
    });

    it('keeps what replaying needs and nothing of the request: no NISS', async () => {
      const { niss } = await inscrire();
      const rows = JSON.stringify(await t.h.db.kysely.selectFrom('idempotency').selectAll().execute());
      expect(rows).not.toContain(niss);
    });
  });

  describe('failed authentications', () => {
    it('are throttled per client address: past the limit, 429 with Retry-After, even for a valid key', async () => {
      const guarded = apiFor(t.h, undefined, createLogger('silent'), { authThrottle: { maxFailures: 3, windowMs: 60_000 } });
      for (let i = 0; i < 3; i++) await guarded.get('/v1/cpas', `guess-${i}`).expect(401);
      const blocked = await guarded.get('/v1/cpas', KEYS.backoffice).expect(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(blocked.headers['content-type']).toContain('application/problem+json');
      await guarded.get('/v1/cpas', 'guess-4').expect(429);
    });

    it('behind a trusted gateway, are throttled per address it forwards: one client’s guesses do not lock the others out', async () => {
      const throttle = { authThrottle: { maxFailures: 3, windowMs: 60_000 } };
      const forwarded = (api: ReturnType<typeof apiFor>, from: string, key: string) => api.get('/v1/cpas', key).set('X-Forwarded-For', from);
      const behindGateway = apiFor(t.h, undefined, createLogger('silent'), { ...throttle, trustProxy: 'loopback' });
      for (let i = 0; i < 3; i++) await forwarded(behindGateway, '203.0.113.7', `guess-${i}`).expect(401);
      await forwarded(behindGateway, '203.0.113.7', KEYS.backoffice).expect(429);
      await forwarded(behindGateway, '198.51.100.20', KEYS.backoffice).expect(200);
      // Not trusted, the header is anyone's to write: the gateway's own address counts.
      const direct = apiFor(t.h, undefined, createLogger('silent'), throttle);
      for (let i = 0; i < 3; i++) await forwarded(direct, `203.0.113.${i}`, `guess-${i}`).expect(401);
      await forwarded(direct, '198.51.100.20', KEYS.backoffice).expect(429);
    });

    it('a missing Authorization header is no guess and does not count', async () => {
      const guarded = apiFor(t.h, undefined, createLogger('silent'), { authThrottle: { maxFailures: 3, windowMs: 60_000 } });
      for (let i = 0; i < 5; i++) await guarded.get('/v1/cpas', '').unset('Authorization').expect(401);
      await guarded.get('/v1/cpas', KEYS.backoffice).expect(200);
    });
  });

  describe('methods', () => {
    it('a method the document does not list for a known path is 405 with Allow', async () => {
      const res = await t.api.get('/v1/inscriptions', KEYS.backoffice).expect(405);
      expect(res.headers.allow).toBe('POST');
      expect((await t.api.post('/v1/cpas', KEYS.backoffice, {}).expect(405)).headers.allow).toBe('GET, HEAD');
    });
  });
});

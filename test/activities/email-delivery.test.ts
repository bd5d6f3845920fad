/**
 * The e-mails' delivery state (issue 13 §4): recorded by the sending activity on each attempt
 * (Temporal's attempt number, in the SDK's activity context), through nodemailer to a real SMTP
 * server that refuses then accepts, in a real SQLite database; and the operators' alert read from
 * it — logged once whichever API replica finds it, shown by the API's metrics.
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { createEmailActivities } from '../../activities/email';
import { motifEchec, suivreEnvoi } from '../../activities/suivi-envois';
import { createLogger } from '../../api/app';
import { EmailAlerts } from '../../api/email-alerts';
import { ApiMetrics } from '../../api/metrics';
import type { EmailIntent } from '../../domain/parcours';
import { loadConfig } from '../../lib/config';
import { CpasRegistry } from '../../lib/cpas-registry';
import type { Db } from '../../lib/db';
import { DossierStore } from '../../lib/dossier-store';
import { EmailDeliveryStore, type EmailRef } from '../../lib/email-delivery-store';
import { createSmtpTransport } from '../../worker/worker';
import { DIALECTS, freshDatabase, type TestDatabase } from '../helpers/database';
import { CPAS_LIEGE, CPAS_LIEGE_EMAIL, makeNiss } from '../helpers/fixtures';
import { TestSmtpServer } from '../helpers/smtp';

describe.each(DIALECTS)('e-mail delivery state (%s)', (dialect) => {
  let smtp: TestSmtpServer;
  let db: Db;
  let database: TestDatabase;
  let deliveries: EmailDeliveryStore;
  let envoyer: (parcoursId: string, intent: EmailIntent) => Promise<'envoye' | 'dejaEnvoye'>;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    database = await freshDatabase(dialect);
    db = database.db;
    deliveries = new EmailDeliveryStore(db);
    const registry = CpasRegistry.fromFile(path.resolve(__dirname, '../../config/cpas.json'));
    const { envoyerEmail } = createEmailActivities({ transport: createSmtpTransport('127.0.0.1', smtp.port), registry, store: new DossierStore(db), from: 'Parcours <parcours@forem.invalid>', serviceControle: 'controle@forem.test', publicUrl: 'https://parcours.forem.test' });
    envoyer = suivreEnvoi(deliveries, (parcoursId, intent) => ({ journal: 'parcours', owner: parcoursId, key: intent.key, modele: intent.template, destinataire: intent.destinataire.type, ...(intent.destinataire.type === 'cpas' ? { cpas: intent.destinataire.cpas } : {}) }), envoyerEmail);
  });

  afterAll(async () => {
    await smtp.stop();
    await database?.drop();
  });

  const intentFor = (parcoursId: string): EmailIntent => ({ key: `${parcoursId}.1.inscription-enregistree`, template: 'inscription-enregistree', destinataire: { type: 'cpas', cpas: CPAS_LIEGE }, date: '2026-06-01', data: { dateInscription: '2026-06-01', canal: 'en ligne' } });
  // The SDK's activity context with Temporal's attempt number; its failure warnings are expected here.
  const attempt = (n: number) => new MockActivityEnvironment({ attempt: n }, { logger: new DefaultLogger('ERROR') });

  describe('delivery state, recorded by the activity', () => {
    it('is a failure with the SMTP server’s reason and the attempt’s number while it refuses, then sent on the attempt that went through', async () => {
      const intent = intentFor('ce-refus');
      smtp.refuse(true);
      try {
        await expect(attempt(1).run(envoyer, 'ce-refus', intent)).rejects.toThrow(/421/);
        await expect(attempt(2).run(envoyer, 'ce-refus', intent)).rejects.toThrow(/421/);
      } finally {
        smtp.refuse(false);
      }
      const [failed] = await deliveries.duParcours('ce-refus');
      expect(failed).toMatchObject({ cle: intent.key, modele: 'inscription-enregistree', destinataire: 'cpas', cpas: CPAS_LIEGE, etat: 'echec', tentatives: 2, derniereErreur: expect.stringContaining('421') });
      expect(failed.envoyeLe).toBeUndefined();
      expect(failed.derniereErreur).not.toContain(CPAS_LIEGE_EMAIL);

      expect(await attempt(3).run(envoyer, 'ce-refus', intent)).toBe('envoye');
      const [sent] = await deliveries.duParcours('ce-refus');
      expect(sent).toMatchObject({ etat: 'envoye', tentatives: 3, envoyeLe: expect.any(String), premiereTentative: failed.premiereTentative });
      expect(smtp.received.filter((m) => m.messageId === `<${intent.key}@parcours.forem.invalid>`)).toHaveLength(1);
    });

    it('is pending while the first attempt runs, and a late failure report after the send changes nothing', async () => {
      const ref: EmailRef = { journal: 'parcours', owner: 'ce-tard', key: 'ce-tard.1.x', modele: 'demande-traitee', destinataire: 'serviceControle' };
      await deliveries.tentative(ref, 1);
      expect(await deliveries.duParcours('ce-tard')).toEqual([expect.objectContaining({ etat: 'enAttente', tentatives: 1, destinataire: 'serviceControle' })]);
      await deliveries.envoye(ref, 2);
      // Attempt 1 timed out and reports its failure after attempt 2 sent the e-mail.
      await deliveries.echec(ref, 1, 'ETIMEDOUT');
      expect(await deliveries.duParcours('ce-tard')).toEqual([expect.objectContaining({ etat: 'envoye', tentatives: 2 })]);
    });

    it('keeps the reason of a failure without the addresses or national numbers the server’s reply may carry', () => {
      const niss = makeNiss('1990-05-17');
      const err = Object.assign(new Error(`Can't send mail - all recipients were rejected: 550 5.1.1 <marie.dupont@cpas-liege.example>: Recipient address rejected (${niss})`), { code: 'EENVELOPE', responseCode: 550 });
      const motif = motifEchec(err);
      expect(motif).toBe("EENVELOPE 550 Can't send mail - all recipients were rejected: 550 5.1.1 <<adresse>>: Recipient address rejected (<numéro>)");
    });
  });

  describe('the operators’ alert', () => {
    const DAY = 86_400_000;
    const t0 = Date.parse('2026-06-01T08:00:00.000Z');
    const ref = (owner: string): EmailRef => ({ journal: 'parcours', owner, key: `${owner}.1.inscription-enregistree`, modele: 'inscription-enregistree', destinataire: 'cpas', cpas: CPAS_LIEGE });

    function replica(now: () => number) {
      const lines: Array<Record<string, unknown>> = [];
      const destination = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()) });
      return { alerts: new EmailAlerts(new EmailDeliveryStore(db), { afterMs: DAY, logger: createLogger('info', destination), now }), lines };
    }

    it('reports an e-mail unsent a day after its first attempt once, from one of two replicas, naming no parcours; not one sent, nor one younger', async () => {
      const at = (ms: number) => new Date(ms).toISOString();
      await deliveries.echec(ref('ce-bloque'), 40, 'EMESSAGE 421 Message failed: 421 Service unavailable', at(t0));
      await deliveries.tentative(ref('ce-bloque'), 41, at(t0 + DAY - 60_000));
      await deliveries.tentative(ref('ce-envoye'), 1, at(t0));
      await deliveries.envoye(ref('ce-envoye'), 2, at(t0 + 60_000));
      await deliveries.tentative(ref('ce-recent'), 1, at(t0 + 2 * 3_600_000));

      let now = t0 + DAY - 1;
      const a = replica(() => now);
      const b = replica(() => now);
      expect([...(await a.alerts.check()), ...(await b.alerts.check())]).toEqual([]);

      now = t0 + DAY;
      const found = await Promise.all([a.alerts.check(), b.alerts.check()]);
      expect(found.flat().map((e) => e.cpas)).toEqual([CPAS_LIEGE]);
      const lines = [...a.lines, ...b.lines];
      expect(lines).toEqual([expect.objectContaining({ level: 50, alerte: 'emailNonEnvoye', modele: 'inscription-enregistree', destinataire: 'cpas', cpas: CPAS_LIEGE, tentatives: 41, attenteSecondes: 86_400, derniereErreur: expect.stringContaining('421') })]);
      expect(JSON.stringify(lines)).not.toContain('ce-bloque');

      // Reported once: the next looks, by either replica, report nothing more.
      now += 3_600_000;
      expect([...(await a.alerts.check()), ...(await b.alerts.check())]).toEqual([]);
    });

    it('shows the figures in the API’s metrics, the same from every replica, read from the database', async () => {
      const now = t0 + DAY + 3_600_000;
      const texts = await Promise.all(
        [0, 1].map(async () => {
          const metrics = new ApiMetrics();
          metrics.suivreEmails(() => replica(() => now).alerts.figures());
          return (await metrics.registry.metrics()).split('\n').filter((l) => l.startsWith('parcours_email'));
        }),
      );
      // Unsent: ce-bloque (first attempt t0, late) and ce-recent (t0 + 2 h, not late yet); ce-refus and ce-tard were sent.
      expect(texts[0]).toEqual(['parcours_emails_non_envoyes 2', 'parcours_emails_non_envoyes_en_retard 1', `parcours_email_non_envoye_attente_max_seconds ${(now - t0) / 1000}`]);
      expect(texts[1]).toEqual(texts[0]);
    });

    it('waits a day by default, PARCOURS_EMAIL_ALERT_SECONDS otherwise', () => {
      expect(loadConfig({}).emailAlertSeconds).toBe(86_400);
      expect(loadConfig({ PARCOURS_EMAIL_ALERT_SECONDS: '3600' }).emailAlertSeconds).toBe(3_600);
      expect(() => loadConfig({ PARCOURS_EMAIL_ALERT_SECONDS: 'un jour' })).toThrow(/PARCOURS_EMAIL_ALERT_SECONDS/);
    });
  });
});

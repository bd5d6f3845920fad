/**
 * The e-mails' delivery state over HTTP (issue 13 §4): a parcours whose e-mail to its CPAS meets
 * an SMTP server that refuses shows it failed, with the reason and the attempts Temporal made, on
 * `GET /v1/parcours/{id}`; once the server accepts, sent — the workflow unchanged, the state
 * written by the activity in the database.
 */
import { addMonths, civilDateInBrussels } from '../../domain/calendar';
import { KEYS, useDevServerApi } from '../helpers/api';
import { eventually } from '../helpers/eventually';
import { DIALECTS } from '../helpers/database';
import { ADULTE, CPAS_LIEGE, CPAS_LIEGE_EMAIL, makeNiss } from '../helpers/fixtures';

interface Email {
  cle: string;
  modele: string;
  cpas?: string;
  etat: string;
  tentatives: number;
  derniereErreur?: string;
  envoyeLe?: string;
}

describe.each(DIALECTS)('GET /v1/parcours/{id}: the e-mails’ delivery state (%s)', (dialect) => {
  const t = useDevServerApi(dialect);
  const today = civilDateInBrussels(Date.now());

  it('shows the e-mail failed with the SMTP server’s reason while it refuses, retried, then sent once it accepts', async () => {
    t.h.smtp.refuse(true);
    let parcoursId = '';
    const emailOf = async () => ((await t.api.get(`/v1/parcours/${parcoursId}`, KEYS.cpasLiege).expect(200)).body.emails as Email[]).find((e) => e.modele === 'inscription-enregistree');
    try {
      const res = await t.api.post('/v1/inscriptions', KEYS.backoffice, { niss: makeNiss('1979-04-02'), date: today, canal: 'presentiel', canalPreferentiel: 'email', personne: ADULTE, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(today, 1) }).expect(200);
      parcoursId = res.body.parcoursId as string;
      // Two attempts refused by the server (the retries start 5 s apart, workflows/activity-options.ts).
      const failing = await eventually(async () => {
        const e = t.h.smtp.refused >= 2 ? await emailOf() : undefined;
        return e && e.etat === 'echec' && e.tentatives >= 2 ? e : undefined;
      }, 'the e-mail failed twice', 60_000);
      expect(failing).toMatchObject({ cpas: CPAS_LIEGE, derniereErreur: expect.stringContaining('421') });
      expect(failing.envoyeLe).toBeUndefined();
      expect(failing.derniereErreur).not.toContain(CPAS_LIEGE_EMAIL);
    } finally {
      t.h.smtp.refuse(false);
    }
    const sent = await eventually(async () => {
      const e = await emailOf();
      return e?.etat === 'envoye' ? e : undefined;
    }, 'the e-mail sent', 90_000);
    // Every attempt counted: those the server refused, and the one it accepted.
    expect(sent.tentatives).toBe(t.h.smtp.refused + 1);
    expect(sent.envoyeLe).toEqual(expect.any(String));
    expect(t.h.smtp.received.filter((m) => m.messageId === `<${sent.cle}@parcours.forem.invalid>`)).toHaveLength(1);
  });
});

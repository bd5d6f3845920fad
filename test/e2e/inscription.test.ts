/**
 * The first vertical slice, end to end on the Temporal CLI dev server: POST an inscription →
 * zod validation → signalWithStart of the CE's parcours (id = keyed pseudonym) → dossier row in
 * SQLite + e-mail to the CPAS over real SMTP → state read back through GET (a workflow query).
 */
import { civilDateInBrussels } from '../../domain/calendar';
import { parcoursIdOf, workflowIdOf } from '../../lib/pseudonym';
import { CPAS_LIEGE, CPAS_LIEGE_EMAIL, makeNiss } from '../helpers/fixtures';
import { KEYS, SECRET, useDevServerApi } from '../helpers/api';
import { DIALECTS } from '../helpers/database';
import { eventually } from '../helpers/eventually';

describe.each(DIALECTS)('inscription over HTTP, end to end (%s)', (dialect) => {
  const t = useDevServerApi(dialect);

  const body = (niss: string, date: string) => ({
    niss,
    date,
    canal: 'telephone',
    canalPreferentiel: 'courrier',
    personne: { dateNaissance: '1990-05-17', experienceProfessionnelle: true, autonomieNumerique: false },
    cpas: CPAS_LIEGE,
    dateContactMensuel: date,
  });

  it('records the inscription in the dossier, e-mails the CPAS and exposes the state', async () => {
    const niss = makeNiss('1990-05-17');
    const today = civilDateInBrussels(Date.now());
    const res = await t.api.post('/v1/inscriptions', KEYS.backoffice, body(niss, today)).expect(200);

    const parcoursId = parcoursIdOf(niss, SECRET);
    expect(res.body.parcoursId).toBe(parcoursId);
    expect(res.body.parcoursId).not.toContain(niss);
    const description = await t.env.client.workflow.getHandle(workflowIdOf(parcoursId)).describe();
    expect(description.workflowId).not.toContain(niss);

    const mail = await t.h.smtp.waitFor((m) => m.subject.includes('Inscription enregistrée'));
    expect(mail.to).toEqual([CPAS_LIEGE_EMAIL]);
    expect(mail.subject).not.toContain(niss);
    expect(mail.text).toContain('par téléphone');
    expect(mail.messageId).toMatch(new RegExp(`^<${parcoursId}\\.\\d+\\.inscription-enregistree@`));

    await t.h.smtp.waitFor((m) => m.messageId.startsWith(`<${parcoursId}.`));
    const state = await t.api.get(`/v1/parcours/${parcoursId}`, KEYS.backoffice).expect(200);
    expect(state.body).toMatchObject({ parcoursId, statut: 'inscrit', canal: 'telephone', dateInscription: today, cpas: CPAS_LIEGE });
    expect(state.body.echeances.map((e: { rule: string }) => e.rule)).toEqual(
      expect.arrayContaining(['inscription.telephone.authentification', 'affectation.delai']),
    );

    const rows = await eventually(async () => { const r = (await t.h.store.journal(parcoursId)); return r.some((l) => l.kind === 'message') && r; }, 'the e-mail in the dossier');
    expect(rows.find((r) => r.code === 'inscription')).toMatchObject({ kind: 'fait', date: today });
    expect(rows.filter((r) => r.kind === 'message')).toHaveLength(1);
    expect(state.body.dossier.map((r: { code: string }) => r.code)).toContain('inscription');
    expect(JSON.stringify(state.body)).not.toContain(niss);

    // Search attributes for operators carry no personal data.
    const sa = (await t.env.client.workflow.getHandle(workflowIdOf(parcoursId)).describe()).typedSearchAttributes;
    expect(JSON.stringify(sa)).not.toContain(niss);
  });

  it('refuses a NISS whose check digits are wrong, naming the field', async () => {
    const valid = makeNiss('1990-05-17');
    const wrong = valid.slice(0, 9) + String((Number(valid.slice(9)) % 97) + 1).padStart(2, '0');
    const res = await t.api.post('/v1/inscriptions', KEYS.backoffice, body(wrong, '2026-01-05')).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual([{ field: 'niss', reason: expect.stringContaining('clé de contrôle') }]);
  });

  it('answers 404 for a parcours that does not exist', async () => {
    await t.api.get(`/v1/parcours/ce-${'0'.repeat(32)}`, KEYS.backoffice).expect(404);
  });
});

/**
 * E-mails a CPAS can act on (spec §9; issue 15 point 3), over HTTP against the dev server with a
 * real SMTP server: the CPAS whose request was rejected because the person was not registered is
 * told of the registration — the new run of the person's workflow learns of that request from the
 * dossier — naming its request and the person as it named them, with the link to the request's
 * page; the follower gets its own e-mail without another CPAS's words; a CPAS that neither
 * referred nor follows the person gets nothing; a request's e-mails name it too.
 */
import { addDays, addMonths, civilDateInBrussels } from '../../domain/calendar';
import { workflowIdOf } from '../../lib/pseudonym';
import { KEYS, useDevServerApi } from '../helpers/api';
import { DIALECTS } from '../helpers/database';
import { ADULTE, CPAS_LIEGE, CPAS_LIEGE_EMAIL, CPAS_NAMUR, CPAS_NAMUR_EMAIL, demandeCpas, makeNiss } from '../helpers/fixtures';
import { eventually } from '../helpers/eventually';
import { PUBLIC_URL } from '../helpers/harness';

const CHARLEROI_EMAIL = 'isp@cpas-charleroi.example';

describe.each(DIALECTS)('e-mails to the CPAS name the request and the person, and link to the request (%s)', (dialect) => {
  const t = useDevServerApi(dialect);
  const today = civilDateInBrussels(Date.now());

  it('a CPAS that referred a person not yet registered is told of the registration; the follower too, without its words; no other CPAS', async () => {
    const niss = makeNiss('1985-03-12');
    const filed = await t.api.post('/v1/demandes', KEYS.cpasNamur, { niss, ...demandeCpas(addDays(today, -3), { cpas: CPAS_NAMUR }) }).expect(200);
    const parcoursId = filed.body.parcoursId as string;
    const reference = filed.body.etat.demandes[0].reference as string;
    expect(filed.body.etat.demandes[0].statut).toBe('rejetee');
    const mine = (to: string, subject: string) => t.h.smtp.waitFor((m) => m.messageId.startsWith(`<${parcoursId}.`) && m.to.includes(to) && m.subject.includes(subject));
    const rejet = await mine(CPAS_NAMUR_EMAIL, 'Demande rejetée');
    expect(rejet.text).toContain(`${PUBLIC_URL}/portail/demandes/${reference}`);
    // The rejection ends the person's workflow: the registration starts a new run.
    await eventually(async () => (await t.env.client.workflow.getHandle(workflowIdOf(parcoursId)).describe()).status.name === 'COMPLETED', 'the first run’s end');

    const date = addDays(today, -1);
    await t.api.post('/v1/inscriptions', KEYS.backoffice, { niss, date, canal: 'presentiel', canalPreferentiel: 'email', personne: ADULTE, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(date, 1) }).expect(200);

    const namur = await mine(CPAS_NAMUR_EMAIL, 'Inscription enregistrée');
    expect(namur.subject).toContain(`demande ${reference}`);
    expect(namur.text).toContain('La personne que votre CPAS a orientée vers le Forem est à présent inscrite');
    expect(namur.text).toContain('Personne : Marie Dupont');
    expect(namur.text).toContain(`Référence de la demande : ${reference}`);
    expect(namur.text).toContain(`Voir la demande sur le portail des CPAS : ${PUBLIC_URL}/portail/demandes/${reference}`);
    expect(namur.html).toContain(`<a href="${PUBLIC_URL}/portail/demandes/${reference}">`);
    expect(namur.text).not.toContain(niss);

    const liege = await mine(CPAS_LIEGE_EMAIL, 'Inscription enregistrée');
    expect(liege.text).toContain('La personne que vous suivez est inscrite');
    expect(liege.text).not.toContain('Dupont');
    expect(liege.text).not.toContain(reference);

    // Each e-mail once in the dossier, with the request it named; Charleroi, which neither referred nor follows, got nothing.
    const lignes = await eventually(async () => {
      const l = (await t.h.store.journal(parcoursId)).filter((x) => x.code === 'email.inscription-enregistree');
      return l.length === 2 && l;
    }, 'both registration e-mails in the dossier');
    expect(lignes.map((l) => l.data)).toEqual(
      expect.arrayContaining([expect.objectContaining({ cpas: CPAS_LIEGE }), expect.objectContaining({ cpas: CPAS_NAMUR, reference })]),
    );
    expect(lignes.find((l) => l.data?.cpas === CPAS_LIEGE)?.data).not.toHaveProperty('reference');
    expect(t.h.smtp.received.filter((m) => m.messageId.startsWith(`<${parcoursId}.`) && m.to.includes(CHARLEROI_EMAIL))).toEqual([]);
    // Namur's request was rejected: the e-mail gives it no access to the person (spec §10).
    await t.api.get(`/v1/parcours/${parcoursId}`, KEYS.cpasNamur).expect(404);
  });

  it('every e-mail about a request names it and the person as its CPAS named them, with the link', async () => {
    const niss = makeNiss('1990-05-17');
    const date = addDays(today, -2);
    const inscrit = await t.api.post('/v1/inscriptions', KEYS.backoffice, { niss, date, canal: 'presentiel', canalPreferentiel: 'email', personne: { ...ADULTE, dateNaissance: '1990-05-17' }, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(date, 1) }).expect(200);
    const parcoursId = inscrit.body.parcoursId as string;
    const filed = await t.api.post('/v1/demandes', KEYS.cpasLiege, { niss, ...demandeCpas(date, { personne: { nom: 'Lambert', prenom: 'Jeanne', dateNaissance: '1990-05-17' } }) }).expect(200);
    const reference = filed.body.etat.demandes[0].reference as string;
    await t.api.post(`/v1/parcours/${parcoursId}/demandeTraitee`, KEYS.backoffice, { date, reference, service: 'Atelier CV', dateRendezVous: addDays(today, 7), lieu: 'Liège' }).expect(200);
    const mail = await t.h.smtp.waitFor((m) => m.messageId.startsWith(`<${parcoursId}.`) && m.subject.includes('réceptionnée et traitée'));
    expect(mail.to).toEqual([CPAS_LIEGE_EMAIL]);
    expect(mail.subject).toContain(`demande ${reference}`);
    expect(mail.text).toContain('Personne : Jeanne Lambert');
    expect(mail.text).toContain(`Référence de la demande : ${reference}`);
    expect(mail.text).toContain(`${PUBLIC_URL}/portail/demandes/${reference}`);
  });
});

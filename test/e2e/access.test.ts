/**
 * Who reads what of a person (spec §10, Decision « qui voit quoi »; issue 11), over HTTP against
 * real servers: a CPAS, the one that follows the person or one that filed a request, reads its
 * request and what concerns it (issue 15 point 4), the Forem the dossier; a rejected request opens nothing; the follower changes
 * only by `changementCpas`; and every read of a person's data, every request by a CPAS or an
 * auditor, is in the access journal, without a NISS.
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import { addDays, addMonths, civilDateInBrussels } from '../../domain/calendar';
import { KEYS, useDevServerApi } from '../helpers/api';
import { DIALECTS } from '../helpers/database';
import { ADULTE, CPAS_LIEGE, CPAS_NAMUR, CPAS_NAMUR_EMAIL, demandeCpas, makeNiss } from '../helpers/fixtures';
import { eventually } from '../helpers/eventually';

describe.each(DIALECTS)('access to a person’s data (%s)', (dialect) => {
  const t = useDevServerApi(dialect);
  const today = civilDateInBrussels(Date.now());

  /** A person registered a month ago, in person, followed by the CPAS de Liège. */
  async function suiviParLiege() {
    const niss = makeNiss('1985-03-12');
    const date = addMonths(today, -1);
    const res = await t.api.post('/v1/inscriptions', KEYS.backoffice, { niss, date, canal: 'presentiel', canalPreferentiel: 'email', personne: ADULTE, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(date, 1) }).expect(200);
    return { niss, parcoursId: res.body.parcoursId as string, date };
  }

  const fact = (parcoursId: string, type: string, body: unknown, key: string = KEYS.backoffice) => t.api.post(`/v1/parcours/${parcoursId}/${type}`, key, body);
  const codes = (lines: Array<{ code: string }>) => lines.map((l) => l.code);

  describe('a request by another CPAS does not hand the person over', () => {
    it('each CPAS, follower or requester, reads its request and what concerns it, nothing else; the Forem reads everything', async () => {
      const { niss, parcoursId, date } = await suiviParLiege();
      await fact(parcoursId, 'affectation', { date, employabilite: 'moyenne' }).expect(200);
      // Liège's own request, dealt with and closed before Namur's.
      const liege = await t.api.post('/v1/demandes', KEYS.cpasLiege, { niss, ...demandeCpas(date) }).expect(200);
      const refLiege = liege.body.etat.demandes[0].reference as string;
      await fact(parcoursId, 'demandeTraitee', { date, reference: refLiege, service: 'Atelier CV', dateRendezVous: addDays(date, 2), lieu: 'Liège' }).expect(200);
      await fact(parcoursId, 'demandeCloturee', { date: addDays(date, 3), reference: refLiege, resultat: 'CV réalisé' }).expect(200);

      const filed = await t.api.post('/v1/demandes', KEYS.cpasNamur, { niss, ...demandeCpas(addDays(today, -2), { cpas: CPAS_NAMUR, contact: { nom: 'Luc Martin', email: 'luc.martin@cpas-namur.example' } }) }).expect(200);
      const refNamur = filed.body.etat.demandes[0].reference as string;
      // Even its own answer shows Namur only what concerns its request.
      expect(filed.body.etat.demandes.map((d: { reference: string }) => d.reference)).toEqual([refNamur]);
      expect(filed.body.etat).not.toHaveProperty('cpas');
      expect(filed.body.etat).not.toHaveProperty('accompagnement');
      expect(JSON.stringify(filed.body)).not.toContain(refLiege);

      // The appointment Namur's request led to, an absence to it: Namur's business.
      await fact(parcoursId, 'demandeTraitee', { date: addDays(today, -1), reference: refNamur, service: 'Formation', dateRendezVous: today, lieu: 'Namur' }).expect(200);
      await fact(parcoursId, 'absence', { date: today }).expect(200);
      await t.h.smtp.waitFor((m) => m.to.includes(CPAS_NAMUR_EMAIL) && m.messageId.startsWith(`<${parcoursId}.`) && m.subject.includes('traitée'));
      await eventually(async () => (await t.h.store.journal(parcoursId)).some((l) => l.code === 'email.demande-traitee' && l.data?.cpas === CPAS_NAMUR), 'Namur’s e-mail in the dossier');

      // The follower too reads the accompaniment it shares with the Forem, not the dossier (issue 15 point 4):
      // its own request's lines and its e-mails; not the registration, the assignment, Namur's request, the absence after its request closed.
      const follower = await t.api.get(`/v1/parcours/${parcoursId}`, KEYS.cpasLiege).expect(200);
      expect(follower.body.cpas).toBe(CPAS_LIEGE);
      const seenByFollower = codes(follower.body.dossier);
      expect(seenByFollower).toEqual(expect.arrayContaining(['demande', 'demande.acceptee', 'demande.traitee', 'demande.cloturee']));
      expect(seenByFollower.filter((c) => !c.startsWith('email.'))).toEqual(['demande', 'demande.acceptee', 'demande.traitee', 'demande.cloturee']);
      expect(follower.body.dossier.filter((l: { kind: string; data?: { cpas?: string } }) => l.kind === 'message').every((l: { data?: { cpas?: string } }) => l.data?.cpas === CPAS_LIEGE)).toBe(true);
      expect(follower.body.demandes.map((d: { reference: string }) => d.reference)).toEqual([refLiege]);
      expect(JSON.stringify(follower.body)).not.toContain(refNamur);
      expect(follower.body).not.toHaveProperty('accompagnement');
      expect(follower.body.echeances).toEqual([]);
      // The Forem reads it all.
      const forem = await t.api.get(`/v1/parcours/${parcoursId}`, KEYS.backoffice).expect(200);
      expect(codes(forem.body.dossier)).toEqual(expect.arrayContaining(['inscription', 'affectation', 'demande', 'absence']));

      const requester = await t.api.get(`/v1/parcours/${parcoursId}`, KEYS.cpasNamur).expect(200);
      expect(requester.body).not.toHaveProperty('cpas');
      expect(requester.body).not.toHaveProperty('accompagnement');
      expect(requester.body).not.toHaveProperty('canal');
      expect(requester.body.demandes.map((d: { reference: string }) => d.reference)).toEqual([refNamur]);
      const seen = codes(requester.body.dossier);
      expect(seen).toEqual(expect.arrayContaining(['demande', 'demande.acceptee', 'demande.traitee', 'absence', 'email.demande-traitee']));
      expect(seen).not.toContain('inscription');
      expect(seen).not.toContain('affectation');
      expect(seen).not.toContain('email.inscription-enregistree');
      expect(JSON.stringify(requester.body)).not.toContain(refLiege);
      expect(JSON.stringify(requester.body)).not.toContain('sophie.lambert@cpas-liege.example');
      expect(requester.body.echeances.map((e: { rule: string }) => e.rule)).toEqual(['absence.justification']);
      // The e-mails' delivery state (issue 13 §4): each CPAS sees those sent to it, the Forem all.
      const modeles = (emails: Array<{ modele: string; cpas?: string }>, cpas?: string) => emails.filter((e) => !cpas || e.cpas === cpas).map((e) => e.modele);
      expect(requester.body.emails.length).toBeGreaterThan(0);
      expect(modeles(requester.body.emails)).toEqual(modeles(requester.body.emails, CPAS_NAMUR));
      expect(modeles(requester.body.emails)).toContain('demande-traitee');
      expect(modeles(follower.body.emails)).toEqual(modeles(follower.body.emails, CPAS_LIEGE));
      expect(modeles(follower.body.emails)).toContain('inscription-enregistree');
      expect(modeles(forem.body.emails, CPAS_NAMUR)).toContain('demande-traitee');
      expect(requester.body.historique.every((e: { code: string }) => ['demande', 'demande.acceptee', 'demande.traitee', 'absence'].includes(e.code))).toBe(true);

      // Namur finds the person by NISS and reads its request; not Liège's.
      expect((await t.api.post('/v1/parcours/recherche', KEYS.cpasNamur, { niss }, null).expect(200)).body).toEqual({ parcoursId });
      await t.api.get(`/v1/demandes/${refNamur}`, KEYS.cpasNamur).expect(200);
      await t.api.get(`/v1/demandes/${refLiege}`, KEYS.cpasNamur).expect(404);
    });

    it('a rejected request gives no access to the person, only to the request itself', async () => {
      const { niss, parcoursId } = await suiviParLiege();
      const etudiant = { beneficiaireRI: true, contratArticle60ou61: false, etudiant: true, reinscritDEIApresArticle60: false };
      const rejected = await t.api.post('/v1/demandes', KEYS.cpasNamur, { niss, ...demandeCpas(today, { cpas: CPAS_NAMUR, situation: etudiant }) }).expect(200);
      const reference = rejected.body.etat.demandes[0].reference as string;
      expect(codes(rejected.body.dossier)).toEqual(['demande', 'demande.rejetee']);
      expect(rejected.body.etat.echeances).toEqual([]);
      // Nothing of the person either: not whether they are registered or suspended, nor their regime.
      expect(rejected.body.etat).not.toHaveProperty('statut');
      expect(rejected.body.etat).not.toHaveProperty('regime');

      const unknown = await t.api.get(`/v1/parcours/ce-${'c'.repeat(32)}`, KEYS.cpasNamur).expect(404);
      expect((await t.api.get(`/v1/parcours/${parcoursId}`, KEYS.cpasNamur).expect(404)).body).toEqual(unknown.body);
      await t.api.post('/v1/parcours/recherche', KEYS.cpasNamur, { niss }, null).expect(404);
      await fact(parcoursId, 'repriseDemandee', { date: today, par: 'cpas' }, KEYS.cpasNamur).expect(404);
      expect((await t.api.get(`/v1/demandes/${reference}`, KEYS.cpasNamur).expect(200)).body.demande).toMatchObject({ reference, statut: 'rejetee' });
    });

    it('a request refused because another CPAS’s is open names neither that request nor its CPAS', async () => {
      const { niss } = await suiviParLiege();
      const liege = await t.api.post('/v1/demandes', KEYS.cpasLiege, { niss, ...demandeCpas(today) }).expect(200);
      const refLiege = liege.body.etat.demandes[0].reference as string;
      const refused = await t.api.post('/v1/demandes', KEYS.cpasNamur, { niss, ...demandeCpas(today, { cpas: CPAS_NAMUR }) }).expect(409);
      expect(refused.body.detail).toContain('une demande est déjà ouverte');
      expect(refused.text).not.toContain(refLiege);
      expect(refused.text).not.toContain(CPAS_LIEGE);
      // Its own open request it is told of.
      const again = await t.api.post('/v1/demandes', KEYS.cpasLiege, { niss, ...demandeCpas(today, { besoin: 'orientation' }) }).expect(409);
      expect(again.body.detail).toContain(refLiege);
    });
  });

  describe('changementCpas', () => {
    it('changes the follower with its reason; the former follower no longer reads the person', async () => {
      const { parcoursId } = await suiviParLiege();
      const res = await fact(parcoursId, 'changementCpas', { date: today, cpas: CPAS_NAMUR, motif: 'déménagement à Namur' }).expect(200);
      expect(res.body.etat.cpas).toBe(CPAS_NAMUR);
      expect(res.body.dossier).toEqual([expect.objectContaining({ code: 'changementCpas', resume: expect.stringContaining('déménagement à Namur'), legalBasis: expect.objectContaining({ ruleId: 'cpas.suivi' }) })]);
      expect((await t.api.get(`/v1/parcours/${parcoursId}`, KEYS.cpasNamur).expect(200)).body.cpas).toBe(CPAS_NAMUR);
      await t.api.get(`/v1/parcours/${parcoursId}`, KEYS.cpasLiege).expect(404);
    });

    it.each([
      ['a CPAS whose convention has ended', '0216987614'],
      ['a CPAS missing from the registry', '0123456749'],
    ])('is refused for %s (422 naming the field)', async (_label, cpas) => {
      const { parcoursId } = await suiviParLiege();
      const res = await fact(parcoursId, 'changementCpas', { date: today, cpas, motif: 'déménagement' }).expect(422);
      expect(res.body.errors).toEqual([{ field: 'cpas', reason: expect.stringContaining('convention') }]);
    });

    it('is the back-office’s: a CPAS may not change the follower', async () => {
      const { parcoursId } = await suiviParLiege();
      await fact(parcoursId, 'changementCpas', { date: today, cpas: CPAS_NAMUR, motif: 'déménagement' }, KEYS.cpasNamur).expect(403);
    });
  });

  describe('the access journal', () => {
    it('records who read or asked what, when, about which parcours, with the outcome, and holds no NISS', async () => {
      const { niss, parcoursId } = await suiviParLiege();
      const since = new Date().toISOString();
      await t.api.get(`/v1/parcours/${parcoursId}`, KEYS.cpasLiege).expect(200);
      await t.api.get(`/v1/parcours/${parcoursId}`, KEYS.cpasNamur).expect(404);
      await t.api.post('/v1/parcours/recherche', KEYS.cpasNamur, { niss }, null).expect(404);
      await t.api.get(`/v1/parcours/${parcoursId}/historique`, KEYS.auditor).expect(200);
      await t.api.get(`/v1/parcours/${parcoursId}`, KEYS.backoffice).expect(200);
      await fact(parcoursId, 'proposition', { date: today, nature: 'emploi' }).expect(200); // a back-office write: in the dossier, not here

      const res = await t.api.get(`/v1/journal-acces?parcoursId=${parcoursId}&from=${since}`, KEYS.auditor).expect(200);
      const entries = res.body.entries as Array<Record<string, unknown>>;
      expect(entries.map((e) => [e.caller, e.role, e.operation, e.status, e.outcome])).toEqual([
        ['cpas-liege-dev', `cpas:${CPAS_LIEGE}`, 'lireParcours', 200, 'granted'],
        ['cpas-namur-dev', `cpas:${CPAS_NAMUR}`, 'lireParcours', 404, 'notFound'],
        ['cpas-namur-dev', `cpas:${CPAS_NAMUR}`, 'rechercherParcours', 404, 'notFound'],
        ['auditor-dev', 'auditor', 'historique', 200, 'granted'],
        ['backoffice-dev', 'backoffice', 'lireParcours', 200, 'granted'],
      ]);
      for (const e of entries) expect(e).toMatchObject({ parcoursId, at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), requestId: expect.any(String) });

      // The auditor's own reading of the journal is journaled too.
      const own = await t.api.get(`/v1/journal-acces?caller=auditor-dev&from=${since}`, KEYS.auditor).expect(200);
      expect(own.body.entries.map((e: { operation: string }) => e.operation)).toEqual(['historique', 'journalAcces']);

      // No NISS in the journal, nor anywhere in the database: its files (SQLite), its tables (PostgreSQL).
      if (dialect === 'sqlite') {
        const db = t.h.databaseUrl;
        await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(t.h.db.kysely);
        for (const file of [db, `${db}-wal`].filter((f) => fs.existsSync(f))) expect(fs.readFileSync(file).includes(niss)).toBe(false);
      } else {
        for (const table of ['access_journal', 'dossier', 'idempotency'] as const) expect(JSON.stringify(await t.h.db.kysely.selectFrom(table).selectAll().execute())).not.toContain(niss);
      }
    });

    it('pages with limit and next, and is for auditors only', async () => {
      const { parcoursId } = await suiviParLiege();
      for (let i = 0; i < 3; i++) await t.api.get(`/v1/parcours/${parcoursId}`, KEYS.cpasLiege).expect(200);
      const first = await t.api.get(`/v1/journal-acces?parcoursId=${parcoursId}&limit=2`, KEYS.auditor).expect(200);
      expect(first.body.entries).toHaveLength(2);
      const second = await t.api.get(`/v1/journal-acces?parcoursId=${parcoursId}&limit=2&after=${first.body.next}`, KEYS.auditor).expect(200);
      expect(second.body.entries).toHaveLength(1);
      expect(second.body).not.toHaveProperty('next');
      await t.api.get('/v1/journal-acces', KEYS.backoffice).expect(403);
      await t.api.get('/v1/journal-acces', KEYS.cpasLiege).expect(403);
      const bad = await t.api.get('/v1/journal-acces?limit=0', KEYS.auditor).expect(400);
      expect(bad.body.errors).toEqual([{ field: 'limit', reason: expect.any(String) }]);
    });
  });
});

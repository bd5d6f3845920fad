/**
 * The HTTP API against real servers (Temporal CLI dev server, worker, SMTP, SQLite): every
 * operation's happy path, validation, role boundaries, idempotent retries, refusals, fuzzing.
 */
import fc from 'fast-check';
import { addDays, addMonths, civilDateInBrussels, lastDayOfPeriod } from '../../domain/calendar';
import { FACT_TYPES } from '../../domain/parcours';
import { parcoursIdOf } from '../../lib/pseudonym';
import { etatQuery } from '../../workflows/definitions';
import { createLogger } from '../../api/app';
import { apiFor, KEYS, SECRET, useDevServerApi } from '../helpers/api';
import { DIALECTS } from '../helpers/database';
import { ADULTE, CPAS_LIEGE, CPAS_NAMUR, demandeCpas, makeNiss } from '../helpers/fixtures';
import { eventually } from '../helpers/eventually';

describe.each(DIALECTS)('HTTP API (%s)', (dialect) => {
  const t = useDevServerApi(dialect);
  const today = civilDateInBrussels(Date.now());

  /** Registers a new CE in person, followed by the CPAS de Liège; returns its NISS and parcoursId. */
  async function inscrire(date = today, overrides: Record<string, unknown> = {}) {
    const niss = makeNiss('1985-03-12');
    const res = await t.api.post('/v1/inscriptions', KEYS.backoffice, { niss, date, canal: 'presentiel', canalPreferentiel: 'email', personne: ADULTE, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(date, 1), ...overrides }).expect(200);
    return { niss, parcoursId: res.body.parcoursId as string };
  }

  const fact = (parcoursId: string, type: string, body: unknown, key: string = KEYS.backoffice) => t.api.post(`/v1/parcours/${parcoursId}/${type}`, key, body);

  describe('happy paths', () => {
    it('records every kind of fact of a parcours and answers with the dossier lines and their basis', async () => {
      const { parcoursId } = await inscrire();
      const affectation = await fact(parcoursId, 'affectation', { date: today, employabilite: 'moyenne' }).expect(200);
      expect(affectation.body.dossier).toEqual([expect.objectContaining({ code: 'affectation', legalBasis: expect.objectContaining({ basis: expect.stringContaining('art. 16 §2') }) })]);
      expect(affectation.body.etat.accompagnement.type).toBe('axeMetier');
      await fact(parcoursId, 'contactMensuel', { date: today, individuel: true, prochaineDate: addMonths(today, 1) }).expect(200);
      await fact(parcoursId, 'proposition', { date: today, nature: 'formation' }).expect(200);
      await fact(parcoursId, 'sollicitation', { date: addDays(today, 3), nature: 'convocation' }).expect(200);
      await fact(parcoursId, 'absence', { date: today }).expect(200);
      await fact(parcoursId, 'justification', { date: today, admise: true }).expect(200);
      await fact(parcoursId, 'signalAlerte', { date: today, motif: 'demandeAide' }).expect(200);
      await fact(parcoursId, 'desinscription', { date: today }).expect(200);
      const cloture = await fact(parcoursId, 'cloture', { date: today, motif: 'pension' }).expect(200);
      expect(cloture.body.etat.statut).toBe('cloture');
    });

    it('telephone and online registrations: authentification, fixationContact, objectivation', async () => {
      const tel = await inscrire(today, { canal: 'telephone' });
      expect((await fact(tel.parcoursId, 'authentification', { date: today }).expect(200)).body.etat.statut).toBe('inscrit');
      const online = await inscrire(today, { canal: 'enLigne', dateContactMensuel: undefined });
      await fact(online.parcoursId, 'fixationContact', { date: today, dateContactMensuel: addMonths(today, 1) }).expect(200);
      const objectivation = await fact(online.parcoursId, 'objectivation', { date: today }).expect(200);
      expect(objectivation.body.etat.echeances.map((e: { rule: string }) => e.rule)).not.toContain('inscription.enLigne.objectivation');
    });

    it('a CPAS request from filing to closure, readable by its CPAS', async () => {
      const { niss, parcoursId } = await inscrire();
      const filed = await t.api.post('/v1/demandes', KEYS.cpasLiege, { niss, ...demandeCpas(today) }).expect(200);
      expect(filed.body.parcoursId).toBe(parcoursId);
      const reference = filed.body.etat.demandes[0].reference as string;
      await fact(parcoursId, 'demandeTraitee', { date: today, reference, service: 'Atelier CV', dateRendezVous: addDays(today, 5), lieu: 'Liège' }).expect(200);
      await fact(parcoursId, 'retourEntretien', { date: today, reference, faits: 'présente', besoins: 'mobilité', perspectives: 'formation', conseiller: { nom: 'Paul Durand', email: 'paul.durand@forem.example' } }).expect(200);
      await fact(parcoursId, 'demandeCloturee', { date: today, reference, resultat: 'CV réalisé' }).expect(200);
      await t.h.smtp.waitFor((m) => m.messageId.startsWith(`<${parcoursId}.`) && m.subject.includes('Demande clôturée'));
      await eventually(async () => (await t.h.store.journal(parcoursId)).some((l) => l.code === 'email.demande-cloturee'), 'the closing e-mail in the dossier');

      const list = await t.api.get('/v1/demandes', KEYS.cpasLiege).expect(200);
      expect(list.body.demandes).toContainEqual(expect.objectContaining({ reference, parcoursId, cpas: CPAS_LIEGE }));
      const one = await t.api.get(`/v1/demandes/${reference}`, KEYS.cpasLiege).expect(200);
      expect(one.body.demande).toMatchObject({ reference, statut: 'cloturee' });
      const read = await t.api.get(`/v1/parcours/${parcoursId}`, KEYS.cpasLiege).expect(200);
      expect(read.body.dossier.filter((l: { kind: string }) => l.kind === 'message').map((l: { code: string }) => l.code)).toEqual(
        expect.arrayContaining(['email.demande-traitee', 'email.retour-entretien', 'email.demande-cloturee']),
      );
    });

    it('reads: search by NISS in a body, the registry, the history for auditors, health and readiness', async () => {
      const { niss, parcoursId } = await inscrire();
      expect((await t.api.post('/v1/parcours/recherche', KEYS.backoffice, { niss }, null).expect(200)).body).toEqual({ parcoursId });
      const cpas = await t.api.get('/v1/cpas', KEYS.backoffice).expect(200);
      expect(cpas.body.cpas).toContainEqual(expect.objectContaining({ numeroEntreprise: CPAS_LIEGE, conventionEnVigueur: true }));
      expect((await t.api.get('/v1/cpas/0216987614', KEYS.cpasLiege).expect(200)).body.conventionEnVigueur).toBe(false);
      await t.api.get('/v1/cpas/0999999999', KEYS.backoffice).expect(404);
      const history = await t.api.get(`/v1/parcours/${parcoursId}/historique`, KEYS.auditor).expect(200);
      expect(history.body.events[0].eventType).toMatch(/WORKFLOW_EXECUTION_STARTED|WorkflowExecutionStarted/);
      expect(JSON.stringify(history.body)).not.toContain(niss);
      await t.api.get('/v1/health', '').expect(200);
      expect((await t.api.get('/v1/ready', '').expect(200)).body).toEqual({ status: 'ready', checks: { database: 'ok', temporal: 'ok' } });
    });

    it('documents every operation in OpenAPI 3.1 and serves Swagger UI from local assets', async () => {
      const doc = (await t.api.get('/v1/openapi.json', '').expect(200)).body;
      expect(doc.openapi).toBe('3.1.0');
      const operationIds = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap((p) => Object.values(p).map((o) => o.operationId));
      for (const type of FACT_TYPES) expect(operationIds).toContain(type);
      expect(operationIds).toEqual(expect.arrayContaining(['lireParcours', 'rechercherParcours', 'historique', 'listerDemandes', 'lireDemande', 'listerCpas', 'lireCpas', 'health', 'ready']));
      const inscription = doc.paths['/v1/inscriptions'].post;
      expect(inscription.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['niss', 'date', 'canal', 'personne']));
      expect(inscription.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }));
      const page = await t.api.get('/v1/docs', '').expect(200);
      expect(page.text).toContain('/v1/docs/assets/swagger-ui-bundle.js');
      expect(page.text).not.toMatch(/https?:\/\//);
      await t.api.get('/v1/docs/assets/swagger-ui-bundle.js', '').expect(200).expect('content-type', /javascript/);
    });
  });

  describe('the contract', () => {
    it('describes every 200 with the schema the code returns, and documents every status an operation can give', async () => {
      const doc = (await t.api.get('/v1/openapi.json', '').expect(200)).body;
      type Op = { operationId: string; security?: unknown[]; requestBody?: unknown; parameters?: Array<{ in: string; name: string }>; responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }> };
      const ops = Object.entries(doc.paths as Record<string, Record<string, Op>>).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
      for (const { path, method, op } of ops.filter((o) => o.op.security?.length)) {
        const content = op.responses['200'].content!;
        if (!content['application/json']) {
          // The monitoring's CSV export and report page: text, with the media type the answer has.
          expect([op.operationId, Object.keys(content)]).toEqual([op.operationId, [{ exporterMonitoring: 'text/csv; charset=utf-8; header=present', rapportMonitoring: 'text/html; charset=utf-8' }[op.operationId]]]);
        } else {
          const ok = content['application/json'].schema;
          expect([op.operationId, ok.type === 'object' && Object.keys((ok.properties as object) ?? {}).length > 0]).toEqual([op.operationId, true]);
        }
        const statuses = Object.keys(op.responses);
        const expected = ['401', '429', '503'];
        if (op.requestBody) expected.push('400', '413');
        if (op.parameters?.some((p) => p.name === 'Idempotency-Key')) expected.push('409', '422');
        expect(method === 'get' || op.requestBody).toBeTruthy();
        if (path.includes('{')) expected.push('404');
        expect([op.operationId, statuses]).toEqual([op.operationId, expect.arrayContaining(expected)]);
      }
      const lire = doc.paths['/v1/parcours/{parcoursId}'].get.responses['200'].content['application/json'].schema;
      expect(Object.keys(lire.properties)).toEqual(expect.arrayContaining(['parcoursId', 'statut', 'echeances', 'demandes', 'dossier']));
      expect(doc.paths['/v1/cpas'].get.responses).not.toHaveProperty('403'); // every role may read the registry
      expect(doc.paths['/v1/parcours/{parcoursId}/historique'].get.responses).toHaveProperty('403');
      // What JSON Schema can say of checksums and dates, it says.
      const inscription = doc.paths['/v1/inscriptions'].post.requestBody.content['application/json'].schema;
      expect(inscription.properties.niss).toMatchObject({ pattern: '^[0-9]{11}$', format: 'niss' });
      expect(inscription.properties.cpas).toMatchObject({ format: 'numero-entreprise' });
      expect(new RegExp(inscription.properties.date.pattern).test('2027-02-29')).toBe(false);
      expect(new RegExp(inscription.properties.date.pattern).test('9999-12-31')).toBe(false);
    });

    it('the answers the operations give fit the schemas the document shows', async () => {
      const { niss, parcoursId } = await inscrire();
      const { parcoursAnswerSchema, factAnswerSchema, rechercheAnswerSchema } = await import('../../api/responses');
      expect(parcoursAnswerSchema.safeParse((await t.api.get(`/v1/parcours/${parcoursId}`, KEYS.backoffice).expect(200)).body).error).toBeUndefined();
      expect(factAnswerSchema.safeParse((await fact(parcoursId, 'proposition', { date: today, nature: 'emploi' }).expect(200)).body).error).toBeUndefined();
      expect(rechercheAnswerSchema.safeParse((await t.api.post('/v1/parcours/recherche', KEYS.backoffice, { niss }, null).expect(200)).body).error).toBeUndefined();
    });
  });

  describe('validation', () => {
    it.each([
      ['a date that does not exist', { date: '2026-02-30' }, 'date', 'n’existe pas'],
      ['an unknown channel', { canal: 'pigeon' }, 'canal', 'enLigne, telephone, presentiel'],
      ['a wrong NISS checksum', { niss: '85073003329' }, 'niss', 'clé de contrôle'],
      ['a CPAS number with a wrong checksum', { cpas: '0207123408' }, 'cpas', 'clé de contrôle'],
      ['an unexpected field', { couleur: 'bleu' }, '(corps)', 'couleur'],
      ['a missing birth date', { personne: { experienceProfessionnelle: true, autonomieNumerique: true } }, 'personne.dateNaissance', ''],
    ])('%s: 400 naming the field and the reason', async (_label, override, field, reason) => {
      const body = { niss: makeNiss('1985-03-12'), date: today, canal: 'presentiel', canalPreferentiel: 'email', personne: ADULTE, dateContactMensuel: today, ...override };
      const res = await t.api.post('/v1/inscriptions', KEYS.backoffice, body).expect(400).expect('content-type', /application\/problem\+json/);
      expect(res.body.errors).toContainEqual({ field, reason: expect.stringContaining(reason) });
    });

    it('every write requires an Idempotency-Key', async () => {
      const res = await t.api.post('/v1/inscriptions', KEYS.backoffice, {}, null).expect(400);
      expect(res.body.errors).toEqual([{ field: 'Idempotency-Key', reason: expect.stringContaining('requis') }]);
    });

    it('unreadable JSON and oversized bodies are 4xx', async () => {
      const res = await t.api.post('/v1/inscriptions', KEYS.backoffice, '{"niss": ').expect(400);
      expect(res.body.title).toBe('Corps JSON illisible');
      await t.api.post('/v1/inscriptions', KEYS.backoffice, { padding: 'x'.repeat(70_000) }).expect(413);
    });
  });

  describe('the facts of issue 9 over HTTP', () => {
    it('employment, its end, a change of situation, non-collaboration: recorded with their basis; a change with nothing to change is a 400 naming the field', async () => {
      const { parcoursId } = await inscrire();
      const emploi = await fact(parcoursId, 'emploi', { date: today }).expect(200);
      expect(emploi.body.dossier).toContainEqual(expect.objectContaining({ code: 'emploi.periode', legalBasis: expect.objectContaining({ ruleId: 'cloture.nonInoccupe' }) }));
      await fact(parcoursId, 'finEmploi', { date: today }).expect(200);
      const vide = await fact(parcoursId, 'changementSituation', { date: today }).expect(400);
      expect(JSON.stringify(vide.body)).toContain('canalPreferentiel');
      await fact(parcoursId, 'changementSituation', { date: today, canalPreferentiel: 'courrier' }).expect(200);
      await fact(parcoursId, 'nonCollaboration', { date: today, nature: 'refus' }).expect(409); // art. 34 §1 al. 2: the CE must be told first
      const suspension = await fact(parcoursId, 'nonCollaboration', { date: today, nature: 'refus', informationPrealable: true }).expect(200);
      expect(suspension.body.etat.statut).toBe('suspendu');
      const refus = await fact(parcoursId, 'decisionServiceControle', { date: today, exclusionDefinitive: true }).expect(409);
      expect(refus.body.detail).toContain('aucune transmission');
      await fact(parcoursId, 'cloture', { date: today, motif: 'nonInoccupe' }).expect(400);
    });
  });

  describe('late facts (spec §11)', () => {
    it('a justification dated on the fifth working day, recorded later: the answer shows the rectification, the read shows the decision annulled', async () => {
      const debut = addMonths(today, -1);
      const { parcoursId } = await inscrire(debut);
      const absence = addDays(debut, 1);
      await fact(parcoursId, 'absence', { date: absence }).expect(200); // its five working days are past: unjustified, a registered letter owed
      const cinquieme = lastDayOfPeriod(absence, { amount: 5, unit: 'joursOuvrables' });
      const res = await fact(parcoursId, 'justification', { date: cinquieme, admise: true }).expect(200);
      const annulations = res.body.dossier.filter((l: { code: string }) => l.code === 'rectification.annulation');
      expect(annulations).toContainEqual(expect.objectContaining({ data: expect.objectContaining({ code: 'absence.nonJustifiee' }), legalBasis: expect.objectContaining({ ruleId: 'rectification.faitTardif' }) }));
      const read = await t.api.get(`/v1/parcours/${parcoursId}`, KEYS.backoffice).expect(200);
      const decision = read.body.dossier.find((l: { code: string }) => l.code === 'absence.nonJustifiee');
      expect(decision.annuleePar).toEqual(expect.stringMatching(/^j:/));
      // The document says so too: its dossier lines admit no property it does not list.
      const { dossierLineSchema } = await import('../../api/responses');
      expect(dossierLineSchema.strict().safeParse(decision).error).toBeUndefined();
    });
  });

  describe('refusals (409) and unknown parcours (404)', () => {
    it('refuses a fact the parcours cannot take, with the reason, and records nothing', async () => {
      const { parcoursId } = await inscrire();
      // The fact and decision lines only: the inscription's e-mail is recorded whenever SMTP took it.
      const lines = async () => (await t.h.store.journal(parcoursId)).filter((l) => l.key.startsWith('j:'));
      const before = (await lines()).length;
      const res = await fact(parcoursId, 'reconvocation', { date: today, mode: 'recommandePostal', dateRendezVous: addDays(today, 30) }).expect(409);
      expect(res.body.detail).toContain('aucune absence n’attend de sollicitation par recommandé');
      expect(await lines()).toHaveLength(before);
    });

    it('refuses a CPAS reprise before seven months with the date it becomes possible', async () => {
      const { niss, parcoursId } = await inscrire(addMonths(today, -3));
      await t.api.post('/v1/demandes', KEYS.cpasLiege, { niss, ...demandeCpas(addMonths(today, -3)) }).expect(200);
      const premiere = addMonths(today, -3);
      await fact(parcoursId, 'absence', { date: premiere }).expect(200); // its 5 working days are long past
      const envoi = addDays(lastDayOfPeriod(premiere, { amount: 5, unit: 'joursOuvrables' }), 1);
      await fact(parcoursId, 'reconvocation', { date: envoi, mode: 'recommandePostal', dateRendezVous: addDays(envoi, 21) }).expect(200);
      const seconde = addDays(envoi, 21);
      const suspension = await fact(parcoursId, 'absence', { date: seconde }).expect(200);
      expect(suspension.body.etat.statut).toBe('suspendu');
      // Art. 30 §3 takes effect the day after the five working days that follow the absence at the registered appointment.
      const effet = addDays(lastDayOfPeriod(seconde, { amount: 5, unit: 'joursOuvrables' }), 1);
      const res = await fact(parcoursId, 'repriseDemandee', { date: today, par: 'cpas' }, KEYS.cpasLiege).expect(409);
      expect(res.body.detail).toContain(`à partir du ${addMonths(effet, 7)}`);
      const absence = await fact(parcoursId, 'absence', { date: today }).expect(409);
      expect(absence.body.detail).toContain('suspendu');
    });

    it('refuses the reprise to a CPAS whose own request was not the one stopped: the follower cannot restart the requester’s accompaniment', async () => {
      // Liège follows the person; Namur's request is stopped by two unjustified absences (art. 30 §3).
      const { niss, parcoursId } = await inscrire(addMonths(today, -3));
      await t.api.post('/v1/demandes', KEYS.cpasNamur, { niss, ...demandeCpas(addMonths(today, -3), { cpas: CPAS_NAMUR }) }).expect(200);
      const premiere = addMonths(today, -3);
      await fact(parcoursId, 'absence', { date: premiere }).expect(200);
      const envoi = addDays(lastDayOfPeriod(premiere, { amount: 5, unit: 'joursOuvrables' }), 1);
      await fact(parcoursId, 'reconvocation', { date: envoi, mode: 'recommandePostal', dateRendezVous: addDays(envoi, 21) }).expect(200);
      await fact(parcoursId, 'absence', { date: addDays(envoi, 21) }).expect(200);
      await eventually(async () => (await t.h.store.journal(parcoursId)).some((l) => l.code === 'demande.arretee'), 'Namur’s request stopped');
      const res = await fact(parcoursId, 'repriseDemandee', { date: today, par: 'cpas' }, KEYS.cpasLiege).expect(409);
      expect(res.body.detail).toContain('aucune demande de ce CPAS n’est arrêtée');
      expect((await t.h.store.journal(parcoursId)).some((l) => l.code === 'reprise.cpas')).toBe(false);
    });

    it('a fact for an unknown parcours is 404, and so is its history', async () => {
      await fact(`ce-${'a'.repeat(32)}`, 'absence', { date: today }).expect(404);
      await t.api.get(`/v1/parcours/ce-${'a'.repeat(32)}/historique`, KEYS.auditor).expect(404);
      await fact('not-a-parcours', 'absence', { date: today }).expect(404);
    });

    it('a registration dated in the future is refused, and the parcours it opened holds nothing', async () => {
      const niss = makeNiss('1985-03-12');
      const res = await t.api.post('/v1/inscriptions', KEYS.backoffice, { niss, date: addDays(today, 2), canal: 'enLigne', canalPreferentiel: 'email', personne: ADULTE }).expect(409);
      expect(res.body.detail).toContain('dans le futur');
      const parcoursId = parcoursIdOf(niss, SECRET);
      const view = await t.env.client.workflow.getHandle(`parcours-${parcoursId}`).query(etatQuery);
      expect(view).toMatchObject({ statut: 'nonInscrit', echeances: [], historique: [] });
      expect(await t.h.store.journal(parcoursId)).toEqual([]);
    });
  });

  describe('a person whose earlier workflow has ended', () => {
    it('a new registration opens a new run whose dossier lines follow the earlier ones: none is lost to a key already used', async () => {
      const niss = makeNiss('1985-03-12');
      const parcoursId = parcoursIdOf(niss, SECRET);
      // A request for someone not registered: rejected, e-mailed, and the workflow ends.
      await t.api.post('/v1/demandes', KEYS.cpasLiege, { niss, ...demandeCpas(today) }).expect(200);
      await eventually(async () => (await t.env.client.workflow.getHandle(`parcours-${parcoursId}`).describe()).status.name === 'COMPLETED', 'the first run to end');
      const avant = (await t.h.store.journal(parcoursId)).filter((l) => l.key.startsWith('j:')).length;
      expect(avant).toBeGreaterThan(0);
      await t.api.post('/v1/inscriptions', KEYS.backoffice, { niss, date: today, canal: 'presentiel', canalPreferentiel: 'email', personne: ADULTE, cpas: CPAS_LIEGE, dateContactMensuel: addMonths(today, 1) }).expect(200);
      const lignes = (await t.h.store.journal(parcoursId)).filter((l) => l.key.startsWith('j:'));
      expect(lignes.map((l) => l.code)).toContain('inscription');
      expect(lignes.find((l) => l.code === 'inscription')?.key).toBe(`j:${String(avant + 1).padStart(8, '0')}`);
    });
  });

  describe('roles', () => {
    it('401 without a key or with an unknown one', async () => {
      await t.api.get('/v1/cpas', '').expect(401);
      await t.api.get('/v1/cpas', 'not-a-key').expect(401);
    });

    it('403 outside the role', async () => {
      const { niss, parcoursId } = await inscrire();
      await t.api.post('/v1/inscriptions', KEYS.cpasLiege, {}).expect(403);
      await t.api.post('/v1/demandes', KEYS.backoffice, {}).expect(403);
      await fact(parcoursId, 'absence', { date: today }, KEYS.auditor).expect(403);
      await t.api.get(`/v1/parcours/${parcoursId}/historique`, KEYS.backoffice).expect(403);
      await fact(parcoursId, 'repriseDemandee', { date: today, par: 'ce' }, KEYS.cpasLiege).expect(403);
      await t.api.post('/v1/demandes', KEYS.cpasLiege, { niss, ...demandeCpas(today, { cpas: '0207456769' }) }).expect(403);
    });

    it('a CPAS without a convention in force cannot file a request, and is told why', async () => {
      const { niss } = await inscrire();
      const res = await t.api.post('/v1/demandes', KEYS.cpasCharleroi, { niss, ...demandeCpas(today, { cpas: '0216987614' }) }).expect(403);
      expect(res.body.detail).toContain('convention');
    });

    it('a CPAS reading another CPAS’s person gets the same answer as for a person who does not exist', async () => {
      const { niss, parcoursId } = await inscrire();
      const filed = await t.api.post('/v1/demandes', KEYS.cpasLiege, { niss, ...demandeCpas(today) }).expect(200);
      const reference = filed.body.etat.demandes[0].reference;
      const other = await t.api.get(`/v1/parcours/${parcoursId}`, KEYS.cpasNamur).expect(404);
      const missing = await t.api.get(`/v1/parcours/ce-${'b'.repeat(32)}`, KEYS.cpasNamur).expect(404);
      expect(other.body).toEqual(missing.body);
      await t.api.post('/v1/parcours/recherche', KEYS.cpasNamur, { niss }, null).expect(404);
      await t.api.get(`/v1/demandes/${reference}`, KEYS.cpasNamur).expect(404);
      expect((await t.api.get('/v1/demandes', KEYS.cpasNamur).expect(200)).body.demandes.map((d: { reference: string }) => d.reference)).not.toContain(reference);
      await t.api.get(`/v1/parcours/${parcoursId}`, KEYS.cpasLiege).expect(200);
    });
  });

  describe('idempotency', () => {
    it('the same key twice changes nothing the second time and returns the first answer', async () => {
      const { parcoursId } = await inscrire();
      const body = { date: today, nature: 'emploi' };
      const first = await fact(parcoursId, 'proposition', body).set('Idempotency-Key', 'retry-key-0001').expect(200);
      const journal = (await t.h.store.journal(parcoursId)).length;
      const second = await fact(parcoursId, 'proposition', body).set('Idempotency-Key', 'retry-key-0001').expect(200);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body).toEqual(first.body);
      expect(await t.h.store.journal(parcoursId)).toHaveLength(journal);
    });

    it('a refusal is replayed as it was given', async () => {
      const { parcoursId } = await inscrire();
      const body = { date: today, mode: 'recommandePostal', dateRendezVous: addDays(today, 30) };
      const first = await fact(parcoursId, 'reconvocation', body).set('Idempotency-Key', 'refused-key-0001').expect(409);
      const second = await fact(parcoursId, 'reconvocation', body).set('Idempotency-Key', 'refused-key-0001').expect(409);
      expect(second.body).toEqual(first.body);
    });

    it('the same key for another request is 422', async () => {
      const { parcoursId } = await inscrire();
      await fact(parcoursId, 'proposition', { date: today, nature: 'emploi' }).set('Idempotency-Key', 'reused-key-0001').expect(200);
      const res = await fact(parcoursId, 'proposition', { date: today, nature: 'stage' }).set('Idempotency-Key', 'reused-key-0001').expect(422);
      expect(res.body.title).toBe('Idempotency-Key réutilisée');
    });
  });

  describe('logs', () => {
    it('carry a request id per request and never a national number', async () => {
      const lines: string[] = [];
      const logged = apiFor(t.h, undefined, createLogger('info', { write: (line: string) => void lines.push(line) }));
      const niss = makeNiss('1985-03-12');
      const res = await logged.post('/v1/inscriptions', KEYS.backoffice, { niss, date: today, canal: 'presentiel', canalPreferentiel: 'sms', personne: ADULTE, dateContactMensuel: addMonths(today, 1) }).set('X-Request-Id', 'req-test-42').expect(200);
      expect(res.headers['x-request-id']).toBe('req-test-42');
      await logged.post('/v1/parcours/recherche', KEYS.backoffice, { niss: niss.slice(0, 10) }, null).expect(400);
      expect(lines.map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ reqId: 'req-test-42', caller: 'backoffice-dev', method: 'POST', path: '/v1/inscriptions', status: 200 }));
      expect(lines.join('\n')).not.toContain(niss);
      expect(lines.join('\n')).not.toContain(niss.slice(0, 10));
    });

    it('redact a national number wherever a log line would carry one', () => {
      const lines: string[] = [];
      createLogger('info', { write: (line: string) => void lines.push(line) }).info({ niss: '85073003328', body: { niss: '85073003328' } }, 'x');
      expect(lines[0]).not.toContain('85073003328');
      expect(lines[0]).toContain('[caché]');
    });
  });

  describe('fuzzing every write with arbitrary JSON', () => {
    it('never answers 5xx and records nothing', async () => {
      const { parcoursId } = await inscrire();
      const writes: Array<[url: string, key: string]> = [
        ['/v1/inscriptions', KEYS.backoffice],
        ['/v1/demandes', KEYS.cpasLiege],
        ...FACT_TYPES.filter((t) => t !== 'inscription' && t !== 'demande').map((t): [string, string] => [`/v1/parcours/${parcoursId}/${t}`, KEYS.backoffice]),
      ];
      // The inscription's e-mail is recorded in the background: let it land before measuring.
      await eventually(async () => (await t.h.store.journal(parcoursId)).some((l) => l.kind === 'message'), 'the inscription e-mail in the dossier');
      const dossier = await t.h.store.size();
      const answers = await t.api.idempotency.size();
      for (const [url, key] of writes) {
        await fc.assert(
          fc.asyncProperty(fc.jsonValue(), fc.option(fc.string(), { nil: undefined }), async (body, idempotencyKey) => {
            const res = await t.api.post(url, key, body, idempotencyKey ?? `fuzz-${Math.random().toString(36).slice(2)}`);
            return res.status >= 400 && res.status < 500;
          }),
          { numRuns: 30 },
        );
      }
      expect(await t.h.store.size()).toBe(dossier);
      expect(await t.api.idempotency.size()).toBe(answers);
    });
  });

  // Last in the file: it ends Namur's convention, and no test above files a request for Namur.
  describe('conventions (spec §12)', () => {
    const PROPOSITION = {
      cpas: CPAS_NAMUR,
      cpasAssocies: [],
      contacts: { cpas: { nom: 'Cellule emploi', email: 'emploi@cpas-namur.example' }, forem: { nom: 'Relations partenariales', email: 'partenariats@forem.example' } },
      deleguesProtectionDonnees: { cpas: { nom: 'DPO CPAS', email: 'dpo@cpas-namur.example' }, forem: { nom: 'DPO Forem', email: 'dpo@forem.example' } },
      publicVise: 'Bénéficiaires du RI inscrits comme demandeurs d’emploi',
      objectifs: ['Fluidifier le parcours du demandeur d’emploi'],
      indicateurs: ['Personnes orientées'],
    };
    const base = `/v1/conventions/${CPAS_NAMUR}`;
    const post = (type: string, body: unknown, key: string = KEYS.backoffice) => t.api.post(`${base}/${type}`, key, body);

    it('records the stages with their basis; after the end of notice the CPAS may file no new request, and is told why', async () => {
      await post('proposition', { date: '2025-01-06', proposition: PROPOSITION }, KEYS.cpasNamur).expect(403);
      await post('proposition', { date: '2025-01-06', proposition: { ...PROPOSITION, cpas: CPAS_LIEGE } }).expect(422);
      await post('signature', { date: '2025-02-03' }).expect(404);
      await post('proposition', { date: '2025-01-06', proposition: PROPOSITION }).expect(200);
      expect((await post('signature', { date: '2025-02-03' }).expect(409)).body.detail).toMatch(/approuvée par le comité de pilotage/);
      await post('approbation', { date: '2025-01-20', comite: 'Comité de pilotage de Namur' }).expect(200);
      const signed = await post('signature', { date: '2025-02-03' }).expect(200);
      expect(signed.body.journal).toEqual([expect.objectContaining({ code: 'convention.signature', ruleId: 'convention.vigueur', basis: expect.stringContaining('art. 8') })]);
      expect(signed.body.convention).toMatchObject({ statut: 'enVigueur', enVigueur: true, signeeLe: '2025-02-03' });

      // Registered letter of Monday 4 August 2025: + 3 months = Tuesday 4 November 2025, a working day (art. 1.7).
      const denoncee = await post('denonciation', { date: '2025-08-04', par: 'cpas', motif: 'Réorganisation des services' }).expect(200);
      expect(denoncee.body.convention.denonciation).toEqual({ dateCourrier: '2025-08-04', par: 'cpas', motif: 'Réorganisation des services', finPreavis: '2025-11-04' });
      await eventually(async () => (await t.h.conventions.journal(CPAS_NAMUR)).some((l) => l.code === 'convention.terminee'), 'the end of the convention');
      await t.h.smtp.waitFor((m) => m.to.includes('partenariats@forem.example') && m.subject.includes('Fin de la convention'));

      const { niss } = await inscrire();
      const refused = await t.api.post('/v1/demandes', KEYS.cpasNamur, { niss, ...demandeCpas(today, { cpas: CPAS_NAMUR }) }).expect(403);
      expect(refused.body.errors).toEqual([{ field: 'cpas', reason: 'la convention de coopération a pris fin le 2025-11-04 (fin du préavis, convention art. 8) : plus aucune nouvelle demande' }]);
      const read = await t.api.get(base, KEYS.auditor).expect(200);
      expect(read.body.convention).toMatchObject({ statut: 'terminee', enVigueur: false });
      expect(read.body.journal.map((l: { code: string }) => l.code)).toEqual(expect.arrayContaining(['convention.proposition', 'convention.approbation', 'convention.signature', 'convention.denonciation', 'convention.terminee']));
      // Each e-mail to the contact persons with its delivery state; the end's, received above, sent.
      const envoyes = await eventually(async () => {
        const emails = (await t.api.get(base, KEYS.auditor).expect(200)).body.emails as Array<{ modele: string; etat: string; tentatives: number }>;
        return emails.some((e) => e.modele === 'convention-fin-preavis' && e.etat === 'envoye') && emails;
      }, 'the end of the convention e-mail, sent');
      expect(envoyes.every((e) => e.tentatives >= 1)).toBe(true);
      await t.api.get(base, KEYS.cpasNamur).expect(403);
    });

    it('monitoring figures: Forem roles read any CPAS, a CPAS its own only; aggregates with small cells hidden', async () => {
      const { niss } = await inscrire();
      await t.api.post('/v1/demandes', KEYS.cpasLiege, { niss, ...demandeCpas(today) }).expect(200);
      const year = today.slice(0, 4);
      const figures = (await t.api.get(`/v1/monitoring/${CPAS_LIEGE}/${year}`, KEYS.cpasLiege).expect(200)).body;
      expect(figures).toMatchObject({ cpas: CPAS_LIEGE, du: `${year}-01-01`, au: today });
      expect(figures.demandes === '< 5' || figures.demandes >= 5).toBe(true);
      // Whatever this file filed, a count is a number of at least 5 or « < 5 ».
      for (const v of [figures.personnesOrientees, figures.demandes, ...Object.values(figures.issues)]) expect(v === '< 5' || (typeof v === 'number' && v >= 5)).toBe(true);
      expect((await t.api.get(`/v1/monitoring/${CPAS_LIEGE}/2025`, KEYS.auditor).expect(200)).body).toMatchObject({ du: '2025-01-01', au: '2025-12-31' });
      await t.api.get(`/v1/monitoring/${CPAS_LIEGE}/${year}`, KEYS.cpasNamur).expect(403);
      await t.api.get(`/v1/monitoring/0123456749/${year}`, KEYS.backoffice).expect(404);
      await t.api.get(`/v1/monitoring/${CPAS_LIEGE}/${Number(year) + 1}`, KEYS.backoffice).expect(404);
    });
  });
});

/**
 * Every e-mail of spec §9 (and the Service contrôle transmission), sent by the real activity
 * through nodemailer to a real SMTP server and recorded in a real SQLite dossier.
 */
import path from 'node:path';
import { createConventionActivities } from '../../activities/convention';
import { createEmailActivities } from '../../activities/email';
import type { ConventionEmail, ConventionTemplate } from '../../domain/convention';
import { ConventionStore } from '../../lib/convention-store';
import { MonitoringStore } from '../../lib/monitoring';
import type { EmailIntent, EmailTemplate } from '../../domain/parcours';
import { CpasRegistry } from '../../lib/cpas-registry';
import { DossierStore } from '../../lib/dossier-store';
import { createSmtpTransport } from '../../worker/worker';
import { CPAS_LIEGE, CPAS_LIEGE_EMAIL, makeNiss } from '../helpers/fixtures';
import { TestSmtpServer } from '../helpers/smtp';
import { freshDatabase, type TestDatabase } from '../helpers/database';

const HOSTILE = '<script>alert("x")</script> & <b>Cie</b>';
const CONTROLE = 'controle@forem.test';
const PUBLIC_URL = 'https://parcours.forem.test';

let smtp: TestSmtpServer;
let database: TestDatabase;
let store: DossierStore;
let activities: ReturnType<typeof createEmailActivities>;
let conventions: ConventionStore;
let conventionActivities: ReturnType<typeof createConventionActivities>;

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  database = await freshDatabase('sqlite');
  const db = database.db;
  store = new DossierStore(db);
  const registry = CpasRegistry.fromFile(path.resolve(__dirname, '../../config/cpas.json'));
  activities = createEmailActivities({ transport: createSmtpTransport('127.0.0.1', smtp.port), registry, store, from: 'Parcours <parcours@forem.invalid>', serviceControle: CONTROLE, publicUrl: PUBLIC_URL });
  conventions = new ConventionStore(db);
  conventionActivities = createConventionActivities({ conventions, monitoring: new MonitoringStore(db), transport: createSmtpTransport('127.0.0.1', smtp.port), from: 'Parcours <parcours@forem.invalid>' });
});

afterAll(async () => {
  await smtp.stop();
  await database.drop();
});

interface Case {
  subject: string;
  data: EmailIntent['data'];
  /** Lines the plain text must carry. */
  facts: string[];
  to?: string;
}

const CASES: Record<EmailTemplate, Case> = {
  'inscription-enregistree': { subject: 'Inscription enregistrée', data: { dateInscription: '2026-06-01', canal: 'en ligne' }, facts: ['Date d’inscription : lundi 1 juin 2026', 'Canal : en ligne'] },
  'demande-traitee': {
    subject: 'Demande réceptionnée et traitée',
    data: { reference: 'DEM-1', service: 'Atelier CV', dateRendezVous: '2026-06-01', lieu: HOSTILE },
    facts: ['Référence de la demande : DEM-1', 'Prestation : Atelier CV', 'Date : lundi 1 juin 2026', `Lieu : ${HOSTILE}`],
  },
  'demande-rejetee': {
    subject: 'Demande rejetée',
    data: { reference: 'DEM-2', beneficiaire: HOSTILE, motif: 'la personne n’est pas inscrite comme demandeuse d’emploi au Forem', suite: 'Invitez la personne à s’inscrire.' },
    facts: ['Motif : la personne n’est pas inscrite comme demandeuse d’emploi au Forem', 'Invitez la personne à s’inscrire.', `Personne : ${HOSTILE}`],
  },
  'retour-entretien': {
    subject: 'Retour après le premier entretien',
    data: { reference: 'DEM-3', faits: 'présente à l’heure', besoins: HOSTILE, perspectives: 'formation qualifiante', conseiller: 'Paul Durand — paul.durand@forem.example' },
    facts: ['Faits : présente à l’heure', `Besoins : ${HOSTILE}`, 'Perspectives : formation qualifiante', 'Conseiller : Paul Durand — paul.durand@forem.example'],
  },
  'demande-cloturee': { subject: 'Demande clôturée', data: { reference: 'DEM-4', resultat: HOSTILE }, facts: [`Résultat : ${HOSTILE}`] },
  'absence-avertissement': {
    subject: 'Absence non justifiée : avertissement',
    data: { reference: 'DEM-5', dateAbsence: '2026-02-10' },
    facts: ['Date manquée : mardi 10 février 2026', 'absence non justifiée au rendez-vous fixé par ce recommandé entraînerait l’arrêt de la demande'],
  },
  'demande-arretee': {
    subject: 'Demande arrêtée',
    data: { reference: 'DEM-6', dateSuspension: '2026-03-11', repriseCpasPossibleLe: '2026-10-11' },
    facts: ['Date de suspension : mercredi 11 mars 2026', 'Reprise possible à la demande du CPAS à partir du : dimanche 11 octobre 2026'],
  },
  'reprise-possible': {
    subject: 'Reprise de l’accompagnement possible',
    data: { reference: 'DEM-7', dateSuspension: '2026-03-11', repriseCpasPossibleLe: '2026-10-11' },
    facts: ['Date de suspension : mercredi 11 mars 2026', 'Reprise possible depuis le : dimanche 11 octobre 2026'],
  },
  'changement-accompagnement': {
    subject: 'Changement du type d’accompagnement',
    data: { ancien: 'digital interactif', nouveau: 'en ligne avec un conseiller', motif: 'Fin des quatre mois' },
    facts: ['Ancien type : digital interactif', 'Nouveau type : en ligne avec un conseiller', 'Motif : Fin des quatre mois'],
  },
  'transmission-controle': {
    subject: 'Transmission : absence non justifiée au rendez-vous fixé par recommandé',
    data: { dateAbsence: '2026-03-11', public: 'bénéficiaire d’allocations', parcoursId: 'ce-abc' },
    facts: ['Date manquée : mercredi 11 mars 2026', 'Public : bénéficiaire d’allocations', 'Parcours : ce-abc'],
    to: CONTROLE,
  },
  rectification: {
    subject: 'Rectification : Absence non justifiée : avertissement',
    data: { reference: 'DEM-8', messageAnnule: 'absence-avertissement', dateMessage: '2026-02-18', motif: HOSTILE, suite: 'Justification de l’absence du 2026-02-10 admise' },
    facts: ['Référence de la demande : DEM-8', 'Message rectifié, du : mercredi 18 février 2026', `Pourquoi : ${HOSTILE}`, 'Ce qui vaut désormais : Justification de l’absence du 2026-02-10 admise'],
  },
};

describe.each(Object.entries(CASES) as Array<[EmailTemplate, Case]>)('e-mail %s', (template, c) => {
  const parcoursId = `ce-mail-${template}`;
  const intent: EmailIntent = {
    key: `${parcoursId}.7.${template}`,
    template,
    destinataire: c.to ? { type: 'serviceControle' } : { type: 'cpas', cpas: CPAS_LIEGE },
    date: '2026-06-01',
    data: c.data,
    legalBasis: { ruleId: 'demande.absence.avertissement', basis: 'Dispositif de coopération Forem–CPAS (seed 000)', regime: 'aocs-2025' },
    // A rectification names the message it corrects (spec §11).
    ...(template === 'rectification' ? { references: `${parcoursId}.3.absence-avertissement` } : {}),
  };

  it('reaches its recipient with its subject and facts, escapes what it inserts, and is recorded once', async () => {
    expect(await activities.envoyerEmail(parcoursId, intent)).toBe('envoye');
    const mail = await smtp.waitFor((m) => m.messageId === `<${intent.key}@parcours.forem.invalid>`);
    expect(mail.to).toEqual([c.to ?? CPAS_LIEGE_EMAIL]);
    expect(mail.subject).toMatch(/^\[Parcours\] /);
    expect(mail.subject).toContain(c.subject);
    for (const fact of c.facts) expect(mail.text).toContain(fact);
    expect(mail.text).toContain('Base légale : Dispositif de coopération Forem–CPAS (seed 000).');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>Cie');
    if (JSON.stringify(c.data).includes('<script>')) expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Cie&lt;/b&gt;');
    expect(mail.parsed.headers.get('content-language')).toBe('fr-BE');
    if (intent.references) expect(mail.parsed.headers.get('references')).toBe(`<${intent.references}@parcours.forem.invalid>`);

    // A CPAS can act on it: the request's reference in the subject and a link to its page (issue 15).
    const reference = typeof c.data.reference === 'string' ? c.data.reference : undefined;
    if (reference && !c.to) {
      expect(mail.subject).toContain(`demande ${reference}`);
      expect(mail.text).toContain(`Voir la demande sur le portail des CPAS : ${PUBLIC_URL}/portail/demandes/${reference}`);
      expect(mail.html).toContain(`<a href="${PUBLIC_URL}/portail/demandes/${reference}">`);
    } else {
      expect(mail.text).not.toContain('/portail/');
    }

    // A repeated call (a retried activity) sends nothing more and writes nothing more.
    expect(await activities.envoyerEmail(parcoursId, intent)).toBe('dejaEnvoye');
    expect(smtp.received.filter((m) => m.messageId === mail.messageId)).toHaveLength(1);
    expect(await store.journal(parcoursId)).toEqual([expect.objectContaining({ kind: 'message', code: `email.${template}`, data: expect.objectContaining({ messageId: mail.messageId }) })]);
  });
});

/**
 * Issue 15: an e-mail the workflow named (patch `emails-cpas-nominatifs`) says who, as the CPAS
 * named them in its request, which request, and links to its page; the dossier line keeps both.
 */
describe('e-mails that can be acted on', () => {
  const send = async (parcoursId: string, intent: Omit<EmailIntent, 'key' | 'destinataire' | 'date'>) => {
    const full: EmailIntent = { key: `${parcoursId}.1.${intent.template}`, destinataire: { type: 'cpas', cpas: CPAS_LIEGE }, date: '2026-06-01', ...intent };
    expect(await activities.envoyerEmail(parcoursId, full)).toBe('envoye');
    return smtp.waitFor((m) => m.messageId === `<${full.key}@parcours.forem.invalid>`);
  };

  it('the registration, to the follower: names the person and the request, and links to it', async () => {
    const mail = await send('ce-nomme-suivi', { template: 'inscription-enregistree', data: { dateInscription: '2026-06-01', canal: 'en ligne' }, concerne: { reference: 'DEM-ABC-1', personne: HOSTILE } });
    expect(mail.subject).toBe('[Parcours] Inscription enregistrée comme chercheur d’emploi — demande DEM-ABC-1');
    expect(mail.text).toContain('La personne que vous suivez est inscrite');
    expect(mail.text).toContain(`Personne : ${HOSTILE}`);
    expect(mail.text).toContain('Référence de la demande : DEM-ABC-1');
    expect(mail.text).toContain(`Voir la demande sur le portail des CPAS : ${PUBLIC_URL}/portail/demandes/DEM-ABC-1`);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    const [line] = await store.journal('ce-nomme-suivi');
    expect(line).toMatchObject({ code: 'email.inscription-enregistree', data: expect.objectContaining({ cpas: CPAS_LIEGE, reference: 'DEM-ABC-1' }) });
    expect(line.data).not.toHaveProperty('personne'); // the dossier needs no copy of the name here
  });

  it('the registration, to a follower that filed no request: names the person and the file as the follower gave them, with no request link', async () => {
    const mail = await send('ce-nomme-sans-demande', { template: 'inscription-enregistree', data: { dateInscription: '2026-06-01', canal: 'en ligne', beneficiaire: 'Marie Dupont', dossierCpas: 'RIS-2026-0042' } });
    expect(mail.text).toContain('La personne que vous suivez est inscrite');
    expect(mail.text).toContain('Personne : Marie Dupont');
    expect(mail.text).toContain('Votre dossier : RIS-2026-0042');
    expect(mail.text).not.toContain('/portail/demandes/');
    const [line] = await store.journal('ce-nomme-sans-demande');
    expect(line.data).not.toHaveProperty('personne');
    expect(JSON.stringify(line)).not.toContain('Marie Dupont'); // the dossier needs no copy of the name here
  });

  it('the registration, to the CPAS that referred the person: says its request was rejected for that and it may file again', async () => {
    const mail = await send('ce-nomme-orientee', { template: 'inscription-enregistree', data: { dateInscription: '2026-06-01', canal: 'en présentiel', orientee: true }, concerne: { reference: 'DEM-ABC-2', personne: 'Marie Dupont' } });
    expect(mail.text).toContain('La personne que votre CPAS a orientée vers le Forem est à présent inscrite');
    expect(mail.text).toContain('vous pouvez introduire une nouvelle demande');
    expect(mail.text).toContain('Personne : Marie Dupont');
    expect(mail.text).toContain(`${PUBLIC_URL}/portail/demandes/DEM-ABC-2`);
  });

  it('a request’s e-mail names the person once, after the reference it already carried', async () => {
    const mail = await send('ce-nomme-traitee', { template: 'demande-traitee', data: { reference: 'DEM-ABC-3', service: 'Atelier CV', dateRendezVous: '2026-06-08', lieu: 'Liège' }, concerne: { reference: 'DEM-ABC-3', personne: 'Marie Dupont' } });
    expect(mail.text).toContain('Personne : Marie Dupont');
    expect(mail.text.match(/Référence de la demande/g)).toHaveLength(1);
  });

  it('a rejection’s dossier line keeps the request and the name, for the run the registration will start', async () => {
    await send('ce-nomme-rejet', { template: 'demande-rejetee', data: { reference: 'DEM-ABC-5', beneficiaire: 'Marie Dupont', motif: 'pas inscrite' }, concerne: { reference: 'DEM-ABC-5', personne: 'Marie Dupont' } });
    expect(await store.journal('ce-nomme-rejet')).toEqual([expect.objectContaining({ data: expect.objectContaining({ reference: 'DEM-ABC-5', personne: 'Marie Dupont' }) })]);
  });

  it('the Service contrôle gets no CPAS link, even with a reference', async () => {
    const intent: EmailIntent = { key: 'ce-nomme-controle.1.transmission-controle', template: 'transmission-controle', destinataire: { type: 'serviceControle' }, date: '2026-06-01', data: { dateAbsence: '2026-03-11', public: 'x', parcoursId: 'ce-x', reference: 'DEM-ABC-4' } };
    await activities.envoyerEmail('ce-nomme-controle', intent);
    const mail = await smtp.waitFor((m) => m.messageId.startsWith('<ce-nomme-controle.1.'));
    expect(mail.text).not.toContain('/portail/');
  });
});

describe('national numbers', () => {
  it('never appear in a subject, whatever the data', async () => {
    const niss = makeNiss('1990-05-17');
    const intent: EmailIntent = { key: 'ce-niss.1.demande-rejetee', template: 'demande-rejetee', destinataire: { type: 'cpas', cpas: CPAS_LIEGE }, date: '2026-06-01', data: { reference: 'DEM-9', beneficiaire: 'Marie Dupont', motif: 'x' } };
    await activities.envoyerEmail('ce-niss', intent);
    const mail = await smtp.waitFor((m) => m.messageId.startsWith('<ce-niss.1.'));
    expect(mail.subject).not.toMatch(/\d{11}/);
    expect(mail.subject).not.toContain(niss);
  });
});

/** The convention's e-mails (spec §12), to one contact person each, recorded in the convention's journal. */
const CONVENTION_CASES: Record<ConventionTemplate, Case> = {
  'convention-rappel-evaluation': {
    subject: 'Évaluation annuelle de la convention de coopération : mardi 29 février 2028',
    data: { cpas: CPAS_LIEGE, signeeLe: '2024-02-29', anniversaire: '2028-02-29', annee: 4, periodeDu: '2027-02-28', periodeAu: '2028-02-29' },
    // The year's figures, read from the dossier when sent: this one holds no request of Liège then.
    facts: ['Convention signée le : jeudi 29 février 2024', 'Date anniversaire : mardi 29 février 2028', 'Période évaluée, du : dimanche 28 février 2027', 'convention, art. 6', 'Personnes orientées : < 5', 'Délai médian jusqu’au rendez-vous fixé : moins de cinq demandes traitées'],
  },
  'convention-fin-preavis': {
    subject: 'Fin de la convention de coopération',
    data: { cpas: CPAS_LIEGE, finPreavis: '2027-06-14', motif: HOSTILE },
    facts: ['Dernier jour du préavis : lundi 14 juin 2027', `Motif de la dénonciation : ${HOSTILE}`, 'Le CPAS ne peut plus introduire de nouvelle demande'],
  },
};

describe.each(Object.entries(CONVENTION_CASES) as Array<[ConventionTemplate, Case]>)('convention e-mail %s', (template, c) => {
  const intent: ConventionEmail = {
    key: `convention-${CPAS_LIEGE}:3:${template}`,
    template,
    destinataire: { nom: HOSTILE, email: 'contact@cpas.example' },
    date: '2027-01-29',
    data: c.data,
    legalBasis: { ruleId: 'convention.rappel', basis: 'Convention de coopération Forem–CPAS (modèle 2024), art. 5' },
  };

  it('reaches the contact person with its subject and facts, escapes what it inserts, and is recorded once in the convention journal', async () => {
    expect(await conventionActivities.envoyerEmailConvention(CPAS_LIEGE, intent)).toBe('envoye');
    const mail = await smtp.waitFor((m) => m.messageId === `<${intent.key}@parcours.forem.invalid>`);
    expect(mail.to).toEqual(['contact@cpas.example']);
    expect(mail.subject).toContain(c.subject);
    for (const fact of c.facts) expect(mail.text).toContain(fact);
    expect(mail.text).toContain('Base légale : Convention de coopération Forem–CPAS (modèle 2024), art. 5.');
    expect(mail.html).not.toContain('<script>');
    expect(await conventionActivities.envoyerEmailConvention(CPAS_LIEGE, intent)).toBe('dejaEnvoye');
    expect(smtp.received.filter((m) => m.messageId === mail.messageId)).toHaveLength(1);
    expect((await conventions.journal(CPAS_LIEGE)).filter((l) => l.code === `email.${template}`)).toEqual([expect.objectContaining({ data: expect.objectContaining({ messageId: mail.messageId }) })]);
  });
});

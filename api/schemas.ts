/**
 * zod schemas of every input of the API; the OpenAPI document is generated from them. Messages
 * are in French, for the back-office developers who read them in 400 answers.
 */
import { z } from 'zod';
import { isCivilDate, type CivilDate } from '../domain/calendar';
import type { FactType } from '../domain/parcours';
import { isValidEnterpriseNumber, isValidNiss } from '../domain/identifiers';

export const nissSchema = z
  .string({ error: 'NISS attendu (11 chiffres)' })
  .regex(/^[0-9]{11}$/, 'NISS attendu : 11 chiffres sans séparateur')
  .refine(isValidNiss, 'NISS invalide : la clé de contrôle (modulo 97) ne correspond pas')
  .meta({
    description: 'Numéro national (NISS), 11 chiffres ; jamais dans une URL. Les deux derniers chiffres sont la clé de contrôle : 97 − (les 9 premiers modulo 97), les 9 premiers précédés de 2 pour les personnes nées à partir de 2000 — ce que JSON Schema ne peut exprimer ; le format `niss` le nomme.',
    format: 'niss',
    example: '90041212377',
  });

export const enterpriseNumberSchema = z
  .string({ error: 'numéro d’entreprise attendu (10 chiffres)' })
  .regex(/^[01][0-9]{9}$/, 'numéro d’entreprise attendu : 10 chiffres commençant par 0 ou 1')
  .refine(isValidEnterpriseNumber, 'numéro d’entreprise invalide : la clé de contrôle (modulo 97) ne correspond pas')
  .meta({
    description: 'Numéro d’entreprise BCE du CPAS. Les deux derniers chiffres sont la clé de contrôle : 97 − (les 8 premiers modulo 97) — ce que JSON Schema ne peut exprimer ; le format `numero-entreprise` le nomme.',
    format: 'numero-entreprise',
    example: '0207123407',
  });

/** Month and day of every date that exists in any year, 29 February aside. */
const MOIS_JOUR = '(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))';

/**
 * A civil date within a window of years, as one pattern that matches exactly the dates that
 * exist there (29 February of leap years only), so that the OpenAPI document says what the API
 * accepts. `annees` matches the years of the window, `bissextiles` its leap years.
 */
function dateCivile(annees: string, bissextiles: string, du: CivilDate, au: CivilDate, pourquoi: string) {
  const exacte = new RegExp(`^(?:${annees}-${MOIS_JOUR}|${bissextiles}-02-29)$`);
  const raison = (input: unknown): string => {
    if (typeof input !== 'string' || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(input)) return 'date attendue au format AAAA-MM-JJ';
    if (!isCivilDate(input)) return 'cette date n’existe pas';
    return `date hors de la période plausible (du ${du} au ${au}) : ${pourquoi}`;
  };
  return z
    .string({ error: 'date attendue (AAAA-MM-JJ)' })
    .regex(exacte, { error: (issue) => raison(issue.input) })
    .meta({ description: `Date civile (Europe/Brussels), du ${du} au ${au} : ${pourquoi}.`, example: '2026-11-20' });
}

/**
 * When a fact happened, or an appointment or contact it fixes. The calendar computes any date up
 * to 9999 and the deadlines that start from a fact run at most months; no parcours under way
 * began before 2000. A fact dated in the future is refused by the parcours (409), a sollicitation
 * or the date it fixes aside.
 */
export const civilDateSchema = dateCivile(
  '20[0-9]{2}',
  '20(?:[02468][048]|[13579][26])',
  '2000-01-01',
  '2099-12-31',
  'le calendrier des délais en tient compte sans déborder et aucun parcours en cours ne commence avant 2000',
);

/** A birth date: someone of working age, the window wide enough never to refuse a real age. */
export const birthDateSchema = dateCivile(
  '(?:19[2-9][0-9]|20[0-2][0-9])',
  '(?:19(?:[2468][048]|[3579][26])|20(?:0[048]|1[26]|2[048]))',
  '1920-01-01',
  '2029-12-31',
  'une personne en âge de travailler (de l’insertion des jeunes à la pension, 66 ou 67 ans), avec une large marge',
);

export const parcoursIdSchema = z.string().regex(/^ce-[0-9a-f]{32}$/).meta({ description: 'Pseudonyme du chercheur d’emploi', example: 'ce-6804645a13066cba6507537fa85ca69d' });

/** Characters no text of the API may hold: control characters other than tab and line breaks. */
const CONTROLE = '\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F';

/**
 * Free text: at least one letter or digit, no control character, at most `max` characters
 * (counted as Unicode code points, as JSON Schema counts them), trimmed.
 */
const text = (max = 2000) =>
  z
    .string({ error: 'texte attendu' })
    .regex(new RegExp(`^[^${CONTROLE}]*[0-9A-Za-z\\u00C0-\\u024F][^${CONTROLE}]*$`), 'texte attendu : au moins une lettre ou un chiffre, sans caractère de contrôle')
    .refine((v) => [...v].length <= max, `${max} caractères au plus`)
    .meta({ maxLength: max })
    .trim();
const email = z.email({ error: 'adresse e-mail invalide' });
const contact = z.strictObject({ nom: text(200), email, telephone: text(40).optional() });

const enumOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `valeur attendue : ${values.join(', ')}` });
const bool = () => z.boolean({ error: 'booléen attendu' });

const personne = z.strictObject({
  dateNaissance: birthDateSchema,
  experienceProfessionnelle: bool(),
  autonomieNumerique: bool(),
  stageInsertion: bool().optional(),
  allocataire: bool().optional(),
  nationalite: z
    .string({ error: 'code pays attendu (ISO 3166-1 alpha-2)' })
    .regex(/^[A-Z]{2}$/, 'code pays attendu : deux lettres majuscules (ISO 3166-1 alpha-2), BE pour belge')
    .optional()
    .meta({ description: 'Nationalité (ISO 3166-1 alpha-2) : une personne de nationalité étrangère s’inscrit en présentiel (seed 000)', example: 'BE' }),
  nonMobilisable: bool().optional().meta({ description: 'Non mobilisable (AR 25/11/1991, art. 27, 19°) : pas de proposition due dans les quatre mois (art. 28 §2)' }),
  trajetSpecifique: bool().optional().meta({ description: 'Trajet spécifique (AR 25/11/1991, art. 58 §1er, al. 3, 1°) : idem (art. 28 §2)' }),
});

const canalPreferentiel = enumOf(['sms', 'email', 'courrier', 'espacePersonnel'] as const).meta({
  description: 'Canal de communication préférentiel (art. 9 §1er) ; le recommandé électronique n’est possible que pour « email »',
});
const dateSollicitation = civilDateSchema.optional().meta({ description: 'Date de l’absence visée (première sollicitation manquée), requise seulement si plusieurs absences sont en cours' });

const typeAccompagnement = enumOf(['digitalInteractif', 'enLigneAvecConseiller', 'axeMetier', 'multidimensionnel'] as const);

/** Each fact's body (its `date` is when it happened; the event id comes from the Idempotency-Key). */
export const FACT_SCHEMAS = {
  inscription: z.strictObject({
    niss: nissSchema,
    date: civilDateSchema,
    canal: enumOf(['enLigne', 'telephone', 'presentiel'] as const),
    personne,
    cpas: enterpriseNumberSchema.optional(),
    suiviCpas: z
      .strictObject({
        personne: text(200).meta({ description: '« Prénom Nom » tel que le CPAS l’a donné', example: 'Marie Dupont' }),
        dossier: text(40).optional().meta({ description: 'Numéro de dossier de la personne au CPAS' }),
      })
      .optional()
      .meta({ description: 'La personne telle que le CPAS qui la suit l’a nommée en l’orientant vers le Forem : l’e-mail d’inscription au CPAS dit de qui il s’agit' }),
    dateContactMensuel: civilDateSchema.optional(),
    canalPreferentiel,
  })
    .refine((b) => !b.suiviCpas || b.cpas, { message: 'suiviCpas sans cpas : la personne n’est nommée qu’au CPAS qui la suit', path: ['suiviCpas'] })
    // The same rule in the OpenAPI document, which a client (and schemathesis) reads.
    .meta({ dependentRequired: { suiviCpas: ['cpas'] } }),
  authentification: z.strictObject({ date: civilDateSchema }),
  fixationContact: z.strictObject({ date: civilDateSchema, dateContactMensuel: civilDateSchema }),
  objectivation: z.strictObject({ date: civilDateSchema }),
  affectation: z.strictObject({ date: civilDateSchema, employabilite: enumOf(['elevee', 'moyenne', 'faible', 'tresFaible'] as const), accompagnement: typeAccompagnement.optional() }),
  contactMensuel: z.strictObject({ date: civilDateSchema, individuel: z.boolean({ error: 'booléen attendu' }), prochaineDate: civilDateSchema }),
  proposition: z.strictObject({ date: civilDateSchema, nature: enumOf(['emploi', 'stage', 'formation'] as const) }),
  sollicitation: z.strictObject({ date: civilDateSchema, nature: enumOf(['convocation', 'rendezVous', 'invitation'] as const) }),
  absence: z.strictObject({ date: civilDateSchema, reference: text(40).optional().meta({ description: 'Référence de la demande CPAS dont la prestation réservée a été manquée' }) }),
  presence: z.strictObject({ date: civilDateSchema }),
  justification: z.strictObject({ date: civilDateSchema, admise: bool(), motifPrevisible: bool().optional(), dateSollicitation }),
  reconvocation: z.strictObject({ date: civilDateSchema, mode: enumOf(['recommandePostal', 'recommandeElectronique', 'ordinaire'] as const), dateRendezVous: civilDateSchema, dateSollicitation }),
  signalAlerte: z.strictObject({ date: civilDateSchema, motif: enumOf(['difficulte', 'inactivite', 'demandeAide', 'autre'] as const) }),
  repriseDemandee: z.strictObject({ date: civilDateSchema, par: enumOf(['ce', 'cpas'] as const) }),
  desinscription: z.strictObject({ date: civilDateSchema }),
  cloture: z.strictObject({
    date: civilDateSchema,
    motif: enumOf(['refus', 'comportement', 'nonCollaboration', 'deces', 'pension'] as const),
    validation: z
      .strictObject({ par: enumOf(['serviceControle', 'responsableHierarchique'] as const), date: civilDateSchema })
      .optional()
      .meta({ description: 'Requise pour refus, comportement, nonCollaboration (art. 33 §1er, 3° à 5°) : le Service contrôle pour un bénéficiaire d’allocations, sinon un responsable hiérarchique' }),
    informationPrealable: bool().optional().meta({ description: 'Refus : le chercheur d’emploi a été informé au préalable (art. 33 §1er, 3°)' }),
  }),
  changementCpas: z.strictObject({ date: civilDateSchema, cpas: enterpriseNumberSchema, motif: text(500) }),
  demande: z.strictObject({
    niss: nissSchema,
    date: civilDateSchema,
    cpas: enterpriseNumberSchema,
    contact,
    personne: z.strictObject({ nom: text(200), prenom: text(200), dateNaissance: birthDateSchema }),
    situation: z.strictObject({
      beneficiaireRI: z.boolean({ error: 'booléen attendu' }),
      contratArticle60ou61: z.boolean({ error: 'booléen attendu' }),
      etudiant: z.boolean({ error: 'booléen attendu' }),
      reinscritDEIApresArticle60: z.boolean({ error: 'booléen attendu' }),
    }),
    besoin: enumOf(['orientation', 'formation', 'rechercheEmploi', 'accompagnementSocioProfessionnel', 'validationCompetences'] as const),
    elements: z.strictObject({ projet: text(), actionsPrealables: text(), besoinsFreins: text() }),
    pistes: text().optional(),
    conseillerReference: z.boolean({ error: 'booléen attendu' }).optional(),
    niveauEtudes: enumOf(['primaire', 'secondaireInferieur', 'secondaireSuperieur', 'superieur', 'autre'] as const).optional().meta({ description: 'Niveau d’études, pour le monitoring (convention art. 6)' }),
    genre: enumOf(['femme', 'homme', 'x'] as const).optional().meta({ description: 'Genre, pour le monitoring (convention art. 6)' }),
  }),
  demandeTraitee: z.strictObject({ date: civilDateSchema, reference: text(40), service: text(200), dateRendezVous: civilDateSchema, lieu: text(300) }),
  retourEntretien: z.strictObject({ date: civilDateSchema, reference: text(40), faits: text(), besoins: text(), perspectives: text(), conseiller: contact }),
  demandeCloturee: z.strictObject({ date: civilDateSchema, reference: text(40), resultat: text() }),
  decisionServiceControle: z.strictObject({ date: civilDateSchema, exclusionDefinitive: bool() }),
  emploi: z.strictObject({ date: civilDateSchema }),
  finEmploi: z.strictObject({ date: civilDateSchema }),
  nonCollaboration: z.strictObject({
    date: civilDateSchema,
    nature: enumOf(['refus', 'nonCollaboration', 'nonCollaborationFautive'] as const),
    informationPrealable: bool().optional().meta({ description: 'Refus : le chercheur d’emploi a été informé des conséquences avant qu’il soit formalisé (art. 34 §1er, al. 2)' }),
  }),
  signalementManquement: z.strictObject({ date: civilDateSchema, delaiRegularisation: civilDateSchema.meta({ description: 'Dernier jour du délai de régularisation fixé par le conseiller (art. 36 §3)' }) }),
  regularisation: z.strictObject({ date: civilDateSchema }),
  maintienInscription: z.strictObject({ date: civilDateSchema, motif: enumOf(['demande', 'formation', 'reorientation'] as const) }),
  changementSituation: z
    .strictObject({ date: civilDateSchema, canalPreferentiel: canalPreferentiel.optional(), allocataire: bool().optional(), stageInsertion: bool().optional(), nonMobilisable: bool().optional(), trajetSpecifique: bool().optional() })
    .refine((b) => Object.keys(b).length > 1, { message: 'au moins un élément de la situation à changer', path: ['canalPreferentiel'] })
    // The same rule in the OpenAPI document: the date and at least one element.
    .meta({ minProperties: 2 }),
} satisfies Record<FactType, z.ZodType>;

export const rechercheSchema = z.strictObject({ niss: nissSchema });

export const idempotencyKeySchema = z
  .string({ error: 'en-tête Idempotency-Key requis pour toute écriture' })
  .regex(/^[A-Za-z0-9._:-]{8,200}$/, 'Idempotency-Key : 8 à 200 caractères parmi lettres, chiffres, . _ : -');

/** A UTC instant as the access journal writes them; compared as text, which orders them. */
const instantUtc = z
  .string({ error: 'instant attendu' })
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,3})?Z$/, 'instant UTC attendu : AAAA-MM-JJTHH:MM:SS(.mmm)Z')
  .meta({ example: '2026-11-23T00:00:00Z' });

/** Filters of the access journal (query parameters, strings on the wire). */
export const accessQuerySchema = z.strictObject({
  parcoursId: parcoursIdSchema.optional().meta({ description: 'Les accès à ce parcours' }),
  caller: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'identifiant de clé attendu').optional().meta({ description: 'Les requêtes de cette clé d’API' }),
  from: instantUtc.optional().meta({ description: 'À partir de cet instant (inclus)' }),
  to: instantUtc.optional().meta({ description: 'Jusqu’à cet instant (exclu)' }),
  after: z
    .string()
    .regex(/^[0-9]{1,15}$/, 'nombre entier attendu')
    .transform(Number)
    .optional()
    .meta({ description: 'Les entrées après celle-ci (le `next` de la page précédente)' }),
  limit: z
    .string()
    .regex(/^(?:[1-9][0-9]?|[1-4][0-9]{2}|500)$/, 'nombre de 1 à 500 attendu')
    .transform(Number)
    .default(100)
    .meta({ description: 'Entrées par page, de 1 à 500 (100 par défaut)' }),
});

// ---------------------------------------------------------------------------------------------
// The convention (spec §12): the facts of its life, as the back-office records them.

const personneContact = z.strictObject({ nom: text(200), email });

/** The joint proposal file of seed 003. */
const propositionSchema = z.strictObject({
  cpas: enterpriseNumberSchema.meta({ description: 'Le CPAS signataire : celui du chemin' }),
  cpasAssocies: z.array(enterpriseNumberSchema).max(50).default([]),
  contacts: z.strictObject({ cpas: personneContact, forem: personneContact }).meta({ description: 'Les deux personnes de contact : elles reçoivent les rappels d’évaluation' }),
  deleguesProtectionDonnees: z.strictObject({ cpas: personneContact, forem: personneContact }),
  publicVise: text(2000),
  objectifs: z.array(text(500)).min(1).max(50),
  indicateurs: z.array(text(500)).min(1).max(50),
});

export const CONVENTION_FACT_SCHEMAS = {
  proposition: z.strictObject({ date: civilDateSchema, proposition: propositionSchema }),
  approbation: z.strictObject({ date: civilDateSchema, comite: text(200) }),
  signature: z.strictObject({ date: civilDateSchema }),
  evaluation: z.strictObject({ date: civilDateSchema, compteRendu: text(2000).meta({ description: 'Référence du compte-rendu validé par les parties (art. 5)' }) }),
  avenant: z.strictObject({ date: civilDateSchema, objet: text(2000) }),
  denonciation: z.strictObject({ date: civilDateSchema.meta({ description: 'Date du courrier recommandé : le préavis court le lendemain (Code civil art. 1.7)' }), par: enumOf(['forem', 'cpas'] as const), motif: text(2000) }),
} as const;


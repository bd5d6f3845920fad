/**
 * zod schemas of every input of the API; the OpenAPI document is generated from them. Messages
 * are in French, for the back-office developers who read them in 400 answers.
 */
import { z } from 'zod';
import { isCivilDate } from '../domain/calendar';
import type { FactType } from '../domain/parcours';
import { isValidEnterpriseNumber, isValidNiss } from '../domain/identifiers';

export const nissSchema = z
  .string({ error: 'NISS attendu (11 chiffres)' })
  .regex(/^\d{11}$/, 'NISS attendu : 11 chiffres sans séparateur')
  .refine(isValidNiss, 'NISS invalide : la clé de contrôle (modulo 97) ne correspond pas')
  .meta({ description: 'Numéro national (NISS), 11 chiffres; jamais dans une URL', example: '90041212377' });

export const enterpriseNumberSchema = z
  .string({ error: 'numéro d’entreprise attendu (10 chiffres)' })
  .regex(/^[01]\d{9}$/, 'numéro d’entreprise attendu : 10 chiffres commençant par 0 ou 1')
  .refine(isValidEnterpriseNumber, 'numéro d’entreprise invalide : la clé de contrôle (modulo 97) ne correspond pas')
  .meta({ description: 'Numéro d’entreprise BCE du CPAS', example: '0207123407' });

export const civilDateSchema = z
  .string({ error: 'date attendue (AAAA-MM-JJ)' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ')
  .refine(isCivilDate, 'cette date n’existe pas')
  .meta({ description: 'Date civile (Europe/Brussels)', example: '2026-11-20' });

export const parcoursIdSchema = z.string().regex(/^ce-[0-9a-f]{32}$/).meta({ description: 'Pseudonyme du chercheur d’emploi', example: 'ce-6804645a13066cba6507537fa85ca69d' });

const text = (max = 2000) => z.string({ error: 'texte attendu' }).trim().min(1, 'ne peut être vide').max(max, `${max} caractères au plus`);
const email = z.email({ error: 'adresse e-mail invalide' });
const contact = z.strictObject({ nom: text(200), email, telephone: text(40).optional() });

const enumOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `valeur attendue : ${values.join(', ')}` });
const bool = () => z.boolean({ error: 'booléen attendu' });

const personne = z.strictObject({
  dateNaissance: civilDateSchema,
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
    dateContactMensuel: civilDateSchema.optional(),
    canalPreferentiel,
  }),
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
  demande: z.strictObject({
    niss: nissSchema,
    date: civilDateSchema,
    cpas: enterpriseNumberSchema,
    contact,
    personne: z.strictObject({ nom: text(200), prenom: text(200), dateNaissance: civilDateSchema }),
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
    .refine((b) => Object.keys(b).length > 1, { message: 'au moins un élément de la situation à changer', path: ['canalPreferentiel'] }),
} satisfies Record<FactType, z.ZodType>;

export const rechercheSchema = z.strictObject({ niss: nissSchema });

export const idempotencyKeySchema = z
  .string({ error: 'en-tête Idempotency-Key requis pour toute écriture' })
  .regex(/^[A-Za-z0-9._:-]{8,200}$/, 'Idempotency-Key : 8 à 200 caractères parmi lettres, chiffres, . _ : -');

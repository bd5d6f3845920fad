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

const personne = z.strictObject({
  dateNaissance: civilDateSchema,
  experienceProfessionnelle: z.boolean({ error: 'booléen attendu' }),
  autonomieNumerique: z.boolean({ error: 'booléen attendu' }),
  stageInsertion: z.boolean({ error: 'booléen attendu' }).optional(),
  allocataire: z.boolean({ error: 'booléen attendu' }).optional(),
});

const enumOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `valeur attendue : ${values.join(', ')}` });

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
  }),
  authentification: z.strictObject({ date: civilDateSchema }),
  fixationContact: z.strictObject({ date: civilDateSchema, dateContactMensuel: civilDateSchema }),
  objectivation: z.strictObject({ date: civilDateSchema }),
  affectation: z.strictObject({ date: civilDateSchema, employabilite: enumOf(['elevee', 'moyenne', 'faible', 'tresFaible'] as const), accompagnement: typeAccompagnement.optional() }),
  contactMensuel: z.strictObject({ date: civilDateSchema, individuel: z.boolean({ error: 'booléen attendu' }), prochaineDate: civilDateSchema }),
  proposition: z.strictObject({ date: civilDateSchema, nature: enumOf(['emploi', 'stage', 'formation'] as const) }),
  sollicitation: z.strictObject({ date: civilDateSchema, nature: enumOf(['convocation', 'rendezVous', 'invitation'] as const) }),
  absence: z.strictObject({ date: civilDateSchema }),
  justification: z.strictObject({ date: civilDateSchema, admise: z.boolean({ error: 'booléen attendu' }), motifPrevisible: z.boolean({ error: 'booléen attendu' }).optional() }),
  reconvocation: z.strictObject({ date: civilDateSchema, mode: enumOf(['recommandePostal', 'recommandeElectronique', 'ordinaire'] as const), dateRendezVous: civilDateSchema }),
  signalAlerte: z.strictObject({ date: civilDateSchema, motif: enumOf(['difficulte', 'inactivite', 'demandeAide', 'autre'] as const) }),
  repriseDemandee: z.strictObject({ date: civilDateSchema, par: enumOf(['ce', 'cpas'] as const) }),
  desinscription: z.strictObject({ date: civilDateSchema }),
  cloture: z.strictObject({ date: civilDateSchema, motif: enumOf(['refus', 'comportement', 'nonCollaboration', 'nonInoccupe', 'deces', 'pension'] as const) }),
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
} satisfies Record<FactType, z.ZodType>;

export const rechercheSchema = z.strictObject({ niss: nissSchema });

export const idempotencyKeySchema = z
  .string({ error: 'en-tête Idempotency-Key requis pour toute écriture' })
  .regex(/^[A-Za-z0-9._:-]{8,200}$/, 'Idempotency-Key : 8 à 200 caractères parmi lettres, chiffres, . _ : -');

/** zod schemas of every input of the API (spec §2 for the identifiers' checksums). */
import { z } from 'zod';
import { isCivilDate } from '../domain/calendar';
import { isValidEnterpriseNumber, isValidNiss } from '../domain/identifiers';

export const nissSchema = z
  .string({ error: 'NISS attendu (11 chiffres)' })
  .regex(/^\d{11}$/, 'NISS attendu : 11 chiffres sans séparateur')
  .refine(isValidNiss, 'NISS invalide : la clé de contrôle (modulo 97) ne correspond pas');

export const enterpriseNumberSchema = z
  .string({ error: 'numéro d’entreprise attendu (10 chiffres)' })
  .regex(/^[01]\d{9}$/, 'numéro d’entreprise attendu : 10 chiffres commençant par 0 ou 1')
  .refine(isValidEnterpriseNumber, 'numéro d’entreprise invalide : la clé de contrôle (modulo 97) ne correspond pas');

export const civilDateSchema = z
  .string({ error: 'date attendue (AAAA-MM-JJ)' })
  .refine(isCivilDate, 'date attendue au format AAAA-MM-JJ, et qui existe');

export const eventIdSchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9._:-]+$/, 'identifiant d’événement : lettres, chiffres, . _ : -');

export const parcoursIdSchema = z.string().regex(/^ce-[0-9a-f]{32}$/, 'identifiant de parcours inconnu');

export const inscriptionSchema = z.strictObject({
  niss: nissSchema,
  id: eventIdSchema.optional(),
  date: civilDateSchema,
  canal: z.enum(['enLigne', 'telephone', 'presentiel'], { error: 'canal attendu : enLigne, telephone ou presentiel' }),
  personne: z.strictObject({
    dateNaissance: civilDateSchema,
    experienceProfessionnelle: z.boolean(),
    autonomieNumerique: z.boolean(),
    stageInsertion: z.boolean().optional(),
    allocataire: z.boolean().optional(),
  }),
  cpas: enterpriseNumberSchema.optional(),
  dateContactMensuel: civilDateSchema.optional(),
});

export const authentificationSchema = z.strictObject({ id: eventIdSchema.optional(), date: civilDateSchema });

export const affectationSchema = z.strictObject({
  id: eventIdSchema.optional(),
  date: civilDateSchema,
  employabilite: z.enum(['elevee', 'moyenne', 'faible', 'tresFaible']),
  accompagnement: z.enum(['digitalInteractif', 'enLigneAvecConseiller', 'axeMetier', 'multidimensionnel']).optional(),
});

/**
 * The CPAS that signed the cooperation convention (spec §2, §12), loaded from a file at start.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { isCivilDate, type CivilDate } from '../domain/calendar';
import { isValidEnterpriseNumber } from '../domain/identifiers';

const civilDate = z.string().refine(isCivilDate, 'date civile attendue (AAAA-MM-JJ)');

export const cpasSchema = z.object({
  numeroEntreprise: z.string().refine(isValidEnterpriseNumber, 'numéro d’entreprise invalide (10 chiffres, contrôle modulo 97)'),
  nom: z.string().min(1),
  contact: z.object({ nom: z.string().min(1), email: z.email() }),
  conventionSignee: civilDate,
  conventionTerminee: civilDate.optional(),
});

export type Cpas = z.infer<typeof cpasSchema>;

const registrySchema = z.object({ cpas: z.array(cpasSchema) });

export class CpasRegistry {
  private readonly byNumber: ReadonlyMap<string, Cpas>;

  constructor(entries: Cpas[]) {
    this.byNumber = new Map(entries.map((c) => [c.numeroEntreprise, c]));
  }

  static fromFile(file: string): CpasRegistry {
    const parsed = registrySchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`CPAS registry ${file} is invalid: ${z.prettifyError(parsed.error)}`);
    return new CpasRegistry(parsed.data.cpas);
  }

  get(numeroEntreprise: string): Cpas | undefined {
    return this.byNumber.get(numeroEntreprise);
  }

  all(): Cpas[] {
    return [...this.byNumber.values()];
  }

  /** A CPAS may act only while its convention is in force (seed 000; convention art. 8). */
  conventionEnVigueur(numeroEntreprise: string, on: CivilDate): boolean {
    const c = this.get(numeroEntreprise);
    return !!c && c.conventionSignee <= on && (!c.conventionTerminee || on <= c.conventionTerminee);
  }
}

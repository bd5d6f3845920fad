/**
 * The CPAS that signed the cooperation convention (spec §2, §12). The file (config/cpas.json)
 * seeds development data: names and contacts, and a convention for a CPAS whose convention has no
 * workflow yet. Once a convention workflow has recorded a signature for a CPAS, its journal
 * decides (convention art. 8): in force from the signature to the end of the notice.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { isCivilDate, type CivilDate } from '../domain/calendar';
import { isValidEnterpriseNumber } from '../domain/identifiers';
import { enVigueurLe } from '../domain/convention/echeances';
import type { ConventionStore } from './convention-store';

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

  private conventions?: ConventionStore;

  /** Follow the conventions recorded by their workflows (lib/convention-store.ts). */
  suivreConventions(store: ConventionStore): this {
    this.conventions = store;
    return this;
  }

  /** Why the CPAS may not act on `on` (seed 000; convention art. 8), or undefined when its convention is in force. */
  async motifHorsConvention(numeroEntreprise: string, on: CivilDate): Promise<string | undefined> {
    const c = this.get(numeroEntreprise);
    if (!c) return 'CPAS absent du registre des conventions de coopération';
    const recorded = await this.conventions?.dates(numeroEntreprise);
    const dates = recorded ?? { signeeLe: c.conventionSignee, ...(c.conventionTerminee ? { denonciation: { finPreavis: c.conventionTerminee } } : {}) };
    if (enVigueurLe(dates, on)) return undefined;
    if (dates.denonciation && dates.denonciation.finPreavis < on) return `la convention de coopération a pris fin le ${dates.denonciation.finPreavis} (fin du préavis, convention art. 8) : plus aucune nouvelle demande`;
    return `la convention de coopération n’est pas encore en vigueur (signature le ${dates.signeeLe ?? '—'})`;
  }

  /** A CPAS may act only while its convention is in force (seed 000; convention art. 8). */
  async conventionEnVigueur(numeroEntreprise: string, on: CivilDate): Promise<boolean> {
    return (await this.motifHorsConvention(numeroEntreprise, on)) === undefined;
  }
}

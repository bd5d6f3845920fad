/**
 * Whom an e-mail to a CPAS is about (spec §9 « a social worker must be able to act on it »;
 * issue 15): the request's reference and the person as that CPAS named them in its request —
 * only what the CPAS itself gave, never another CPAS's request or words.
 */
import type { Concerne, DemandeNommee, ParcoursState } from './model';

/**
 * The request of `cpas` an e-mail names: the one its data refers to when it is that CPAS's,
 * else that CPAS's latest request in the parcours (an e-mail to the follower about the person).
 */
export function concerne(state: ParcoursState, cpas: string, reference: unknown): Concerne | undefined {
  const siennes = (state.nommees ?? []).filter((n) => n.cpas === cpas);
  const n = siennes.find((x) => x.reference === reference) ?? siennes[siennes.length - 1];
  return n ? { reference: n.reference, personne: n.personne } : undefined;
}

/** The CPAS whose requests were rejected because the person was not registered, each once, oldest first. */
export function orienteursEnAttente(state: ParcoursState): DemandeNommee[] {
  const parCpas = new Map<string, DemandeNommee>();
  for (const n of state.nommees ?? []) if (n.attendInscription) parCpas.set(n.cpas, n); // the latest request names the person
  return [...parCpas.values()];
}

/** A dossier line as the database gives it. */
interface Ligne {
  code: string;
  kind: string;
  ruleId?: string;
  data?: Record<string, unknown>;
  annuleePar?: string;
}

/**
 * Requests of an earlier run of the person's workflow rejected because the person was not
 * registered, with no registration since: a new run starts from a fresh state, and these CPAS
 * referred the person (the rejection told them to come back once the person is registered). The
 * name is the one the rejection e-mail gave, as the CPAS wrote it in its request.
 */
export function demandesEnAttenteDansLeDossier(journal: Ligne[]): DemandeNommee[] {
  const depuis = journal.map((l) => l.code).lastIndexOf('inscription') + 1;
  const lignes = journal.slice(Math.max(depuis, journal.map((l) => l.code).lastIndexOf('reinscription') + 1)).filter((l) => !l.annuleePar);
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return lignes
    .filter((l) => l.code === 'demande.rejetee' && l.ruleId === 'demande.inscriptionDE')
    .flatMap((rejet) => {
      const reference = str(rejet.data?.reference);
      const demande = lignes.find((l) => l.code === 'demande' && l.data?.reference === reference);
      const cpas = str(demande?.data?.cpas);
      if (!reference || !cpas) return [];
      const email = lignes.find((l) => l.kind === 'message' && l.data?.reference === reference && typeof l.data?.personne === 'string');
      return [{ reference, cpas, personne: str(email?.data?.personne) ?? null, attendInscription: true }];
    });
}

/**
 * The Nouvelle demande form and the API's body of `POST /v1/demandes`: the fields are named by
 * their path in that body (`personne.nom`), so the errors of the same zod schema land next to
 * the field they name.
 */
import type { z } from 'zod';

/** The checkboxes: absent from a submitted form means "no". */
export const CASES = ['situation.beneficiaireRI', 'situation.contratArticle60ou61', 'situation.etudiant', 'situation.reinscritDEIApresArticle60', 'conseillerReference'] as const;
/** Left empty, these are not given at all (the schema's optional fields). */
const FACULTATIFS = new Set(['contact.telephone', 'pistes', 'niveauEtudes', 'genre']);
/** Everything the form may send; anything else (a forged field) is dropped before the schema sees it. */
export const CHAMPS = [
  'date',
  'niss',
  'contact.nom',
  'contact.email',
  'contact.telephone',
  'personne.nom',
  'personne.prenom',
  'personne.dateNaissance',
  'besoin',
  'elements.projet',
  'elements.actionsPrealables',
  'elements.besoinsFreins',
  'pistes',
  'niveauEtudes',
  'genre',
] as const;

export type Valeurs = Record<string, string>;

/** The body of `POST /v1/demandes` from a submitted form; the CPAS is the signed-in user's, never a field. */
export function corpsDemande(form: Record<string, unknown>, cpas: string): Record<string, unknown> {
  const body: Record<string, unknown> = { cpas };
  const put = (pathName: string, value: unknown) => {
    const parts = pathName.split('.');
    let o = body;
    for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
    o[parts.at(-1)!] = value;
  };
  for (const name of CHAMPS) {
    const raw = form[name];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value === '' && FACULTATIFS.has(name)) continue;
    // A NISS is often written with dots, dashes and spaces (90.04.12-123.77).
    put(name, name === 'niss' ? value.replace(/[\s.\-/]/g, '') : value === '' ? undefined : value);
  }
  for (const name of CASES) put(name, form[name] === 'oui');
  if (body.conseillerReference === false) delete body.conseillerReference;
  return body;
}

/** What the form shows again after an error: the values as typed. */
export function valeursDe(form: Record<string, unknown>): Valeurs {
  const v: Valeurs = {};
  for (const name of [...CHAMPS, ...CASES]) if (typeof form[name] === 'string') v[name] = form[name] as string;
  return v;
}

/** The field ids of the page (`personne-nom`) with the schema's reason for each. */
export function erreursParChamp(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const id = idDe(issue.path.join('.') || 'formulaire');
    errors[id] ??= REFORMULEES[id] ?? issue.message;
  }
  return errors;
}

/** The schema's reason for a choice lists the API's codes; the form says it in words. */
const REFORMULEES: Record<string, string> = {
  besoin: 'choisissez le besoin de la personne (une seule demande à la fois)',
  niveauEtudes: 'choisissez un niveau d’études de la liste, ou aucun',
  genre: 'choisissez un genre de la liste, ou aucun',
};

export const idDe = (name: string) => name.replace(/\./g, '-');

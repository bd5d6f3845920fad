/** Valid identifiers built the way the law defines them, unique per test. */
import { randomInt } from 'node:crypto';

/** A valid NISS for someone born on `birth` (YYYY-MM-DD), with a random serial. */
/**
 * Serials handed out in sequence from a random start: two persons born the same day in one test
 * file never share a NISS (a random pick among 997 collided often enough to fail a run).
 */
let nextSerial = randomInt(0, 997);
const freshSerial = () => (nextSerial++ % 997) + 1;

export function makeNiss(birth: string, serial = freshSerial()): string {
  const base = `${birth.slice(2, 4)}${birth.slice(5, 7)}${birth.slice(8, 10)}${String(serial).padStart(3, '0')}`;
  const n = Number(base) + (birth >= '2000' ? 2_000_000_000 : 0);
  return base + String(97 - (n % 97)).padStart(2, '0');
}

let counter = 0;
/** A fresh event id, unique in this process. */
export function eventId(label: string): string {
  return `${label}-${process.pid}-${++counter}-${randomInt(1e9)}`;
}

export const CPAS_LIEGE = '0207123407';
export const CPAS_LIEGE_EMAIL = 'insertion@cpas-liege.example';
export const CPAS_NAMUR = '0207456769';
export const CPAS_NAMUR_EMAIL = 'emploi@cpas-namur.example';

/** A 40-year-old with professional experience, digitally autonomous. */
export const ADULTE = { dateNaissance: '1985-03-12', experienceProfessionnelle: true, autonomieNumerique: true };

/** A complete CPAS request for an RI beneficiary, as the CPAS's form sends it. */
export function demandeCpas(date: string, overrides: Record<string, unknown> = {}) {
  return {
    date,
    cpas: CPAS_LIEGE,
    contact: { nom: 'Sophie Lambert', email: 'sophie.lambert@cpas-liege.example' },
    personne: { nom: 'Dupont', prenom: 'Marie', dateNaissance: ADULTE.dateNaissance },
    situation: { beneficiaireRI: true, contratArticle60ou61: false, etudiant: false, reinscritDEIApresArticle60: false },
    besoin: 'formation' as const,
    elements: { projet: 'aide-soignante', actionsPrealables: 'bilan social', besoinsFreins: 'mobilité' },
    ...overrides,
  };
}

/**
 * Belgian identifiers (spec §2). Pure checks, shared by the API's validation and the tests.
 */

/**
 * NISS (numéro d'identification à la sécurité sociale): 11 digits, the last two a check:
 * 97 − (first 9 digits mod 97); for people born from 2000 on, the same over "2" followed by
 * the 9 digits.
 */
export function isValidNiss(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false;
  const base = Number(value.slice(0, 9));
  const check = Number(value.slice(9));
  return check === 97 - (base % 97) || check === 97 - ((2_000_000_000 + base) % 97);
}

/** Strips the usual separators ("85.07.30-033.61", "85073003361"). */
export function normaliseNiss(value: string): string {
  return value.replace(/[\s.\-]/g, '');
}

/** Enterprise number (BCE/KBO): 10 digits, the last two 97 − (first 8 digits mod 97). */
export function isValidEnterpriseNumber(value: string): boolean {
  if (!/^[01]\d{9}$/.test(value)) return false;
  return Number(value.slice(8)) === 97 - (Number(value.slice(0, 8)) % 97);
}

/** Strips separators and the "BE" prefix ("BE 0212.345.678" → "0212345678"). */
export function normaliseEnterpriseNumber(value: string): string {
  return value.replace(/^BE/i, '').replace(/[\s.\-]/g, '');
}

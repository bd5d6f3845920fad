/** French (Belgium) rendering of dates and text for the e-mails to the CPAS. */
import { isCivilDate, isoWeekday, parseCivilDate, type CivilDate } from '../../domain/calendar';

const JOURS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const MOIS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** « lundi 1 juin 2026 » */
export function dateLongue(date: CivilDate): string {
  const { year, month, day } = parseCivilDate(date);
  return `${JOURS[isoWeekday(date) - 1]} ${day} ${MOIS[month - 1]} ${year}`;
}

/** A value as it reads in a message: civil dates spelled out, the rest as text. */
export function lisible(value: string | number | boolean | null): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'string' && isCivilDate(value)) return dateLongue(value);
  return String(value);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The timeline of a request's page (portal/chronologie.ts, issue 15 point 2): each e-mail sent to
 * the CPAS carries its delivery state (issue 13 §4); one not sent yet, which has no dossier line,
 * is shown from its state on the day of its first attempt (in Brussels), in date order.
 */
import { chronologie, type EnvoiLu, type LigneLue } from '../../portal/chronologie';
import { instantFr } from '../../portal/libelles';

const ligne = (key: string, date: string, kind: string, code: string): LigneLue => ({ key, date, kind, code, resume: `${code} du ${date}`, recordedAt: `${date}T09:00:00.000Z` });
const envoi = (cle: string, etat: EnvoiLu['etat'], tentatives: number, premiereTentative: string): EnvoiLu => ({
  cle,
  modele: cle.split('.')[1],
  etat,
  tentatives,
  premiereTentative,
  derniereTentative: premiereTentative,
  ...(etat === 'envoye' ? { envoyeLe: premiereTentative } : {}),
});

describe('the request’s timeline on the portal', () => {
  it('joins each sent e-mail’s line to its delivery state, and shows the unsent ones from their state', () => {
    const dossier = [ligne('j:1', '2026-03-02', 'fait', 'demande'), ligne('j:2', '2026-03-03', 'decision', 'demande.traitee'), ligne('m:p.demande-traitee', '2026-03-03', 'message', 'email.demande-traitee')];
    const sent = envoi('p.demande-traitee', 'envoye', 2, '2026-03-03T10:00:00.000Z');
    // 23:30 UTC on 9 March is 00:30 on 10 March in Brussels (UTC+1 in winter): its day is the 10th.
    const failing = envoi('p.absence-avertissement', 'echec', 3, '2026-03-09T23:30:00.000Z');
    const lines = chronologie(dossier, [sent, failing]);
    expect(lines.map((l) => [l.key, l.date, l.envoi?.etat])).toEqual([
      ['j:1', '2026-03-02', undefined],
      ['j:2', '2026-03-03', undefined],
      ['m:p.demande-traitee', '2026-03-03', 'envoye'],
      ['m:p.absence-avertissement', '2026-03-10', 'echec'],
    ]);
    expect(lines[2]).toMatchObject({ resume: 'email.demande-traitee du 2026-03-03', envoi: { tentatives: 2 } });
    expect(lines[3]).toMatchObject({ kind: 'message', code: 'email.absence-avertissement', envoi: { tentatives: 3 } });
  });
});

describe('instantFr', () => {
  it('writes an instant as its date and time in Brussels', () => {
    // 23:30 UTC on 9 March 2026 is 00:30 on 10 March in Brussels (UTC+1); 8:05 UTC on 1 July is 10:05 (UTC+2).
    expect(instantFr('2026-03-09T23:30:00.000Z')).toBe('10/03/2026 à 00:30');
    expect(instantFr('2026-07-01T08:05:00.000Z')).toBe('01/07/2026 à 10:05');
  });
});

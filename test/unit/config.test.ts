/** Run-time settings that carry a legal bound. */
import { loadConfig, publicUrlProblems } from '../../lib/config';

describe('PARCOURS_RECTIFICATION_MOIS (spec §11)', () => {
  it('defaults to three months, the longest period whose outcome a late fact can change', () => {
    expect(loadConfig({}).rectificationMois).toBe(3);
    expect(loadConfig({ PARCOURS_RECTIFICATION_MOIS: '6' }).rectificationMois).toBe(6);
  });

  it.each(['2', '0', '3.5', 'trois', '25'])('refuses %s, naming the variable', (value) => {
    expect(() => loadConfig({ PARCOURS_RECTIFICATION_MOIS: value })).toThrow(/PARCOURS_RECTIFICATION_MOIS/);
  });
});

describe('PARCOURS_PUBLIC_URL (issue 15: the link in the e-mails to a CPAS)', () => {
  it('defaults to the API on this machine, as make start serves it, and drops a trailing slash', () => {
    expect(loadConfig({}).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '3100' }).publicUrl).toBe('http://localhost:3100');
    expect(loadConfig({ PARCOURS_PUBLIC_URL: 'https://parcours.forem.be/' }).publicUrl).toBe('https://parcours.forem.be');
  });

  it.each(['parcours.forem.be', 'ftp://parcours.forem.be', 'https://parcours.forem.be/?x=1', 'https://u:p@parcours.forem.be'])('refuses %s, naming the variable', (value) => {
    expect(() => loadConfig({ PARCOURS_PUBLIC_URL: value })).toThrow(/PARCOURS_PUBLIC_URL/);
  });

  it('is a production problem when it names this machine or is not https', () => {
    expect(publicUrlProblems(loadConfig({}))).toEqual([expect.stringContaining('PARCOURS_PUBLIC_URL is not set')]);
    expect(publicUrlProblems(loadConfig({ PARCOURS_PUBLIC_URL: 'http://parcours.forem.be' }))).toEqual([expect.stringContaining('https')]);
    expect(publicUrlProblems(loadConfig({ PARCOURS_PUBLIC_URL: 'https://parcours.forem.be' }))).toEqual([]);
  });
});

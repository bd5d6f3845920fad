/** Run-time settings that carry a legal bound, and the product database's. */
import { loadConfig, productionProblems, publicUrlProblems } from '../../lib/config';
import { dialectOf } from '../../lib/db';

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

describe('PARCOURS_DATABASE_URL (issue 13)', () => {
  it('chooses the dialect: a SQLite file by default and by path, PostgreSQL by URL; the older PARCOURS_DATABASE still names a file', () => {
    expect(dialectOf(loadConfig({}).databaseUrl)).toBe('sqlite');
    expect(loadConfig({ PARCOURS_DATABASE: '/srv/p.db' }).databaseUrl).toBe('/srv/p.db');
    const pg = loadConfig({ PARCOURS_DATABASE_URL: 'postgres://parcours@db:5432/parcours', PARCOURS_DATABASE: '/srv/p.db' });
    expect(pg.databaseUrl).toBe('postgres://parcours@db:5432/parcours');
    expect(dialectOf(pg.databaseUrl)).toBe('postgres');
    expect(dialectOf('postgresql://db/parcours')).toBe('postgres');
  });

  it('is refused in production when it names a SQLite file', () => {
    const config = { pseudonymSecret: 'a-long-production-secret-0123456789', apiKeysPath: '/run/secrets/api-keys.json', publicUrl: 'https://parcours.forem.be' };
    expect(productionProblems({ ...config, databaseUrl: '/var/lib/parcours/parcours.db' }, [])).toEqual([expect.stringContaining('PARCOURS_DATABASE_URL names a SQLite file')]);
    expect(productionProblems({ ...config, databaseUrl: 'postgres://parcours@db:5432/parcours' }, [])).toEqual([]);
  });
});

/**
 * The monitoring figures (convention art. 6) from a real dossier — SQLite and PostgreSQL — holding
 * lines as the core writes them, with known counts (test/helpers/monitoring-dossier.ts); small
 * cells shown as "< 5" (spec §12 Decision); the same figures in the CSV export and on the report page.
 */
import { DossierStore } from '../../lib/dossier-store';
import { MonitoringStore, type Monitoring } from '../../lib/monitoring';
import { champCsv, monitoringCsv } from '../../lib/rapport/csv';
import { politiqueDuRapport, renderRapport } from '../../lib/rapport/page';
import type { Db } from '../../lib/db';
import { DIALECTS, freshDatabase, type TestDatabase } from '../helpers/database';
import { CPAS_LIEGE } from '../helpers/fixtures';
import { ecrireDossierMonitoring } from '../helpers/monitoring-dossier';

const databases = new Map<string, TestDatabase>();
/** The dossier of known counts in `dialect`, written once per file. */
async function dossier(dialect: (typeof DIALECTS)[number]): Promise<Db> {
  if (!databases.has(dialect)) {
    const database = await freshDatabase(dialect);
    databases.set(dialect, database);
    await ecrireDossierMonitoring(new DossierStore(database.db));
  }
  return databases.get(dialect)!.db;
}
afterAll(async () => {
  for (const d of databases.values()) await d.drop();
});

let db: Db;
beforeAll(async () => {
  db = await dossier('sqlite'); // the CSV and the page are pure: one dialect suffices
});

describe.each(DIALECTS)('monitoring of a CPAS over a year (convention art. 6) (%s)', (dialect) => {
  let db: Db;
  beforeAll(async () => {
    db = await dossier(dialect);
  });

  it('counts the persons oriented, the requests by need and outcome, the delays and what followed; small cells as "< 5"', async () => {
    const m = await new MonitoringStore(db).figures(CPAS_LIEGE, '2026-01-01', '2026-12-31');
    expect(m).toEqual({
      cpas: CPAS_LIEGE,
      du: '2026-01-01',
      au: '2026-12-31',
      personnesOrientees: 7,
      demandes: 7,
      demandesParBesoin: { formation: 5, orientation: '< 5' },
      issues: { acceptees: 6, traitees: 6, cloturees: '< 5', arretees: '< 5', rejetees: '< 5' },
      rejetsParMotif: { 'demande.etudiants': '< 5' },
      // Delays 3, 5, 8, 10, 14, 30 days; nearest rank: median the 3rd (8), 90th percentile the 6th (30).
      delaiRendezVous: { demandes: 6, medianeJours: 8, p90Jours: 30 },
      avertissementsAbsence: '< 5',
      suspensions: 5,
      demandesReprise: '< 5',
      profil: { trancheAge: { moins25: 6, '45a54': '< 5' }, niveauEtudes: { secondaireSuperieur: 6, nonRenseigne: '< 5' }, genre: { femme: 5, homme: '< 5' } },
    });
  });

  it('gives no median or percentile below five treated requests', async () => {
    const m = await new MonitoringStore(db).figures(CPAS_LIEGE, '2026-01-01', '2026-03-31');
    expect(m.delaiRendezVous).toEqual({ demandes: '< 5', medianeJours: null, p90Jours: null });
    expect(m.personnesOrientees).toBe('< 5');
  });
});

describe('the CSV export of the figures', () => {
  it('has a header row and one row per figure, the CPAS and period on each, « < 5 » kept, CRLF line ends', async () => {
    const csv = monitoringCsv(await new MonitoringStore(db).figures(CPAS_LIEGE, '2026-01-01', '2026-12-31'));
    const p = `${CPAS_LIEGE},2026-01-01,2026-12-31,`;
    expect(csv).toBe(
      [
        'cpas,du,au,indicateur,categorie,libelle,valeur',
        `${p}personnesOrientees,,Personnes orientées,7`,
        `${p}demandes,,Demandes déposées,7`,
        `${p}demandesParBesoin,orientation,Orientation,< 5`,
        `${p}demandesParBesoin,formation,Formation,5`,
        `${p}issues,acceptees,Acceptées,6`,
        `${p}issues,traitees,Traitées (rendez-vous fixé),6`,
        `${p}issues,cloturees,Clôturées (prestation réalisée),< 5`,
        `${p}issues,arretees,Arrêtées,< 5`,
        `${p}issues,rejetees,Rejetées,< 5`,
        `${p}rejetsParMotif,demande.etudiants,Les étudiants ne font pas partie du public commun,< 5`,
        `${p}delaiRendezVous,demandes,Demandes traitées,6`,
        `${p}delaiRendezVous,medianeJours,Médiane (jours),8`,
        `${p}delaiRendezVous,p90Jours,90e percentile (jours),30`,
        `${p}avertissementsAbsence,,Avertissements d’une première absence,< 5`,
        `${p}suspensions,,Suspensions,5`,
        `${p}demandesReprise,,Demandes de reprise par le CPAS,< 5`,
        `${p}profil.trancheAge,moins25,Tranche d’âge : Moins de 25 ans,6`,
        `${p}profil.trancheAge,45a54,Tranche d’âge : 45 à 54 ans,< 5`,
        `${p}profil.niveauEtudes,secondaireSuperieur,Niveau d’études : Secondaire supérieur,6`,
        `${p}profil.niveauEtudes,nonRenseigne,Niveau d’études : Non renseigné,< 5`,
        `${p}profil.genre,femme,Genre : Femme,5`,
        `${p}profil.genre,homme,Genre : Homme,< 5`,
      ].join('\r\n') + '\r\n',
    );
  });

  it('leaves a missing median empty', async () => {
    const csv = monitoringCsv(await new MonitoringStore(db).figures(CPAS_LIEGE, '2026-01-01', '2026-03-31'));
    expect(csv).toContain(`${CPAS_LIEGE},2026-01-01,2026-03-31,delaiRendezVous,medianeJours,Médiane (jours),\r\n`);
  });

  it('quotes as RFC 4180 says, and defuses what a spreadsheet would run as a formula', () => {
    expect(champCsv('Bilan, « social »')).toBe('"Bilan, « social »"');
    expect(champCsv('dit "non"')).toBe('"dit ""non"""');
    expect(champCsv('deux\nlignes')).toBe('"deux\nlignes"');
    expect(champCsv('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(champCsv('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(champCsv('< 5')).toBe('< 5');
    expect(champCsv(null)).toBe('');
    expect(champCsv(12)).toBe('12');
  });
});

describe('the report page (pure render)', () => {
  let figures: Monitoring;
  beforeAll(async () => {
    figures = await new MonitoringStore(db).figures(CPAS_LIEGE, '2026-01-01', '2026-12-31');
  });
  const render = (nom = 'CPAS de Liège') => renderRapport({ cpas: { numeroEntreprise: CPAS_LIEGE, nom }, annee: '2026', figures, etabliLe: '2027-01-15' });

  it('draws a chart per breakdown with one bar per category, « < 5 » as an empty bar, and the same page for the same figures', () => {
    const html = render();
    const charts = [...html.matchAll(/<section id="([^"]+)">[\s\S]*?<\/section>/g)].map((m) => [m[1], (m[0].match(/ecmeta_ssr_type="chart"/g) ?? []).length]);
    expect(charts).toEqual([
      ['besoins', 2],
      ['issues', 5],
      ['rejets', 1],
      ['delai', 0],
      ['suivi', 3],
      ['profil-trancheAge', 2],
      ['profil-niveauEtudes', 2],
      ['profil-genre', 2],
    ]);
    // Orientation (< 5) comes first (the order of the needs) with a bar of no length, labelled « < 5 ».
    const besoins = /<section id="besoins">[\s\S]*?<\/section>/.exec(html)![0];
    expect(besoins).toMatch(/<path d="M[\d.]+ [\d.]+l0 0l0 [\d.]+l0 0Z"[^>]*ecmeta_data_index="0"/);
    expect(besoins).toContain('>&lt; 5</text>');
    expect(html).toContain('Année 2026 : du 1er janvier 2026 au 31 décembre 2026');
    expect(html).toContain('Établi le 15 janvier 2027');
    expect(render()).toBe(html);
  });

  it('escapes text, runs no script and allows only its own styles, by hash', () => {
    const html = render('CPAS <script>alert(1)</script>');
    expect(html).not.toContain('<script');
    expect(html).toContain('CPAS &lt;script&gt;alert(1)&lt;/script&gt;');
    const csp = politiqueDuRapport(html);
    expect(csp).toMatch(/^default-src 'none'; style-src 'unsafe-hashes' ('sha256-[A-Za-z0-9+/=]+' ?)+; img-src 'none'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(html).toContain(`content="${csp.replace(/'/g, '&#39;')}"`);
  });
});

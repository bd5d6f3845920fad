/**
 * The report page of a CPAS's monitoring figures for a year (convention art. 5, 6): the annual
 * evaluation's *compte-rendu* rests on it. A pure function of the figures: no database, no clock,
 * no authentication — whoever serves it (the API with a bearer key, the CPAS portal with its
 * session) decides who may read it. Server-rendered HTML in French, the charts as inline SVG from
 * ECharts (graphique.ts), no script at all; printed to PDF from the browser (A4, print CSS).
 */
import { createHash } from 'node:crypto';
import type { CivilDate } from '../../domain/calendar';
import type { AxeProfil, Compte, Monitoring } from '../monitoring';
import { SEUIL_PETITS_NOMBRES } from '../monitoring';
import { graphiqueEnBarres, type Barre } from './graphique';
import { AXES, BESOINS, dansLOrdre, DELAI, INDICATEURS, ISSUES, libelle, motifDeRejet, SUIVI, VALEURS_PROFIL } from './libelles';

export interface RapportInput {
  cpas: { numeroEntreprise: string; nom: string };
  annee: string;
  figures: Monitoring;
  /** The day the page is drawn up (Brussels), printed in its footer. */
  etabliLe: CivilDate;
}

export const HTML_MEDIA_TYPE = 'text/html; charset=utf-8';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string | number): string => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]);

const MOIS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const dateLongue = (d: CivilDate): string => `${Number(d.slice(8, 10))}${d.slice(8, 10) === '01' ? 'er' : ''} ${MOIS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;

const valeur = (c: Compte | number | null): string => (c === null ? '—' : esc(c));

const CSS = `
:root { color: #1b1b1b; font-family: system-ui, sans-serif; font-size: 15px; line-height: 1.45; }
body { margin: 0 auto; max-width: 48rem; padding: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #c8ccd4; padding-bottom: .2rem; }
.periode { color: #444; margin: 0 0 1rem; }
.chiffres-cles { display: flex; gap: 1rem; flex-wrap: wrap; padding: 0; list-style: none; }
.chiffres-cles li { border: 1px solid #c8ccd4; border-radius: 4px; padding: .5rem .9rem; min-width: 9rem; }
.chiffres-cles strong { display: block; font-size: 1.4rem; }
figure { margin: 1rem 0; }
figure svg { width: 100%; height: auto; display: block; }
table { border-collapse: collapse; margin: .5rem 0; min-width: 60%; }
th, td { border: 1px solid #c8ccd4; padding: .25rem .6rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.note, footer { color: #444; font-size: .85rem; }
.impression { background: #eef2fb; border-left: 4px solid #5070dd; padding: .5rem .8rem; }
@page { size: A4; margin: 15mm; }
@media print {
  :root { font-size: 11pt; }
  body { max-width: none; padding: 0; }
  .impression { display: none; }
  h2 { break-after: avoid; }
  figure, table, .chiffres-cles { break-inside: avoid; }
}
`;

function tableau(entete: string, lignes: Array<[string, Compte | number | null]>): string {
  const corps = lignes.map(([l, v]) => `<tr><th scope="row">${esc(l)}</th><td class="n">${valeur(v)}</td></tr>`).join('');
  return `<table><thead><tr><th scope="col">${esc(entete)}</th><th scope="col">Nombre</th></tr></thead><tbody>${corps}</tbody></table>`;
}

/** A chart with its figures beside it as a table: the table is what a screen reader and a copy-paste read. */
function figure(id: string, titre: string, barres: Barre[], entete: string): string {
  const svg = graphiqueEnBarres(barres);
  if (!svg) return `<section id="${id}"><h2>${esc(titre)}</h2><p>Aucune donnée pour la période.</p></section>`;
  return `<section id="${id}"><h2 id="${id}-titre">${esc(titre)}</h2><figure class="graphique" aria-labelledby="${id}-titre">${svg}</figure>${tableau(entete, barres.map((b) => [b.libelle, b.valeur]))}</section>`;
}

const barresDe = (record: Record<string, Compte>, table: Record<string, string>, nom: (code: string) => string = (c) => libelle(table, c)): Barre[] =>
  dansLOrdre(record, table).map(([code, v]) => ({ libelle: nom(code), valeur: v }));

function corps({ cpas, annee, figures: m, etabliLe }: RapportInput): string {
  const delai = m.delaiRendezVous;
  const sections = [
    figure('besoins', INDICATEURS.demandesParBesoin, barresDe(m.demandesParBesoin, BESOINS), 'Besoin'),
    figure('issues', INDICATEURS.issues, (Object.keys(ISSUES) as Array<keyof Monitoring['issues']>).map((k) => ({ libelle: ISSUES[k], valeur: m.issues[k] })), 'Issue'),
    figure('rejets', INDICATEURS.rejetsParMotif, barresDe(m.rejetsParMotif, {}, motifDeRejet), 'Motif (règle appliquée)'),
    `<section id="delai"><h2>${esc(INDICATEURS.delaiRendezVous)}</h2>` +
      tableau('Délai', (Object.keys(DELAI) as Array<keyof typeof DELAI>).map((k) => [DELAI[k], delai[k]])) +
      (delai.medianeJours === null ? `<p class="note">Médiane et percentile non calculés : moins de ${SEUIL_PETITS_NOMBRES} demandes traitées.</p>` : '') +
      `</section>`,
    figure('suivi', 'Suivi des personnes orientées', (Object.keys(SUIVI) as Array<keyof typeof SUIVI>).map((k) => ({ libelle: SUIVI[k], valeur: m[k] })), 'Événement'),
    ...(Object.keys(AXES) as AxeProfil[]).map((axe) => figure(`profil-${axe}`, `${INDICATEURS.profil} — ${AXES[axe].toLowerCase()}`, barresDe(m.profil[axe], VALEURS_PROFIL[axe]), AXES[axe])),
  ];
  return `<header>
<h1>Monitoring de la coopération — ${esc(cpas.nom)}</h1>
<p class="periode">Année ${esc(annee)} : du ${esc(dateLongue(m.du))} au ${esc(dateLongue(m.au))} · numéro d’entreprise ${esc(cpas.numeroEntreprise)} · convention de coopération Forem–CPAS, art. 6</p>
<p class="impression">Pour le compte-rendu de l’évaluation annuelle (art. 5) : imprimer cette page et choisir « Enregistrer au format PDF ».</p>
</header>
<main>
<ul class="chiffres-cles">
<li>${esc(INDICATEURS.personnesOrientees)}<strong>${valeur(m.personnesOrientees)}</strong></li>
<li>${esc(INDICATEURS.demandes)}<strong>${valeur(m.demandes)}</strong></li>
<li>Délai médian jusqu’au rendez-vous<strong>${delai.medianeJours === null ? '—' : `${esc(delai.medianeJours)} j`}</strong></li>
</ul>
${sections.join('\n')}
</main>
<footer><p>Agrégats seulement : tout compte inférieur à ${SEUIL_PETITS_NOMBRES} est affiché « &lt; 5 », sans barre, afin qu’aucune personne ne puisse être reconnue. Une demande compte l’année où elle a été déposée ; son issue est lue quelle que soit sa date. Établi le ${esc(dateLongue(etabliLe))}.</p></footer>`;
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const decode = (s: string): string => s.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

/**
 * The page's Content-Security-Policy: nothing may load, no script may run; the only styles are the
 * page's own style element and the style attributes ECharts writes on its SVG texts, each allowed
 * by its hash (CSP 3, 'unsafe-hashes' — never 'unsafe-inline').
 */
export function politiqueDuRapport(html: string): string {
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  const attributs = [...new Set([...html.matchAll(/\sstyle="([^"]*)"/g)].map((m) => decode(m[1])))];
  const hashes = [...styles, ...attributs].map(sha256);
  return ["default-src 'none'", `style-src ${attributs.length ? "'unsafe-hashes' " : ''}${hashes.join(' ')}`, "img-src 'none'", "base-uri 'none'", "form-action 'none'"].join('; ');
}

/** The report page of `input`: a complete HTML document, its CSP in a meta element. */
export function renderRapport(input: RapportInput): string {
  const body = `<body>\n${corps(input)}\n</body>`;
  const style = `<style>${CSS}</style>`;
  const csp = politiqueDuRapport(style + body);
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Monitoring ${esc(input.annee)} — ${esc(input.cpas.nom)}</title>
${style}
</head>
${body}
</html>
`;
}

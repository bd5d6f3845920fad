/**
 * One template per e-mail to the CPAS (spec §9). A template gives a subject and the facts the
 * message must carry; `render` turns them into HTML (escaped) and plain text. No national
 * number is ever inserted: the CPAS recognises the person by the name it gave.
 */
import type { EmailIntent, EmailTemplate } from '../../domain/parcours';
import type { Cpas } from '../../lib/cpas-registry';
import { escapeHtml, lisible } from './format';

type Data = EmailIntent['data'];

interface Template {
  subject: (d: Data) => string;
  intro: (d: Data) => string;
  /** Labelled facts, in order; a missing value is left out. */
  facts: Array<[label: string, field: string]>;
  outro?: (d: Data) => string;
}

const TEMPLATES: Partial<Record<EmailTemplate, Template>> = {
  'inscription-enregistree': {
    subject: () => 'Inscription enregistrée comme chercheur d’emploi',
    intro: () => 'La personne que vous suivez est inscrite comme chercheur d’emploi au Forem.',
    facts: [
      ['Date d’inscription', 'dateInscription'],
      ['Canal', 'canal'],
    ],
    outro: () => 'Le Forem l’affectera à un type d’accompagnement dans le mois de son inscription (AGW du 9 octobre 2025, art. 16 §1er).',
  },
  'changement-accompagnement': {
    subject: () => 'Changement du type d’accompagnement',
    intro: () => 'Le type d’accompagnement de la personne que vous suivez a changé.',
    facts: [
      ['Ancien type', 'ancien'],
      ['Nouveau type', 'nouveau'],
      ['Motif', 'motif'],
    ],
  },
};

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function hasTemplate(template: EmailTemplate): boolean {
  return template in TEMPLATES;
}

export function render(intent: EmailIntent, cpas: Cpas): RenderedEmail {
  const t = TEMPLATES[intent.template];
  if (!t) throw new Error(`no template for e-mail ${intent.template}`);
  const d = intent.data;
  const facts = t.facts.filter(([, f]) => d[f] !== undefined).map(([label, f]) => [label, lisible(d[f])] as const);
  const basis = intent.legalBasis ? `Base légale : ${intent.legalBasis.basis}.` : undefined;
  const greeting = `Bonjour ${cpas.contact.nom},`;
  const signature = 'Le Forem — message automatique du dispositif de coopération Forem–CPAS.';
  const paragraphs = [t.intro(d), ...(t.outro ? [t.outro(d)] : []), ...(basis ? [basis] : [])];
  const text = [
    greeting,
    '',
    t.intro(d),
    '',
    ...facts.map(([l, v]) => `${l} : ${v}`),
    '',
    ...paragraphs.slice(1).flatMap((p) => [p, '']),
    signature,
  ].join('\n');
  const html = [
    '<!doctype html><html lang="fr-BE"><head><meta charset="utf-8"></head><body>',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(t.intro(d))}</p>`,
    facts.length ? `<table>${facts.map(([l, v]) => `<tr><th align="left">${escapeHtml(l)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>` : '',
    ...paragraphs.slice(1).map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><small>${escapeHtml(signature)}</small></p>`,
    '</body></html>',
  ].join('\n');
  return { subject: `[Parcours] ${t.subject(d)}`, text, html };
}

/**
 * One template per e-mail (spec §9, and the transmission to the Service contrôle of art. 30 §3).
 * A template gives a subject, an introduction, the facts the message must carry and what the
 * recipient can do; `render` turns them into HTML (every inserted value escaped) and plain text.
 * No national number is ever inserted: the CPAS recognises the person by its own file.
 */
import type { ConventionTemplate } from '../../domain/convention/model';
import type { EmailIntent, EmailTemplate } from '../../domain/parcours';
import { escapeHtml, lisible } from './format';

type Data = EmailIntent['data'];

export interface Recipient {
  nom: string;
  salutation: string;
  email: string;
}

interface Template {
  subject: (d: Data) => string;
  intro: (d: Data) => string;
  /** Labelled facts, in order; a missing value is left out. */
  facts: Array<[label: string, field: string]>;
  outro?: (d: Data) => string;
}

const TEMPLATES: Record<EmailTemplate | ConventionTemplate, Template> = {
  'inscription-enregistree': {
    subject: () => 'Inscription enregistrée comme chercheur d’emploi',
    // `orientee`: to a CPAS whose request was rejected because the person was not registered yet.
    intro: (d) =>
      d.orientee
        ? 'La personne que votre CPAS a orientée vers le Forem est à présent inscrite comme chercheur d’emploi. Votre demande avait été rejetée faute d’inscription : vous pouvez introduire une nouvelle demande.'
        : 'La personne que vous suivez est inscrite comme chercheur d’emploi au Forem.',
    facts: [
      ['Personne', 'beneficiaire'],
      ['Votre dossier', 'dossierCpas'],
      ['Date d’inscription', 'dateInscription'],
      ['Canal', 'canal'],
    ],
    outro: () => 'Le Forem l’affectera à un type d’accompagnement dans le mois de son inscription.',
  },
  'demande-traitee': {
    subject: () => 'Demande réceptionnée et traitée : rendez-vous fixé',
    intro: () => 'Votre demande a été réceptionnée et traitée : un rendez-vous est fixé.',
    facts: [
      ['Référence de la demande', 'reference'],
      ['Prestation', 'service'],
      ['Date', 'dateRendezVous'],
      ['Lieu', 'lieu'],
    ],
  },
  'demande-rejetee': {
    subject: () => 'Demande rejetée',
    intro: () => 'Votre demande n’a pas pu être acceptée.',
    facts: [
      ['Référence de la demande', 'reference'],
      ['Personne', 'beneficiaire'],
      ['Motif', 'motif'],
    ],
    outro: (d) => (d.suite ? String(d.suite) : 'Vous pouvez introduire une nouvelle demande lorsque la situation de la personne aura changé.'),
  },
  'retour-entretien': {
    subject: () => 'Retour après le premier entretien',
    intro: () => 'La personne a été reçue en entretien. Voici le retour de son conseiller.',
    facts: [
      ['Référence de la demande', 'reference'],
      ['Faits', 'faits'],
      ['Besoins', 'besoins'],
      ['Perspectives', 'perspectives'],
      ['Conseiller', 'conseiller'],
      ['Contact du conseiller', 'contactConseiller'],
    ],
  },
  'demande-cloturee': {
    subject: () => 'Demande clôturée',
    intro: () => 'La prestation a eu lieu et le retour vous a été fait : la demande est clôturée.',
    facts: [
      ['Référence de la demande', 'reference'],
      ['Résultat', 'resultat'],
    ],
  },
  'absence-avertissement': {
    subject: () => 'Absence non justifiée : avertissement',
    intro: () => 'La personne que vous suivez ne s’est pas présentée à une sollicitation du Forem et n’a pas justifié son absence.',
    facts: [
      ['Référence de la demande', 'reference'],
      ['Date manquée', 'dateAbsence'],
    ],
    outro: () =>
      'Une nouvelle sollicitation lui est adressée par recommandé. Une absence non justifiée au rendez-vous fixé par ce recommandé entraînerait l’arrêt de la demande et, selon sa situation, la suspension de l’accompagnement et la fin de son inscription ; le CPAS ne pourrait en demander la reprise qu’après sept mois (dès à présent pour un jeune de moins de 25 ans).',
  },
  'demande-arretee': {
    subject: () => 'Demande arrêtée : absence non justifiée au rendez-vous fixé par recommandé',
    intro: () => 'À la suite d’une absence non justifiée au rendez-vous fixé par recommandé (AGW, art. 30 §3), la demande est arrêtée.',
    facts: [
      ['Référence de la demande', 'reference'],
      ['Date de suspension', 'dateSuspension'],
      ['Reprise possible à la demande du CPAS à partir du', 'repriseCpasPossibleLe'],
    ],
    outro: () => 'Si vous l’estimez opportun, vous pourrez demander la reprise de l’accompagnement à partir de cette date ; nous vous le rappellerons ce jour-là.',
  },
  'reprise-possible': {
    subject: () => 'Reprise de l’accompagnement possible',
    intro: () => 'Sept mois se sont écoulés depuis la suspension de l’accompagnement : vous pouvez à présent en demander la reprise si vous l’estimez opportun.',
    facts: [
      ['Référence de la demande', 'reference'],
      ['Date de suspension', 'dateSuspension'],
      ['Reprise possible depuis le', 'repriseCpasPossibleLe'],
    ],
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
  'transmission-controle': {
    subject: () => 'Transmission : absence non justifiée au rendez-vous fixé par recommandé',
    intro: () => 'Un chercheur d’emploi ne s’est pas présenté, sans justification admise, à la sollicitation adressée par recommandé.',
    facts: [
      ['Date manquée', 'dateAbsence'],
      ['Public', 'public'],
      ['Parcours', 'parcoursId'],
    ],
    outro: () => 'Le dossier unique est disponible pour votre décision.',
  },
  rectification: {
    subject: (d) => `Rectification : ${TEMPLATES[d.messageAnnule as Exclude<EmailTemplate, 'rectification'>]?.subject(d) ?? 'message précédent'}`,
    intro: (d) => `Un fait enregistré après coup change la décision que nous vous avons communiquée le ${lisible(d.dateMessage)} : ce message-là ne tient plus.`,
    facts: [
      ['Référence de la demande', 'reference'],
      ['Message rectifié, du', 'dateMessage'],
      ['Pourquoi', 'motif'],
      ['Ce qui vaut désormais', 'suite'],
    ],
    outro: () => 'Ce message rectifie le précédent (voir l’en-tête References) ; les autres informations restent valables.',
  },
  // Convention (spec §12): to both contact persons of the convention.
  'convention-rappel-evaluation': {
    subject: (d) => `Évaluation annuelle de la convention de coopération : ${lisible(d.anniversaire)}`,
    intro: () => 'La convention de coopération Forem–CPAS s’évalue au moins une fois par an, à la date anniversaire de sa signature (convention, art. 5). Voici le rappel de cette évaluation.',
    facts: [
      ['CPAS', 'cpas'],
      ['Convention signée le', 'signeeLe'],
      ['Date anniversaire', 'anniversaire'],
      ['Année de la coopération', 'annee'],
      ['Période évaluée, du', 'periodeDu'],
      ['au', 'periodeAu'],
      ['Personnes orientées', 'chiffresPersonnes'],
      ['Demandes', 'chiffresDemandes'],
      ['Demandes traitées (rendez-vous fixé)', 'chiffresTraitees'],
      ['Demandes rejetées', 'chiffresRejetees'],
      ['Délai médian jusqu’au rendez-vous fixé', 'chiffresDelai'],
      ['Avertissements d’absence', 'chiffresAvertissements'],
      ['Suspensions', 'chiffresSuspensions'],
      ['Demandes de reprise du CPAS', 'chiffresReprises'],
    ],
    outro: () => 'Les chiffres du monitoring de la période à ce jour (convention, art. 6 ; tout nombre inférieur à 5 est affiché « < 5 ») servent de base au compte-rendu validé par les parties.',
  },
  'convention-fin-preavis': {
    subject: () => 'Fin de la convention de coopération : préavis écoulé',
    intro: () => 'Le préavis de trois mois de la dénonciation de la convention de coopération est écoulé : la convention a pris fin (convention, art. 8).',
    facts: [
      ['CPAS', 'cpas'],
      ['Dernier jour du préavis', 'finPreavis'],
      ['Motif de la dénonciation', 'motif'],
    ],
    outro: () => 'Le CPAS ne peut plus introduire de nouvelle demande ; les demandes ouvertes vont à leur terme.',
  },
};

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * What makes an e-mail to a CPAS actionable (spec §9; issue 15): the request it is about, the
 * person as that CPAS named them, and the link to the request's page on the portal.
 */
export interface Demande {
  reference: string;
  personne: string | null;
  lien: string;
}

/** The request's page on the CPAS portal, under the public address (PARCOURS_PUBLIC_URL). */
export function lienDemande(publicUrl: string, reference: string): string {
  return `${publicUrl}/portail/demandes/${encodeURIComponent(reference)}`;
}

export function render(intent: { template: EmailTemplate | ConventionTemplate; data: EmailIntent['data']; legalBasis?: { basis: string } }, to: Recipient, demande?: Demande): RenderedEmail {
  const t = TEMPLATES[intent.template];
  const d = intent.data;
  const propres = t.facts.filter(([, f]) => d[f] !== undefined && d[f] !== null && d[f] !== '').map(([label, f]) => [label, lisible(d[f])] as const);
  // Who and which request first, unless the template already says it.
  const enTete: Array<readonly [string, string]> = demande
    ? [
        ...(demande.personne && !t.facts.some(([, f]) => f === 'beneficiaire' && d[f]) ? [['Personne', demande.personne] as const] : []),
        ...(!t.facts.some(([, f]) => f === 'reference' && d[f]) ? [['Référence de la demande', demande.reference] as const] : []),
      ]
    : [];
  const facts = [...enTete, ...propres];
  const greeting = `Bonjour ${to.salutation},`;
  const closing = [...(t.outro ? [t.outro(d)] : []), ...(intent.legalBasis ? [`Base légale : ${intent.legalBasis.basis}.`] : [])];
  const voir = 'Voir la demande sur le portail des CPAS';
  const signature = 'Le Forem — message automatique du dispositif de coopération Forem–CPAS.';
  const text = [greeting, '', t.intro(d), '', ...facts.map(([l, v]) => `${l} : ${v}`), '', ...(demande ? [`${voir} : ${demande.lien}`, ''] : []), ...closing.flatMap((p) => [p, '']), signature].join('\n');
  const html = [
    '<!doctype html><html lang="fr-BE"><head><meta charset="utf-8"></head><body>',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(t.intro(d))}</p>`,
    facts.length ? `<table>${facts.map(([l, v]) => `<tr><th align="left">${escapeHtml(l)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>` : '',
    demande ? `<p><a href="${escapeHtml(demande.lien)}">${escapeHtml(voir)}</a></p>` : '',
    ...closing.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><small>${escapeHtml(signature)}</small></p>`,
    '</body></html>',
  ].join('\n');
  return { subject: `[Parcours] ${t.subject(d)}${demande ? ` — demande ${demande.reference}` : ''}`, text, html };
}

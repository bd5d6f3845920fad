/**
 * What happens when a deadline runs out. Each handler is keyed by the rule that set the
 * deadline, so the decision it writes names that rule and its legal basis.
 */
import { addDays } from '../calendar';
import type { RuleId } from '../rules';
import { apresDigital, assign, contactIndividuelMensuel, moinsDe30 } from './accompagnement';
import { absenceNonJustifiee, cloturer, finSuspension } from './lifecycle';
import type { Echeance } from './model';
import type { Step } from './step';

type OnExpiry = (step: Step, e: Echeance) => void;

const alerte = (step: Step, e: Echeance, code: string, resume: string) =>
  step.write({ date: step.today, kind: 'signalAlerte', code, resume, legalBasis: step.basis(e.rule), data: { dernierJour: e.dernierJour } });

export const ON_EXPIRY: Partial<Record<RuleId, OnExpiry>> = {
  'regime.transition': (step, e) => {
    step.state.regime = 'aocs-2025';
    step.decision(e.rule, 'regime.transition', `Fin de la période transitoire (dernier jour ${e.dernierJour}) : le parcours suit désormais les règles de l’AGW du 9 octobre 2025`, { data: { dernierJour: e.dernierJour } });
  },

  'inscription.telephone.authentification': (step, e) => {
    const s = step.state;
    s.statut = 'nonInscrit';
    s.echeances = [];
    step.decision(e.rule, 'inscription.nonFinalisee', `Identité non authentifiée au ${e.dernierJour} : inscription par téléphone non finalisée`, { data: { dernierJour: e.dernierJour } });
  },

  'inscription.enLigne.dateContact': (step, e) => {
    step.write({ date: step.today, kind: 'elementDefavorable', code: 'contact.nonFixe', resume: `Date du contact mensuel non fixée dans les 15 jours de l’inscription en ligne (dernier jour ${e.dernierJour})`, legalBasis: step.basis(e.rule), data: { dernierJour: e.dernierJour } });
  },

  'inscription.enLigne.objectivation': (step, e) => alerte(step, e, 'objectivation.horsDelai', `Profil non objectivé dans les 15 jours de l’inscription en ligne (dernier jour ${e.dernierJour})`),

  'affectation.delai': (step, e) => alerte(step, e, 'affectation.horsDelai', `Aucune affectation dans le mois de l’inscription (dernier jour ${e.dernierJour})`),

  'accompagnement.digital.duree': (step, e) =>
    assign(step, apresDigital(step.state), step.today, `Fin des quatre mois d’accompagnement digital interactif (dernier jour ${e.dernierJour}) : réaffectation`, e.rule),

  'accompagnement.enLigne.moins30': (step, e) =>
    assign(step, 'axeMetier', step.today, `Fin des trois mois d’accompagnement en ligne pour les moins de 30 ans (dernier jour ${e.dernierJour}) : réaffectation en présentiel`, e.rule),

  'contact.mensuel': (step, e) => {
    alerte(step, e, 'contact.manque', `Contact mensuel prévu le ${e.dernierJour} non réalisé : signal d’alerte`);
    step.schedule('signalAlerte.contact', e.dernierJour);
  },

  'contact.individuel.moins30': (step, e) => {
    alerte(step, e, 'contactIndividuel.manque', `Moins de 30 ans : aucun contact individuel en trois mois (dernier jour ${e.dernierJour})`);
    if (moinsDe30(step.state, e.dernierJour)) step.schedule(e.rule, e.dernierJour);
  },

  'contact.individuel.quatrePremiersMois': (step, e) => {
    alerte(step, e, 'contactIndividuel.moisManque', `Hors digital interactif : aucun contact individuel avec un conseiller dans le mois se terminant le ${e.dernierJour} (quatre premiers mois)`);
    contactIndividuelMensuel(step, addDays(e.dernierJour, 1));
  },

  'proposition.delai': (step, e) => {
    const faible = step.state.employabilite === 'faible' || step.state.employabilite === 'tresFaible';
    if (faible) {
      step.decision(e.rule, 'proposition.nonRequise', 'Employabilité faible ou très faible : pas de proposition requise dans les quatre mois (art. 28 §2)');
      return;
    }
    alerte(step, e, 'proposition.horsDelai', `Aucune proposition d’emploi, de stage ou de formation dans les quatre mois de l’inscription (dernier jour ${e.dernierJour})`);
  },

  'signalAlerte.contact': (step, e) => alerte(step, e, 'signalAlerte.escalade', `Aucun contact dans les trois jours ouvrables du signal d’alerte (dernier jour ${e.dernierJour}) : escalade`),

  'absence.justification': (step, e) => absenceNonJustifiee(step, e.depuis, `aucun justificatif au ${e.dernierJour}`),

  'absence.motifPrevisible.recontact': (step, e) => {
    const s = step.state;
    step.write({ date: step.today, kind: 'elementDefavorable', code: 'recontact.manque', resume: `Motif prévisible : le chercheur d’emploi n’a pas recontacté le Forem au ${e.dernierJour}`, legalBasis: step.basis(e.rule), data: { dateSollicitation: e.depuis } });
    s.absence = { dateSollicitation: e.depuis, etape: 'reconvocationForem' };
    step.schedule('absence.reconvocation', e.depuis);
  },

  'absence.reconvocation': (step, e) => {
    step.state.absence = undefined;
    alerte(step, e, 'reconvocation.horsDelai', `Pas de nouvelle convocation dans les quinze jours ouvrables du rendez-vous manqué du ${e.depuis} (dernier jour ${e.dernierJour})`);
  },

  'suspension.duree': (step, e) => finSuspension(step, `Fin de la suspension automatique : trois mois au plus (dernier jour ${e.dernierJour})`, e.rule),
  'suspension.duree.anterieure': (step, e) => finSuspension(step, `Fin de la suspension : sept mois (dernier jour ${e.dernierJour})`, e.rule),

  'reprise.cpas.delai': (step, e) => {
    // Scheduled to run out at 00:00 on the day the reprise becomes possible: the e-mail goes that day.
    const le = step.today;
    const arretee = [...step.state.demandes].reverse().find((d) => d.statut === 'arretee');
    const reference = arretee?.reference ?? null;
    step.decision(e.rule, 'reprise.cpas.possible', `Sept mois depuis la suspension du ${e.depuis} : le CPAS peut demander la reprise de l’accompagnement conjoint`, { data: { dateSuspension: e.depuis, reference } });
    step.emailCpas('reprise-possible', le, { reference, dateSuspension: e.depuis, repriseCpasPossibleLe: le }, e.rule, arretee?.cpas);
  },

  'cloture.nonInscription': (step, e) => cloturer(step, `Aucune réinscription pendant trois mois ininterrompus (dernier jour ${e.dernierJour}) : parcours clôturé`, e.rule),
};

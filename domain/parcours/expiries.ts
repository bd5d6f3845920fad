/**
 * What happens when a deadline runs out. Each handler is keyed by the rule that set the
 * deadline, so the decision it writes names that rule and its legal basis.
 */
import { addDays } from '../calendar';
import type { RuleId } from '../rules';
import { ABSENCE_EXPIRIES } from './absences';
import { apresDigital, assign, contactIndividuelMensuel, moinsDe30 } from './accompagnement';
import { cloturer, finInscription, finSuspension } from './lifecycle';
import { emettreSignal } from './signaux';
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

  // The signal is emitted at 00:00 the day after the missed date; art. 39 §2 counts from that day.
  'contact.mensuel': (step, e) => emettreSignal(step, e.rule, 'contact.manque', 'contactManque', `Contact mensuel prévu le ${e.dernierJour} non réalisé`),

  'contact.individuel.moins30': (step, e) => {
    alerte(step, e, 'contactIndividuel.manque', `Moins de 30 ans : aucun contact individuel en trois mois (dernier jour ${e.dernierJour})`);
    if (moinsDe30(step.state, e.dernierJour)) step.schedule(e.rule, e.dernierJour);
  },

  'contact.individuel.quatrePremiersMois': (step, e) => {
    alerte(step, e, 'contactIndividuel.moisManque', `Hors digital interactif : aucun contact individuel avec un conseiller dans le mois se terminant le ${e.dernierJour} (quatre premiers mois)`);
    contactIndividuelMensuel(step, addDays(e.dernierJour, 1));
  },

  'proposition.delai': (step, e) => {
    const s = step.state;
    const exception =
      s.employabilite === 'faible' || s.employabilite === 'tresFaible'
        ? 'employabilité faible ou très faible'
        : s.personne?.nonMobilisable
          ? 'chercheur d’emploi non mobilisable'
          : s.personne?.trajetSpecifique
            ? 'chercheur d’emploi en trajet spécifique'
            : undefined;
    if (exception) {
      step.decision(e.rule, 'proposition.nonRequise', `${exception[0].toUpperCase()}${exception.slice(1)} : des actions adaptées plutôt qu’une proposition dans les quatre mois (art. 28 §2)`, { data: { exception } });
      return;
    }
    alerte(step, e, 'proposition.horsDelai', `Aucune proposition d’emploi, de stage ou de formation dans les quatre mois de l’inscription (dernier jour ${e.dernierJour})`);
  },

  'signalAlerte.contact': (step, e) => alerte(step, e, 'signalAlerte.escalade', `Aucun contact dans les trois jours ouvrables du signal d’alerte (dernier jour ${e.dernierJour}) : escalade`),

  ...ABSENCE_EXPIRIES,

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

  'cloture.nonInscription': (step, e) => {
    const s = step.state;
    if (s.statut === 'cloture') {
      // Closed earlier (art. 33 §2): the three months to re-register have run out (§3).
      s.interruption = undefined;
      step.decision('reinscription.reprise', 'cloture.definitive', `Aucune réinscription dans les trois mois de la fin d’inscription (dernier jour ${e.dernierJour}) : la clôture est définitive`, { date: addDays(e.dernierJour, 1) });
      return;
    }
    cloturer(step, addDays(e.dernierJour, 1), 'nonInscription', `Aucune réinscription pendant trois mois ininterrompus (dernier jour ${e.dernierJour}) : parcours clôturé`, e.rule);
  },

  'cloture.nonInoccupe': (step, e) =>
    cloturer(step, addDays(e.dernierJour, 1), 'nonInoccupe', `Plus inoccupé depuis le ${e.depuis}, pendant trois mois (dernier jour ${e.dernierJour}) : accompagnement clôturé`, e.rule),

  'inscription.fin.pension': (step, e) => {
    const s = step.state;
    const le = addDays(e.dernierJour, 1);
    if (s.maintienInscription) {
      step.decision(e.rule, 'inscription.maintenue', `Âge légal de la pension atteint le ${le} : inscription maintenue (${s.maintienInscription.motif})`, { date: le, data: { motif: s.maintienInscription.motif } });
      return;
    }
    cloturer(step, le, 'pension', `Âge légal de la pension atteint le ${le} : fin de l’inscription`, e.rule);
  },

  'manquement.regularisation': (step, e) => {
    const le = addDays(e.dernierJour, 1);
    if (step.state.personne?.allocataire) {
      // Became an allowance beneficiary meanwhile: art. 36 §3 no longer applies, the file goes to the Service contrôle (§2 al. 2).
      step.decision('manquement.allocataires', 'manquement.sansSuite', `Délai de régularisation écoulé (${e.dernierJour}) pour un bénéficiaire d’allocations : pas de fin d’inscription, dossier remis au Service contrôle`, { date: le });
      return;
    }
    step.decision(e.rule, 'manquement.nonRegularise', `Signalement de manquement sans réaction ni collaboration effective au ${e.dernierJour} : décision de fin d’inscription`, { date: le, data: { delaiRegularisation: e.dernierJour } });
    finInscription(step, le, e.rule, { informer: true });
  },
};

/**
 * The CPAS that follows the person (spec §10, Decision « qui voit quoi »): set at registration,
 * changed only by the back-office's `changementCpas` with its reason — never by a request.
 */
import type { FactOf } from './events';
import type { ParcoursState } from './model';
import type { Step } from './step';

export const SUIVI_CPAS_REFUSALS = {
  changementCpas: (s: ParcoursState, e: FactOf<'changementCpas'>) => {
    if (s.statut === 'nonInscrit' || s.statut === 'cloture') return `le parcours n’est pas en cours (statut : ${s.statut})`;
    if (s.inscription && e.date < s.inscription.date) return `la date ${e.date} précède l’inscription du ${s.inscription.date}`;
    if (s.cpas === e.cpas) return `le CPAS ${e.cpas} suit déjà la personne`;
    return undefined;
  },
};

export const SUIVI_CPAS_APPLY = {
  changementCpas: (step: Step, e: FactOf<'changementCpas'>) => {
    const s = step.state;
    const ancien = s.cpas;
    s.cpas = e.cpas;
    step.write({
      date: e.date,
      kind: 'fait',
      code: 'changementCpas',
      resume: `Le CPAS qui suit la personne change${ancien ? ` : ${ancien} → ${e.cpas}` : ` : ${e.cpas}`} (motif : ${e.motif})`,
      eventId: e.id,
      legalBasis: step.basis('cpas.suivi'),
      data: { ...(ancien ? { ancien } : {}), nouveau: e.cpas, motif: e.motif },
    });
  },
};

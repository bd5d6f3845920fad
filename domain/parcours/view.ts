/**
 * What the `etat` query returns: the state as an operator or the back-office reads it, each
 * pending deadline with its legal basis.
 */
import { RULES, type RuleId } from '../rules';
import type { CivilDate } from '../calendar';
import type { DossierEntry, ParcoursState } from './model';

export interface EcheanceView {
  rule: RuleId;
  label: string;
  basis: string;
  depuis: CivilDate;
  dernierJour: CivilDate;
  expire: string;
}

export interface ParcoursView {
  parcoursId: string;
  statut: ParcoursState['statut'];
  regime: ParcoursState['regime'];
  canal?: string;
  dateInscription?: CivilDate;
  accompagnement?: ParcoursState['accompagnement'];
  cpas?: string;
  demandes: ParcoursState['demandes'];
  echeances: EcheanceView[];
  historique: DossierEntry[];
}

export function viewOf(state: ParcoursState): ParcoursView {
  return {
    parcoursId: state.parcoursId,
    statut: state.statut,
    regime: state.regime,
    ...(state.inscription ? { canal: state.inscription.canal, dateInscription: state.inscription.date } : {}),
    ...(state.accompagnement ? { accompagnement: state.accompagnement } : {}),
    ...(state.cpas ? { cpas: state.cpas } : {}),
    demandes: state.demandes,
    echeances: [...state.echeances]
      .sort((a, b) => a.expire - b.expire)
      .map((e) => ({
        rule: e.rule,
        label: RULES[e.rule].label,
        basis: RULES[e.rule].basis,
        depuis: e.depuis,
        dernierJour: e.dernierJour,
        expire: new Date(e.expire).toISOString(),
      })),
    historique: state.recent,
  };
}

/**
 * What can happen to a parcours. Facts come from the Forem back-office (or a CPAS) with the
 * civil date they happened on, which may be in the past; `horloge` is the passing of time.
 */
import type { CivilDate } from '../calendar';
import type { Canal, Personne, TypeAccompagnement } from './model';

interface Fact {
  /** Unique per event; a duplicate id is applied once. */
  id: string;
  date: CivilDate;
}

export interface InscriptionEvent extends Fact {
  type: 'inscription';
  canal: Canal;
  personne: Personne;
  /** Enterprise number of the CPAS that follows the person, if any. */
  cpas?: string;
  /** Telephone / in person: fixed at registration (art. 5 §3 al. 1). */
  dateContactMensuel?: CivilDate;
}

export interface AuthentificationEvent extends Fact {
  type: 'authentification';
}

export interface AffectationEvent extends Fact {
  type: 'affectation';
  accompagnement: TypeAccompagnement;
}

export interface HorlogeEvent {
  type: 'horloge';
}

export type FactEvent = InscriptionEvent | AuthentificationEvent | AffectationEvent;
export type ParcoursEvent = FactEvent | HorlogeEvent;
export type FactType = FactEvent['type'];

/**
 * The profile of a person oriented by a CPAS, as the Forem monitors it (convention art. 6: « âge,
 * niveau d'études, genre »): coded values only, written on the request's dossier line so that the
 * figures are aggregates of codes, never of a birth date or a name.
 */
import { ageOn, type CivilDate } from '../calendar';

export type NiveauEtudes = 'primaire' | 'secondaireInferieur' | 'secondaireSuperieur' | 'superieur' | 'autre';
export type Genre = 'femme' | 'homme' | 'x';
export type TrancheAge = 'moins25' | '25a34' | '35a44' | '45a54' | '55etPlus';

/** Bands with a first one at 25, the age that matters to the cooperation (seed 000, « jeunes »). */
export function trancheAge(dateNaissance: CivilDate, le: CivilDate): TrancheAge {
  const age = ageOn(dateNaissance, le);
  return age < 25 ? 'moins25' : age < 35 ? '25a34' : age < 45 ? '35a44' : age < 55 ? '45a54' : '55etPlus';
}

export interface ProfilOriente {
  trancheAge: TrancheAge;
  niveauEtudes?: NiveauEtudes;
  genre?: Genre;
}

export function profilOriente(e: { personne: { dateNaissance: CivilDate }; date: CivilDate; niveauEtudes?: NiveauEtudes; genre?: Genre }): ProfilOriente {
  return { trancheAge: trancheAge(e.personne.dateNaissance, e.date), ...(e.niveauEtudes ? { niveauEtudes: e.niveauEtudes } : {}), ...(e.genre ? { genre: e.genre } : {}) };
}

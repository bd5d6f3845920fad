/**
 * A parcours started under the frozen core `domain/parcours-2026-11` carries its state into this
 * core at its first decision after patch `sanctions-selon-agw`. The old state counted unjustified
 * absences over the whole parcours; this core keeps one chain per missed sollicitation (art. 30).
 * What the old state cannot tell is resolved in the CE's favour: an absence is treated as the one
 * at a registered letter's appointment (art. 30 §3) only when the dossier shows that letter.
 */
import type { ParcoursState as EtatAvant } from '../parcours-2026-11/model';
import type { ChaineAbsence, DossierEntry, Echeance, ParcoursState } from './model';

/** Whether `state` still has the shape of the 2026-11 core. */
export function estEtat2026_11(state: object): state is EtatAvant {
  return !('absences' in state);
}

/** The registered letter of the old chain, read back from the dossier lines the state keeps. */
function dernierRecommande(recent: DossierEntry[]): { dateSollicitation: string; rendezVous: string } | undefined {
  const nonJustifiee = [...recent].reverse().find((e) => e.code === 'absence.nonJustifiee');
  const lettre = [...recent].reverse().find((e) => e.code === 'reconvocation' && typeof e.data?.mode === 'string' && e.data.mode !== 'ordinaire');
  if (!nonJustifiee || !lettre || lettre.seq < nonJustifiee.seq) return undefined;
  return { dateSollicitation: String(nonJustifiee.data?.dateSollicitation ?? lettre.date), rendezVous: String(lettre.data?.dateRendezVous) };
}

export function migrerEtat2026_11(avant: EtatAvant): ParcoursState {
  const { absence, absencesNonJustifiees, ...reste } = avant;
  const absences: ChaineAbsence[] = [];
  const lettre = absencesNonJustifiees === 1 ? dernierRecommande(avant.recent as DossierEntry[]) : undefined;
  if (absence?.etape === 'recommande') {
    absences.push({ dateSollicitation: absence.dateSollicitation, etape: 'recommande', nonJustifieeLe: absence.dateSollicitation });
  } else if (absence && lettre && absence.dateSollicitation === lettre.rendezVous) {
    absences.push({ dateSollicitation: lettre.dateSollicitation, etape: 'justificationRecommande', rendezVous: lettre.rendezVous });
  } else {
    if (lettre && !absence) absences.push({ dateSollicitation: lettre.dateSollicitation, etape: 'rendezVousRecommande', rendezVous: lettre.rendezVous });
    if (absence) absences.push({ dateSollicitation: absence.dateSollicitation, etape: absence.etape });
  }
  // The old absence deadlines ran one at a time: they belong to the chain of the current absence.
  const cle = absence ? absences[absences.length - 1].dateSollicitation : undefined;
  const chainees = ['absence.justification', 'absence.motifPrevisible.recontact', 'absence.reconvocation'];
  const echeances: Echeance[] = (avant.echeances as Echeance[]).map((e) => (cle !== undefined && chainees.includes(e.rule) ? { ...e, cle } : e));
  return { ...(reste as Omit<ParcoursState, 'absences' | 'echeances'>), absences, echeances };
}

/**
 * Late facts rectify (spec §11 Decision; issue 10): a fact recorded after the decisions it would
 * have prevented applies at its date; what no longer holds is annulled by a new line naming it,
 * and whoever was told is told of the rectification.
 */
import { refusalAt } from '../../../domain/parcours';
import { startOfDayInBrussels } from '../../../domain/calendar';
import { adulte, codes, CPAS, deuxAbsencesNonJustifiees, emails, entries, inscrit, Scenario, DEUX_ABSENCES_2026 as D } from './scenario';

const annulations = (effects: Parameters<typeof entries>[0]) => entries(effects).filter((e) => e.code === 'rectification.annulation');
const annulees = (s: Scenario, effects: Parameters<typeof entries>[0]) =>
  annulations(effects).map((a) => s.effects.flatMap((e) => (e.type === 'dossier' && e.entry.seq === a.data?.annule ? [e.entry.code] : []))[0]);

function avecPrestation(): Scenario {
  const s = inscrit();
  s.fact({ type: 'demandeTraitee', date: '2026-01-20', reference: 'DEM-TEST-1', service: 'Atelier CV', dateRendezVous: '2026-02-10', lieu: 'Liège' });
  return s;
}

describe('a justification handed in on the fifth working day, recorded two days later', () => {
  function enRetard() {
    const s = avecPrestation();
    s.fact({ type: 'absence', date: '2026-02-10', reference: 'DEM-TEST-1' });
    const avant = s.after('2026-02-17'); // 00:00 on 18 February: unjustified, a registered letter owed, the CPAS warned
    const avertissement = emails(avant).find((e) => e.template === 'absence-avertissement')!;
    const effects = s.fact({ type: 'justification', date: '2026-02-17', admise: true }, '2026-02-19');
    return { s, avertissement, effects };
  }

  it('is applied at its date: the registered-letter decision and the signal of no answer are annulled by new lines naming them', () => {
    const { s, effects } = enRetard();
    expect(annulees(s, effects).sort()).toEqual(['absence.nonJustifiee', 'signal.absenceReponse']);
    const ligne = entries(s.effects).find((e) => e.code === 'absence.nonJustifiee')!;
    expect(annulations(effects)).toContainEqual(
      expect.objectContaining({ kind: 'decision', date: '2026-02-19', eventId: expect.any(String), data: { annule: ligne.seq, code: 'absence.nonJustifiee', date: '2026-02-18' }, legalBasis: expect.objectContaining({ ruleId: 'rectification.faitTardif' }) }),
    );
    expect(codes(effects)).toContain('justification.admise');
    expect(s.state.absences).toEqual([]);
    expect(s.state.echeances.filter((e) => e.rule === 'signalAlerte.contact' && e.cle === '2026-02-18')).toEqual([]);
  });

  it('the CPAS that was warned gets a rectification naming the warning', () => {
    const { effects, avertissement } = enRetard();
    expect(emails(effects)).toEqual([
      expect.objectContaining({ template: 'rectification', destinataire: { type: 'cpas', cpas: CPAS }, references: avertissement.key, data: expect.objectContaining({ reference: 'DEM-TEST-1', messageAnnule: 'absence-avertissement', dateMessage: '2026-02-18' }) }),
    ]);
  });

  it('the validator accepts it, though the parcours as it stands no longer awaits a justification', () => {
    const s = avecPrestation();
    s.fact({ type: 'absence', date: '2026-02-10', reference: 'DEM-TEST-1' });
    s.after('2026-02-17');
    const late = { type: 'justification', id: 'j', date: '2026-02-17', admise: true } as const;
    expect(refusalAt(s.state, late, startOfDayInBrussels('2026-02-19') + 36e6)).toBeUndefined();
    expect(refusalAt(s.state, { ...late, date: '2026-02-18' }, startOfDayInBrussels('2026-02-19') + 36e6)).toContain('aucune absence n’attend de justification');
  });
});

describe('a re-registration on the last day of the three months, recorded after the closure fired (art. 33 §3)', () => {
  it('annuls the closure and the request’s closing, tells the CPAS, and resumes the parcours', () => {
    const s = inscrit();
    s.fact({ type: 'desinscription', date: '2026-03-02' });
    const cloture = s.after('2026-06-02');
    expect(codes(cloture)).toEqual(expect.arrayContaining(['cloture', 'demande.cloturee']));
    const envoye = emails(cloture).find((e) => e.template === 'demande-cloturee')!;
    const effects = s.fact({ type: 'inscription', date: '2026-06-02', canal: 'presentiel', personne: adulte, dateContactMensuel: '2026-07-02' }, '2026-06-08');
    expect(annulees(s, effects).sort()).toEqual(['cloture', 'demande.cloturee']);
    expect(codes(effects)).toEqual(expect.arrayContaining(['reinscription', 'reinscription.reprise']));
    expect(s.state).toMatchObject({ statut: 'inscrit' });
    expect(s.state.demandes[0].statut).toBe('ouverte');
    expect(emails(effects)).toContainEqual(expect.objectContaining({ template: 'rectification', references: envoye.key }));
  });
});

describe('what rectification leaves alone', () => {
  it('a late fact that changes nothing is just recorded', () => {
    const s = inscrit();
    s.fact({ type: 'affectation', date: '2026-01-05', employabilite: 'moyenne' });
    s.fact({ type: 'contactMensuel', date: '2026-02-05', individuel: true, prochaineDate: '2026-03-05' });
    s.at(startOfDayInBrussels('2026-02-27'));
    const effects = s.fact({ type: 'proposition', date: '2026-02-20', nature: 'formation' }, '2026-02-27');
    expect(codes(effects)).toEqual(['proposition']);
    expect(emails(effects)).toEqual([]);
  });

  it('a fact dated more than three months back is refused with the reason', () => {
    const s = inscrit();
    const effects = s.fact({ type: 'proposition', date: '2026-02-20', nature: 'formation' }, '2026-05-21');
    expect(entries(effects)).toEqual([expect.objectContaining({ code: 'proposition.refuse', resume: expect.stringContaining('au-delà de 3 mois (avant le 2026-02-21)') })]);
    expect(s.state.propositionFaite).toBeUndefined();
  });

  it('a fact recorded on its date annuls nothing, whatever came before', () => {
    const s = inscrit();
    deuxAbsencesNonJustifiees(s);
    expect(entries(s.effects).filter((e) => e.code === 'rectification.annulation')).toEqual([]);
  });
});

describe('a late fact annuls a decision whose own deadlines later fired', () => {
  it('a justification of the absence at the registered appointment, recorded after the suspension ran out: the suspension, the end of registration and everything that followed are annulled', () => {
    const s = new Scenario({ rectificationMois: 6 });
    s.fact({ type: 'inscription', date: '2026-01-05', canal: 'presentiel', personne: adulte, cpas: CPAS, dateContactMensuel: '2026-02-05' });
    s.fact({ type: 'demande', date: '2026-01-05', cpas: CPAS, contact: { nom: 'S. Lambert', email: 's@cpas.example' }, personne: { nom: 'Dupont', prenom: 'Marie', dateNaissance: adulte.dateNaissance }, situation: { beneficiaireRI: true, contratArticle60ou61: false, etudiant: false, reinscritDEIApresArticle60: false }, besoin: 'formation', elements: { projet: 'p', actionsPrealables: 'a', besoinsFreins: 'b' } });
    deuxAbsencesNonJustifiees(s);
    const suites = s.after('2026-06-19'); // the suspension's three months: end of suspension, closure
    expect(codes(suites)).toEqual(expect.arrayContaining(['suspension.fin', 'cloture']));
    const arret = emails(s.effects).find((e) => e.template === 'demande-arretee')!;

    const effects = s.fact({ type: 'justification', date: '2026-03-16', admise: true }, '2026-06-22');
    expect(annulees(s, effects)).toEqual(expect.arrayContaining(['suspension', 'inscription.fin', 'inscription.fin.information', 'demande.arretee', 'suspension.fin', 'cloture']));
    expect(s.state).toMatchObject({ statut: 'inscrit', absences: [] });
    expect(s.state.inscription?.fin).toBeUndefined();
    expect(s.state.demandes[0].statut).toBe('ouverte');
    expect(s.deadline('reprise.cpas.delai')).toBeUndefined();
    expect(emails(effects)).toContainEqual(expect.objectContaining({ template: 'rectification', references: arret.key }));
    expect(D.issue).toBe('2026-03-19');
  });
});

describe('the window stays bounded', () => {
  it('keeps only the facts of the last three months, and the state survives JSON', () => {
    const s = inscrit();
    for (let m = 2; m <= 12; m++) {
      const date = `2026-${String(m).padStart(2, '0')}-05`;
      s.fact({ type: 'contactMensuel', date, individuel: true, prochaineDate: `2026-${String(m + 1).padStart(2, '0')}-05`.replace('2026-13', '2027-01') });
    }
    expect(s.state.fenetre!.faits.length).toBeLessThanOrEqual(4);
    expect(JSON.parse(JSON.stringify(s.state))).toEqual(s.state);
  });
});

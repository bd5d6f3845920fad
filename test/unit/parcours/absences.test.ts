/**
 * Absences (spec §7; AGW 21/12/2022 art. 29–31 as replaced on 9/10/2025; seed 000 for the CPAS
 * e-mails): one chain per missed sollicitation; art. 30 §3 only at the registered letter's
 * appointment; the outcome counts from the day the absence becomes unjustified.
 */
import { codes, CPAS, demande, DEUX_ABSENCES_2026 as D, deuxAbsencesNonJustifiees, emails, entries, inscrit, premiereAbsenceNonJustifiee, Scenario, adulte } from './scenario';

const chaine = (s: Scenario, date: string) => s.state.absences.find((c) => c.dateSollicitation === date);

/** The scenario's monthly contact of 5 February is never recorded: its signal and escalation are beside the point here. */
const suivi = ['contact.manque', 'signalAlerte.escalade'];
const absenceCodes = (effects: Parameters<typeof codes>[0]) => codes(effects).filter((c) => !suivi.includes(c));
const refus = (effects: Parameters<typeof codes>[0]) => entries(effects).find((e) => e.code.endsWith('.refuse'));

describe('justification within five working days (art. 30 §1, 31 §1)', () => {
  it('opens the deadline of this absence from the date of the missed sollicitation', () => {
    const s = inscrit();
    s.fact({ type: 'absence', date: '2026-02-10' });
    expect(s.deadline('absence.justification')).toMatchObject({ cle: '2026-02-10', depuis: '2026-02-10', dernierJour: '2026-02-17' });
  });

  it('over Easter: a miss on Thursday 2 April 2026 can be justified until Friday 10 April (Easter Monday not counted)', () => {
    const s = inscrit();
    s.fact({ type: 'absence', date: '2026-04-02' });
    expect(s.deadline('absence.justification')?.dernierJour).toBe('2026-04-10');
    s.after('2026-04-10');
    expect(chaine(s, '2026-04-02')).toMatchObject({ etape: 'recommande', nonJustifieeLe: '2026-04-11' });
  });

  it('an admitted justification ends the chain, with no sanction', () => {
    const s = inscrit();
    s.fact({ type: 'absence', date: '2026-02-10' });
    s.fact({ type: 'justification', date: '2026-02-12', admise: true });
    expect(s.state.absences).toEqual([]);
    expect(absenceCodes(s.after('2026-02-17'))).toEqual([]);
  });

  it('without justification: unjustified from the day after the five working days, a registered letter is owed, and a signal of no answer (art. 30 §2; art. 39 §1 1° c)', () => {
    const s = inscrit();
    s.fact({ type: 'absence', date: '2026-02-10' });
    expect(absenceCodes(s.justBefore('2026-02-17'))).toEqual([]);
    const effects = s.after('2026-02-17');
    expect(entries(effects)).toContainEqual(
      expect.objectContaining({ kind: 'decision', code: 'absence.nonJustifiee', date: '2026-02-18', legalBasis: expect.objectContaining({ basis: expect.stringContaining('art. 30 §2') }) }),
    );
    expect(entries(effects)).toContainEqual(expect.objectContaining({ kind: 'signalAlerte', data: { motif: 'absenceReponse' }, legalBasis: expect.objectContaining({ basis: expect.stringContaining('art. 39 §1er, 1°, c)') }) }));
    expect(chaine(s, '2026-02-10')).toMatchObject({ etape: 'recommande', nonJustifieeLe: '2026-02-18' });
    // An absence at an ordinary sollicitation tells the CPAS nothing: only one at the service booked for its request does.
    expect(emails(effects)).toEqual([]);
  });

  it('a justification not admitted leaves the rest of the five working days (art. 30 §1, 31 §1 1°): unjustified only after them, with no signal of no answer', () => {
    const s = inscrit();
    s.fact({ type: 'absence', date: '2026-02-10' });
    expect(absenceCodes(s.fact({ type: 'justification', date: '2026-02-12', admise: false }))).toEqual(['justification.nonAdmise']);
    expect(chaine(s, '2026-02-10')).toMatchObject({ etape: 'justification', justificationNonAdmise: '2026-02-12' });
    const effects = s.after('2026-02-17');
    expect(absenceCodes(effects)).toEqual(['absence.nonJustifiee']);
    expect(chaine(s, '2026-02-10')?.nonJustifieeLe).toBe('2026-02-18');
  });

  it('after a refused justification, a better one within the five working days ends the chain', () => {
    const s = inscrit();
    s.fact({ type: 'absence', date: '2026-02-10' });
    s.fact({ type: 'justification', date: '2026-02-12', admise: false });
    s.fact({ type: 'justification', date: '2026-02-16', admise: true });
    expect(absenceCodes(s.after('2026-02-17'))).toEqual([]);
    expect(s.state.absences).toEqual([]);
  });

  it('a justification after the five working days is refused', () => {
    const s = inscrit();
    premiereAbsenceNonJustifiee(s);
    expect(codes(s.fact({ type: 'justification', date: '2026-02-18', admise: true }))).toEqual(['justification.refuse']);
  });

  it('two misses at two sollicitations run two chains; a justification names the one it is for', () => {
    const s = inscrit();
    s.fact({ type: 'absence', date: '2026-02-10' });
    s.fact({ type: 'absence', date: '2026-02-12' }); // Thursday: 13, 16, 17, 18, 19 February
    expect(s.state.echeances.filter((e) => e.rule === 'absence.justification').map((e) => [e.cle, e.dernierJour])).toEqual([
      ['2026-02-10', '2026-02-17'],
      ['2026-02-12', '2026-02-19'],
    ]);
    expect(entries(s.fact({ type: 'justification', date: '2026-02-13', admise: true }))[0]).toMatchObject({ code: 'justification.refuse', resume: expect.stringContaining('préciser dateSollicitation') });
    s.fact({ type: 'justification', date: '2026-02-13', admise: true, dateSollicitation: '2026-02-12' });
    s.after('2026-02-19');
    expect(s.state.absences).toEqual([expect.objectContaining({ dateSollicitation: '2026-02-10', etape: 'recommande', nonJustifieeLe: '2026-02-18' })]);
  });
});

describe('the registered letter: appointment on the 21st day (postal) or 15th (electronic) at the earliest (art. 30 §2, art. 9 §1)', () => {
  it.each([
    ['recommandePostal', '2026-03-10', '2026-03-11'],
    ['recommandeElectronique', '2026-03-04', '2026-03-05'],
  ] as const)('%s sent on 18 February to a CE reached by e-mail: %s is refused, %s is accepted', (mode, tooEarly, earliest) => {
    const s = new Scenario();
    s.fact({ type: 'inscription', date: '2026-01-05', canal: 'presentiel', personne: adulte, dateContactMensuel: '2026-02-05', canalPreferentiel: 'email' });
    premiereAbsenceNonJustifiee(s);
    expect(entries(s.fact({ type: 'reconvocation', date: '2026-02-18', mode, dateRendezVous: tooEarly }))[0]).toMatchObject({ code: 'reconvocation.refuse', resume: expect.stringContaining(`au plus tôt le ${earliest}`) });
    expect(codes(s.fact({ type: 'reconvocation', date: '2026-02-18', mode, dateRendezVous: earliest }))).toEqual(['reconvocation']);
  });

  it('an electronic registered letter only for a CE whose preferred channel is e-mail; the channel may change', () => {
    const s = inscrit(); // no preferred channel recorded
    premiereAbsenceNonJustifiee(s);
    expect(entries(s.fact({ type: 'reconvocation', date: '2026-02-18', mode: 'recommandeElectronique', dateRendezVous: '2026-03-05' }))[0]).toMatchObject({
      code: 'reconvocation.refuse',
      resume: expect.stringContaining('art. 9 §1er, al. 3'),
    });
    s.fact({ type: 'changementSituation', date: '2026-02-18', canalPreferentiel: 'email' });
    expect(codes(s.fact({ type: 'reconvocation', date: '2026-02-18', mode: 'recommandeElectronique', dateRendezVous: '2026-03-05' }))).toEqual(['reconvocation']);
  });

  it('the letter cannot precede the day the absence became unjustified', () => {
    const s = inscrit();
    s.fact({ type: 'absence', date: '2026-02-10' });
    s.after('2026-02-17'); // unjustified from 18 February
    expect(codes(s.fact({ type: 'reconvocation', date: '2026-02-17', mode: 'recommandePostal', dateRendezVous: '2026-03-20' }, '2026-02-18'))).toEqual(['reconvocation.refuse']);
  });
});

describe('art. 30 §3 only at the registered letter’s appointment', () => {
  it('attending it ends the chain: an unrelated absence months later starts a new chain and leads to a new registered letter, not a suspension', () => {
    const s = inscrit();
    premiereAbsenceNonJustifiee(s);
    s.fact({ type: 'reconvocation', date: D.envoi, mode: 'recommandePostal', dateRendezVous: D.seconde });
    expect(absenceCodes(s.fact({ type: 'presence', date: D.seconde }))).toEqual(['presence', 'absence.chaine.close']);
    expect(s.state.absences).toEqual([]);
    s.fact({ type: 'absence', date: '2026-06-02' }); // Tuesday: 3, 4, 5, 8, 9 June
    const effects = s.after('2026-06-09');
    expect(codes(effects)).toContain('absence.nonJustifiee');
    expect(absenceCodes(effects)).not.toContain('suspension');
    expect(s.state.statut).toBe('inscrit');
    expect(s.state.inscription?.fin).toBeUndefined();
  });

  it('an absence at another sollicitation while the registered appointment is pending starts a chain of its own', () => {
    const s = inscrit();
    premiereAbsenceNonJustifiee(s);
    s.fact({ type: 'reconvocation', date: D.envoi, mode: 'recommandePostal', dateRendezVous: D.seconde });
    s.fact({ type: 'absence', date: '2026-03-04' }); // Wednesday: 5, 6, 9, 10, 11 March
    const effects = s.after('2026-03-11');
    expect(codes(effects)).toContain('absence.nonJustifiee');
    expect(codes(effects)).not.toContain('suspension');
    expect(s.state.absences.map((c) => [c.dateSollicitation, c.etape])).toEqual([
      [D.premiere, 'rendezVousRecommande'],
      ['2026-03-04', 'recommande'],
    ]);
  });

  it('a justification admitted for the absence at the registered appointment ends the chain', () => {
    const s = inscrit();
    premiereAbsenceNonJustifiee(s);
    s.fact({ type: 'reconvocation', date: D.envoi, mode: 'recommandePostal', dateRendezVous: D.seconde });
    s.fact({ type: 'absence', date: D.seconde });
    s.fact({ type: 'justification', date: '2026-03-16', admise: true });
    expect(absenceCodes(s.after(D.finSecondeJustification))).toEqual([]);
    expect(s.state).toMatchObject({ statut: 'inscrit', absences: [] });
  });

  it('everyone else: suspension and end of registration from the day the absence became unjustified (19 March), not the missed date (art. 30 §3 3°, §5; art. 32)', () => {
    const s = inscrit();
    deuxAbsencesNonJustifiees(s);
    expect(s.state).toMatchObject({ statut: 'suspendu', suspension: { depuis: D.issue, cause: 'absences' }, inscription: { fin: D.issue }, absences: [] });
    expect(s.deadline('suspension.duree')?.dernierJour).toBe('2026-06-19');
    expect(s.deadline('cloture.nonInscription')?.dernierJour).toBe('2026-06-19');
    expect(s.deadline('contact.mensuel')).toBeUndefined();
    expect(entries(s.effects)).toContainEqual(expect.objectContaining({ code: 'inscription.fin.information', legalBasis: expect.objectContaining({ basis: expect.stringContaining('art. 30 §5') }) }));
  });

  it('a justification refused on Friday 13 March does not bring the outcome forward: it still takes effect on 19 March', () => {
    const s = inscrit();
    premiereAbsenceNonJustifiee(s);
    s.fact({ type: 'reconvocation', date: D.envoi, mode: 'recommandePostal', dateRendezVous: D.seconde });
    s.fact({ type: 'absence', date: D.seconde });
    s.fact({ type: 'justification', date: '2026-03-13', admise: false });
    expect(s.state.statut).toBe('inscrit');
    s.after(D.finSecondeJustification);
    expect(s.state.suspension?.depuis).toBe(D.issue);
  });

  it('a suspension from Saturday 13 June 2026 lasts until 13 September, a Sunday: a maximum duration is not extended to a working day (art. 32 al. 2)', () => {
    const s = inscrit();
    s.fact({ type: 'nonCollaboration', date: '2026-06-13', nature: 'nonCollaboration' });
    expect(s.deadline('suspension.duree')?.dernierJour).toBe('2026-09-13');
  });

  it('present at the registered appointment on a day another absence was recorded: the chain ends, that absence starts its own', () => {
    const s = inscrit();
    premiereAbsenceNonJustifiee(s);
    s.fact({ type: 'reconvocation', date: D.envoi, mode: 'recommandePostal', dateRendezVous: D.seconde });
    s.fact({ type: 'absence', date: D.seconde }); // another sollicitation the same day, recorded first
    expect(absenceCodes(s.fact({ type: 'presence', date: D.seconde }))).toEqual(['presence', 'absence.chaine.close']);
    expect(s.state.absences).toEqual([{ dateSollicitation: D.seconde, etape: 'justification' }]);
    s.after(D.finSecondeJustification);
    expect(s.state.statut).toBe('inscrit');
    expect(chaine(s, D.seconde)?.etape).toBe('recommande');
  });

  it('an allowance beneficiary: transmission to the Service contrôle; the registration ends only on its decision of definitive exclusion (art. 30 §3 al. 2, art. 35 al. 2)', () => {
    const s = inscrit('2026-01-05', { ...adulte, allocataire: true });
    deuxAbsencesNonJustifiees(s);
    expect(s.state.statut).toBe('inscrit');
    expect(s.state.inscription?.fin).toBeUndefined();
    expect(entries(s.effects)).toContainEqual(expect.objectContaining({ kind: 'transmission', code: 'transmission.serviceControle', date: D.issue, legalBasis: expect.objectContaining({ ruleId: 'absence.allocataires.decisionControle' }) }));
    expect(emails(s.effects)).toContainEqual(expect.objectContaining({ template: 'transmission-controle', destinataire: { type: 'serviceControle' } }));
    const decision = s.fact({ type: 'decisionServiceControle', date: '2026-04-20', exclusionDefinitive: true });
    expect(codes(decision)).toEqual(['decisionServiceControle', 'inscription.fin', 'inscription.fin.information']);
    expect(s.state.inscription?.fin).toBe('2026-04-20');
  });

  it('an allowance beneficiary not excluded stays registered; without a transmission, no decision is taken', () => {
    const s = inscrit('2026-01-05', { ...adulte, allocataire: true });
    expect(codes(s.fact({ type: 'decisionServiceControle', date: '2026-02-02', exclusionDefinitive: true }))).toEqual(['decisionServiceControle.refuse']);
    deuxAbsencesNonJustifiees(s);
    s.fact({ type: 'decisionServiceControle', date: '2026-04-20', exclusionDefinitive: false });
    expect(s.state).toMatchObject({ statut: 'inscrit' });
    expect(s.state.inscription?.fin).toBeUndefined();
  });

  it('a young person in stage d’insertion: transmission only, no suspension (art. 30 §3 1°, art. 32 al. 3)', () => {
    const s = inscrit('2026-01-05', { ...adulte, stageInsertion: true });
    deuxAbsencesNonJustifiees(s);
    expect(s.state.statut).toBe('inscrit');
    expect(entries(s.effects)).toContainEqual(expect.objectContaining({ kind: 'transmission', legalBasis: expect.objectContaining({ ruleId: 'absence.seconde' }) }));
  });

  it('an absence during the suspension is refused', () => {
    const s = inscrit();
    deuxAbsencesNonJustifiees(s);
    expect(codes(s.fact({ type: 'absence', date: '2026-04-01' }))).toEqual(['absence.refuse']);
  });
});

describe('foreseeable reason (art. 31 §2, §3)', () => {
  it('without re-contact within five working days: élément défavorable, then the Forem re-convokes within fifteen', () => {
    const s = inscrit();
    s.fact({ type: 'absence', date: '2026-02-10' });
    s.fact({ type: 'justification', date: '2026-02-11', admise: true, motifPrevisible: true });
    expect(s.deadline('absence.motifPrevisible.recontact')?.dernierJour).toBe('2026-02-17');
    const effects = s.after('2026-02-17');
    expect(entries(effects)).toContainEqual(expect.objectContaining({ kind: 'elementDefavorable', code: 'recontact.manque', legalBasis: expect.objectContaining({ basis: expect.stringContaining('art. 31 §2') }) }));
    expect(s.deadline('absence.reconvocation')?.dernierJour).toBe('2026-03-03');
    expect(codes(s.after('2026-03-03'))).toContain('reconvocation.horsDelai');
  });

  it('a re-contact in time: nothing unfavourable', () => {
    const s = inscrit();
    s.fact({ type: 'absence', date: '2026-02-10' });
    s.fact({ type: 'justification', date: '2026-02-11', admise: true, motifPrevisible: true });
    s.fact({ type: 'contactMensuel', date: '2026-02-13', individuel: true, prochaineDate: '2026-03-13' });
    expect(codes(s.after('2026-02-17'))).not.toContain('recontact.manque');
  });

  it('the Forem’s convocation in time closes the matter', () => {
    const s = inscrit();
    s.fact({ type: 'absence', date: '2026-02-10' });
    s.fact({ type: 'justification', date: '2026-02-11', admise: true, motifPrevisible: true });
    s.after('2026-02-17');
    s.fact({ type: 'reconvocation', date: '2026-02-20', mode: 'ordinaire', dateRendezVous: '2026-02-27' });
    expect(codes(s.after('2026-03-03'))).not.toContain('reconvocation.horsDelai');
  });
});

describe('repeated absences raise a signal (art. 39 §1 1° a; spec §6 Decision: within three months)', () => {
  it('a second absence, even justified, within three months of another: a signal emitted that day, a contact due within three working days', () => {
    const s = inscrit();
    s.fact({ type: 'absence', date: '2026-02-10' });
    s.fact({ type: 'justification', date: '2026-02-11', admise: true });
    const effects = s.fact({ type: 'absence', date: '2026-04-02' }); // Thursday: 3, (6 Easter Monday), 7, 8 April
    expect(entries(effects)).toContainEqual(expect.objectContaining({ kind: 'signalAlerte', date: '2026-04-02', data: { motif: 'absencesRepetees' } }));
    expect(s.deadline('signalAlerte.contact')).toMatchObject({ depuis: '2026-04-02', dernierJour: '2026-04-08' });
  });

  it.each([
    ['2026-05-11', true], // three months after 10 February end on Sunday 10 May, moved to Monday 11 May
    ['2026-05-12', false],
  ])('after an absence on 10 February, one on %s raises it: %s', (date, raised) => {
    const s = inscrit();
    s.fact({ type: 'absence', date: '2026-02-10' });
    s.fact({ type: 'justification', date: '2026-02-11', admise: true });
    const signals = entries(s.fact({ type: 'absence', date })).filter((e) => e.code === 'signal.absencesRepetees');
    expect(signals.length > 0).toBe(raised);
  });
});

describe('the CPAS request and absences (seed 000)', () => {
  function avecPrestation(): Scenario {
    const s = inscrit();
    s.fact({ type: 'demandeTraitee', date: '2026-01-20', reference: 'DEM-TEST-1', service: 'Atelier CV', dateRendezVous: '2026-02-10', lieu: 'Liège' });
    return s;
  }

  it('an unjustified absence at the service booked for the request warns the CPAS that filed it, the day it becomes unjustified', () => {
    const s = avecPrestation();
    s.fact({ type: 'absence', date: '2026-02-10', reference: 'DEM-TEST-1' });
    expect(emails(s.after('2026-02-17'))).toEqual([
      expect.objectContaining({ template: 'absence-avertissement', date: '2026-02-18', destinataire: { type: 'cpas', cpas: CPAS }, data: { reference: 'DEM-TEST-1', dateAbsence: '2026-02-10' } }),
    ]);
  });

  it('an absence can name only a request whose service is booked', () => {
    const s = inscrit();
    expect(refus(s.fact({ type: 'absence', date: '2026-02-10', reference: 'DEM-TEST-1' }))).toMatchObject({ code: 'absence.refuse', resume: expect.stringContaining('pas de prestation réservée') });
  });

  it('the outcome of art. 30 §3 stops the request; the CPAS may ask for reprise seven months after the suspension (19 October)', () => {
    const s = avecPrestation();
    deuxAbsencesNonJustifiees(s);
    expect(s.state.demandes[0].statut).toBe('arretee');
    expect(s.deadline('reprise.cpas.delai')).toMatchObject({ depuis: D.issue, dernierJour: '2026-10-18' });
    expect(emails(s.effects).find((e) => e.template === 'demande-arretee')?.data).toEqual({ reference: 'DEM-TEST-1', dateSuspension: D.issue, repriseCpasPossibleLe: '2026-10-19' });
  });

  it('young people (under 25): no seven-month wait, the CPAS may ask for reprise at once', () => {
    const jeune = { dateNaissance: '2004-05-10', experienceProfessionnelle: true, autonomieNumerique: false };
    const s = inscrit('2026-01-05', jeune);
    deuxAbsencesNonJustifiees(s);
    expect(s.state.demandes[0].statut).toBe('arretee');
    expect(s.deadline('reprise.cpas.delai')).toBeUndefined();
    expect(s.state.arretCpas).toEqual({ dateSuspension: D.issue, repriseLe: D.issue });
    expect(codes(s.fact({ type: 'repriseDemandee', date: '2026-03-20', par: 'cpas' }))).toEqual(['reprise.cpas', 'suspension.fin']);
  });

  it('a request filed by another need is stopped too; none is left open', () => {
    const s = inscrit();
    deuxAbsencesNonJustifiees(s);
    expect(s.state.demandes.map((d) => d.statut)).toEqual(['arretee']);
    expect(codes(s.fact(demande('2026-03-25')))).toContain('demande.rejetee'); // no longer registered
  });
});

/** The CPAS request: who may be referred, its steps and e-mails (spec §3, §9; seed 000; convention art. 3). */
import { adulte, codes, CPAS, demande, deuxAbsencesNonJustifiees, emails, entries, inscrit, Scenario } from './scenario';

const jeune = { dateNaissance: '2004-05-10', experienceProfessionnelle: true, autonomieNumerique: true }; // 21

function inscritSansDemande(personne = adulte): Scenario {
  const s = new Scenario();
  s.fact({ type: 'inscription', date: '2026-01-05', canal: 'presentiel', personne, dateContactMensuel: '2026-02-05' });
  return s;
}

describe('who may be referred (convention art. 3; seed 000)', () => {
  it('an RI beneficiary registered as a job seeker: the request is received; it does not make its CPAS the follower', () => {
    const s = inscritSansDemande();
    const effects = s.fact(demande('2026-01-12'));
    expect(s.state.demandes).toEqual([expect.objectContaining({ reference: 'DEM-TEST-1', statut: 'ouverte', cpas: CPAS, besoin: 'formation' })]);
    expect(s.state.cpas).toBeUndefined();
    expect(entries(effects)).toContainEqual(expect.objectContaining({ code: 'demande.acceptee', legalBasis: expect.objectContaining({ basis: expect.stringContaining('art. 3') }) }));
    expect(emails(effects)).toEqual([]); // the CPAS hears back when the appointment is set
  });

  it('an art. 60 §7 / 61 worker may be referred', () => {
    const s = inscritSansDemande();
    s.fact(demande('2026-01-12', { situation: { beneficiaireRI: false, contratArticle60ou61: true, etudiant: false, reinscritDEIApresArticle60: false } }));
    expect(s.state.demandes[0].statut).toBe('ouverte');
  });

  it.each([
    ['not registered as a job seeker', () => new Scenario(), {}, 'demande.inscriptionDE', 'pas inscrite'],
    ['a student', inscritSansDemande, { situation: { beneficiaireRI: true, contratArticle60ou61: false, etudiant: true, reinscritDEIApresArticle60: false } }, 'demande.etudiants', 'étudiants'],
    ['re-registered as DEI after art. 60', inscritSansDemande, { situation: { beneficiaireRI: true, contratArticle60ou61: false, etudiant: false, reinscritDEIApresArticle60: true } }, 'demande.article60.reinscription', 'article 60'],
    ['neither RI nor art. 60/61', inscritSansDemande, { situation: { beneficiaireRI: false, contratArticle60ou61: false, etudiant: false, reinscritDEIApresArticle60: false } }, 'demande.publicCommun', 'ni bénéficiaire'],
  ] as const)('%s: rejected with the rule and the reason, e-mailed to the CPAS', (_label, setup, overrides, rule, motif) => {
    const s = setup();
    const effects = s.fact(demande('2026-01-12', overrides));
    expect(s.state.demandes[0]).toMatchObject({ statut: 'rejetee', motifRejet: expect.stringContaining(motif) });
    expect(entries(effects)).toContainEqual(expect.objectContaining({ kind: 'decision', code: 'demande.rejetee', legalBasis: expect.objectContaining({ ruleId: rule }) }));
    expect(emails(effects)).toEqual([expect.objectContaining({ template: 'demande-rejetee', destinataire: { type: 'cpas', cpas: CPAS }, data: expect.objectContaining({ motif: expect.stringContaining(motif) }) })]);
  });

  it('a young person followed by an e-conseiller: joint accompaniment impossible', () => {
    const s = inscritSansDemande(jeune);
    s.fact({ type: 'affectation', date: '2026-01-08', employabilite: 'elevee' }); // digital interactif
    const effects = s.fact(demande('2026-01-12', { personne: { nom: 'Martin', prenom: 'Lucas', dateNaissance: jeune.dateNaissance } }));
    expect(entries(effects)).toContainEqual(expect.objectContaining({ code: 'demande.rejetee', legalBasis: expect.objectContaining({ ruleId: 'demande.jeunes.eConseiller' }) }));
  });

  it('a young person with a reference adviser (in person) may be referred', () => {
    const s = inscritSansDemande({ ...jeune, autonomieNumerique: false });
    s.fact({ type: 'affectation', date: '2026-01-08', employabilite: 'elevee' }); // axé métier
    s.fact(demande('2026-01-12'));
    expect(s.state.demandes[0].statut).toBe('ouverte');
  });
});

describe('one need, one open request at a time (seed 000)', () => {
  it('refuses a second request of the same CPAS with the reference of its first', () => {
    const s = inscrit();
    const effects = s.fact(demande('2026-01-20', { besoin: 'orientation' }));
    expect(entries(effects)[0]).toMatchObject({ code: 'demande.refuse', resume: expect.stringContaining('DEM-TEST-1') });
    expect(s.state.demandes).toHaveLength(1);
  });

  it('accepts a new request once the first is closed', () => {
    const s = inscrit();
    s.fact({ type: 'demandeTraitee', date: '2026-01-10', reference: 'DEM-TEST-1', service: 'Atelier CV', dateRendezVous: '2026-01-15', lieu: 'Liège' });
    s.fact({ type: 'demandeCloturee', date: '2026-02-02', reference: 'DEM-TEST-1', resultat: 'CV réalisé' });
    s.fact(demande('2026-02-03', { besoin: 'rechercheEmploi' }));
    expect(s.state.demandes.map((d) => d.statut)).toEqual(['cloturee', 'ouverte']);
  });
});

describe('the steps of a request and their e-mails (spec §9)', () => {
  it('treated → interview feedback → closed, each e-mailed to the CPAS with its facts', () => {
    const s = inscrit();
    const traitee = s.fact({ type: 'demandeTraitee', date: '2026-01-09', reference: 'DEM-TEST-1', service: 'Formation aide-soignante', dateRendezVous: '2026-01-19', lieu: 'Forem Liège, rue Natalis 2' });
    expect(emails(traitee)).toEqual([
      expect.objectContaining({ template: 'demande-traitee', data: { reference: 'DEM-TEST-1', service: 'Formation aide-soignante', dateRendezVous: '2026-01-19', lieu: 'Forem Liège, rue Natalis 2' }, legalBasis: expect.objectContaining({ ruleId: 'demande.informationCpas', basis: expect.stringContaining('seed 000') }) }),
    ]);
    const retour = s.fact({ type: 'retourEntretien', date: '2026-01-19', reference: 'DEM-TEST-1', faits: 'présente', besoins: 'garde d’enfants', perspectives: 'entrée en formation', conseiller: { nom: 'Paul Durand', email: 'paul.durand@forem.example', telephone: '04 123 45 67' } });
    expect(emails(retour)[0]).toMatchObject({ template: 'retour-entretien', data: expect.objectContaining({ conseiller: 'Paul Durand — paul.durand@forem.example — 04 123 45 67' }) });
    const cloture = s.fact({ type: 'demandeCloturee', date: '2026-01-30', reference: 'DEM-TEST-1', resultat: 'inscrite en formation' });
    expect(emails(cloture)[0]).toMatchObject({ template: 'demande-cloturee', data: { reference: 'DEM-TEST-1', resultat: 'inscrite en formation' }, legalBasis: { ruleId: 'demande.informationCpas' } });
    expect(emails(retour)[0].legalBasis?.ruleId).toBe('demande.informationCpas');
    expect(s.state.demandes[0].statut).toBe('cloturee');
  });

  it('refuses a step out of order or for an unknown reference', () => {
    const s = inscrit();
    expect(codes(s.fact({ type: 'retourEntretien', date: '2026-01-09', reference: 'DEM-TEST-1', faits: '-', besoins: '-', perspectives: '-', conseiller: { nom: 'X', email: 'x@forem.example' } }))).toEqual(['retourEntretien.refuse']);
    expect(codes(s.fact({ type: 'demandeTraitee', date: '2026-01-09', reference: 'DEM-AUTRE-9', service: 'x', dateRendezVous: '2026-01-19', lieu: 'x' }))).toEqual(['demandeTraitee.refuse']);
  });
});

describe('absences and the request (seed 000)', () => {
  it('a young person whose request concerns a reference adviser is not stopped at the outcome of art. 30 §3', () => {
    const s = inscritSansDemande({ ...jeune, stageInsertion: true });
    s.fact(demande('2026-01-12', { conseillerReference: true }));
    deuxAbsencesNonJustifiees(s);
    expect(s.state.demandes[0].statut).toBe('ouverte');
    expect(codes(s.effects)).toContain('demande.maintenue');
    expect(emails(s.effects).map((e) => e.template)).not.toContain('demande-arretee');
  });

  it('an adult’s request is stopped by the outcome of art. 30 §3 even without a suspension (allowance beneficiary): no suspension date, so no seven-month wait', () => {
    const s = inscritSansDemande({ ...adulte, allocataire: true });
    s.fact(demande('2026-01-12'));
    deuxAbsencesNonJustifiees(s);
    expect(s.state.statut).toBe('inscrit');
    expect(s.state.demandes[0].statut).toBe('arretee');
    expect(s.state.arretCpas).toEqual({ dateSuspension: '2026-03-19', repriseLe: '2026-03-19' });
    expect(emails(s.effects).find((e) => e.template === 'demande-arretee')?.data).toMatchObject({ dateSuspension: null, repriseCpasPossibleLe: '2026-03-19' });
  });
});

describe('closure of the parcours', () => {
  it('closes the open request and tells the CPAS why', () => {
    const s = inscrit();
    const effects = s.fact({ type: 'cloture', date: '2026-03-02', motif: 'pension' });
    expect(s.state.demandes[0].statut).toBe('cloturee');
    expect(emails(effects)).toEqual([expect.objectContaining({ template: 'demande-cloturee', data: expect.objectContaining({ resultat: expect.stringContaining('pension') }) })]);
  });
});

describe('the profile for the monitoring (convention art. 6)', () => {
  it('codes the age band on the filing date, and the education level and gender when given; never the birth date', () => {
    // Born 10/05/2004: 24 on 09/05/2029, 25 on 10/05/2029.
    const avant = new Scenario();
    avant.fact({ type: 'inscription', date: '2029-05-02', canal: 'presentiel', personne: jeune, dateContactMensuel: '2029-06-02' });
    const a = avant.fact(demande('2029-05-09', { personne: { nom: 'Dupont', prenom: 'Marie', dateNaissance: jeune.dateNaissance }, niveauEtudes: 'secondaireSuperieur', genre: 'femme' }));
    expect(entries(a).find((e) => e.code === 'demande')?.data?.profil).toEqual({ trancheAge: 'moins25', niveauEtudes: 'secondaireSuperieur', genre: 'femme' });
    const apres = new Scenario();
    apres.fact({ type: 'inscription', date: '2029-05-02', canal: 'presentiel', personne: jeune, dateContactMensuel: '2029-06-02' });
    const b = apres.fact(demande('2029-05-10', { personne: { nom: 'Dupont', prenom: 'Marie', dateNaissance: jeune.dateNaissance } }));
    const ligne = entries(b).find((e) => e.code === 'demande');
    expect(ligne?.data?.profil).toEqual({ trancheAge: '25a34' });
    expect(JSON.stringify(ligne?.data)).not.toContain(jeune.dateNaissance);
  });
});

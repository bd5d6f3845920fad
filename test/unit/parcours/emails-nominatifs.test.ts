/**
 * E-mails a CPAS can act on (spec §9; issue 15, patch `emails-cpas-nominatifs`): each names the
 * CPAS's request and the person as that CPAS named them; the registration is told to the CPAS
 * that referred the person (its request rejected because the person was not registered) as well
 * as to the follower, and to no other CPAS.
 */
import { startOfDayInBrussels } from '../../../domain/calendar';
import { decide, type FactEvent } from '../../../domain/parcours';
import { demandesEnAttenteDansLeDossier } from '../../../domain/parcours/nommer';
import { adulte, CPAS, demande, emails, entries, Scenario } from './scenario';

const NAMUR = '0212345675';
const MONS = '0216543210';
const inscription = (cpas?: string) => ({ type: 'inscription' as const, date: '2026-01-12', canal: 'presentiel' as const, personne: adulte, dateContactMensuel: '2026-02-12', ...(cpas ? { cpas } : {}) });

describe('e-mails that can be acted on', () => {
  it('every e-mail about a request names it and the person as its CPAS wrote them', () => {
    const s = new Scenario();
    s.fact(inscription(CPAS));
    s.fact(demande('2026-01-12', { personne: { nom: 'Dupont', prenom: 'Marie', dateNaissance: adulte.dateNaissance } }));
    const reference = s.state.demandes[0].reference;
    const traitee = s.fact({ type: 'demandeTraitee', date: '2026-01-13', reference, service: 'Atelier CV', dateRendezVous: '2026-01-20', lieu: 'Liège' });
    const cloturee = s.fact({ type: 'demandeCloturee', date: '2026-01-13', reference, resultat: 'fait' }, '2026-01-13');
    for (const e of [...emails(traitee), ...emails(cloturee)]) expect(e.concerne).toEqual({ reference, personne: 'Marie Dupont' });
    expect(emails([...traitee, ...cloturee]).map((e) => e.template)).toEqual(['demande-traitee', 'demande-cloturee']);
  });

  it('before the patch, the same e-mails carry no one’s name', () => {
    const s = new Scenario({ emailsNominatifs: false });
    s.fact(inscription(CPAS));
    s.fact(demande('2026-01-12'));
    const effects = s.fact({ type: 'demandeTraitee', date: '2026-01-13', reference: s.state.demandes[0].reference, service: 'Atelier CV', dateRendezVous: '2026-01-20', lieu: 'Liège' });
    expect(emails(effects)).toHaveLength(1);
    expect(emails(effects)[0]).not.toHaveProperty('concerne');
  });

  it('the registration is told to the CPAS whose request was rejected because the person was not registered, naming its request and the person', () => {
    const s = new Scenario();
    const rejet = s.fact(demande('2026-01-08', { cpas: NAMUR, personne: { nom: 'Dupont', prenom: 'Marie', dateNaissance: adulte.dateNaissance } }));
    const reference = s.state.demandes[0].reference;
    expect(entries(rejet)).toContainEqual(expect.objectContaining({ code: 'demande.rejetee', legalBasis: expect.objectContaining({ ruleId: 'demande.inscriptionDE' }) }));
    expect(emails(rejet)).toEqual([expect.objectContaining({ template: 'demande-rejetee', concerne: { reference, personne: 'Marie Dupont' } })]);

    const effects = s.fact(inscription(CPAS));
    const told = emails(effects).filter((e) => e.template === 'inscription-enregistree');
    // The follower (set at registration) as before, without another CPAS's request or words; Namur, which referred the person.
    expect(told).toEqual([
      expect.objectContaining({ destinataire: { type: 'cpas', cpas: CPAS }, key: 'ce-test.3.inscription-enregistree', data: { canal: 'en présentiel', dateInscription: '2026-01-12' } }),
      expect.objectContaining({ destinataire: { type: 'cpas', cpas: NAMUR }, key: `ce-test.3.inscription-enregistree.${NAMUR}`, data: expect.objectContaining({ orientee: true }), concerne: { reference, personne: 'Marie Dupont' } }),
    ]);
    expect(told[0]).not.toHaveProperty('concerne');
    expect(s.state.cpas).toBe(CPAS); // telling Namur does not make it the follower (spec §10)
  });

  it('a follower that referred the person gets one e-mail naming its request; a CPAS that neither referred nor follows gets none', () => {
    const s = new Scenario();
    s.fact(demande('2026-01-08', { cpas: NAMUR }));
    const effects = s.fact(inscription(NAMUR));
    expect(emails(effects)).toEqual([expect.objectContaining({ template: 'inscription-enregistree', destinataire: { type: 'cpas', cpas: NAMUR }, concerne: { reference: s.state.demandes[0].reference, personne: 'Marie Dupont' } })]);
    expect(emails(effects).some((e) => e.destinataire.type === 'cpas' && e.destinataire.cpas === MONS)).toBe(false);
  });

  it('without the patch, the CPAS that referred the person is not told of the registration', () => {
    const s = new Scenario({ emailsNominatifs: false });
    s.fact(demande('2026-01-08', { cpas: NAMUR }));
    const effects = s.fact(inscription(CPAS));
    expect(emails(effects).map((e) => e.destinataire)).toEqual([{ type: 'cpas', cpas: CPAS }]);
  });

  it('the registration e-mail to a follower that filed no request says who, as the follower named the person; not before the patch', () => {
    const suiviCpas = { personne: 'Marie Dupont', dossier: 'RIS-2026-0042' };
    const avec = new Scenario();
    const told = emails(avec.fact({ ...inscription(CPAS), suiviCpas }));
    expect(told).toEqual([expect.objectContaining({ template: 'inscription-enregistree', destinataire: { type: 'cpas', cpas: CPAS }, data: { canal: 'en présentiel', dateInscription: '2026-01-12', beneficiaire: 'Marie Dupont', dossierCpas: 'RIS-2026-0042' } })]);
    const avant = new Scenario({ emailsNominatifs: false });
    expect(emails(avant.fact({ ...inscription(CPAS), suiviCpas }))[0].data).toEqual({ canal: 'en présentiel', dateInscription: '2026-01-12' });
  });

  it('a registration with no follower and no referral e-mails no one', () => {
    const s = new Scenario();
    expect(emails(s.fact(inscription()))).toEqual([]);
  });

  it('the CPAS that referred the person is told once: not again at a later re-registration', () => {
    const s = new Scenario();
    s.fact(demande('2026-01-08', { cpas: NAMUR }));
    s.fact(inscription());
    s.fact({ type: 'desinscription', date: '2026-02-02' }, '2026-02-02');
    const effects = s.fact({ ...inscription(), date: '2026-02-09', dateContactMensuel: '2026-03-09' }, '2026-02-09');
    expect(entries(effects).map((e) => e.code)).toContain('reinscription');
    expect(emails(effects)).toEqual([]);
  });

  it('a request rejected while the registration had ended: its CPAS is told of the re-registration', () => {
    const s = new Scenario();
    s.fact(inscription(CPAS));
    s.fact({ type: 'desinscription', date: '2026-02-02' }, '2026-02-02');
    const rejet = s.fact(demande('2026-02-03', { cpas: NAMUR }), '2026-02-03');
    expect(entries(rejet)).toContainEqual(expect.objectContaining({ code: 'demande.rejetee', legalBasis: expect.objectContaining({ ruleId: 'demande.inscriptionDE' }) }));
    const effects = s.fact({ ...inscription(), date: '2026-02-09', dateContactMensuel: '2026-03-09' }, '2026-02-09');
    // Namur only: the follower is not told of a re-registration (as before the patch).
    expect(emails(effects)).toEqual([expect.objectContaining({ template: 'inscription-enregistree', destinataire: { type: 'cpas', cpas: NAMUR }, concerne: { reference: s.state.demandes[0].reference, personne: 'Marie Dupont' } })]);
  });

  it('a request rejected for another reason is no referral: the re-registration tells its CPAS nothing', () => {
    const s = new Scenario();
    s.fact(inscription(CPAS));
    s.fact(demande('2026-01-13', { cpas: NAMUR, situation: { beneficiaireRI: true, contratArticle60ou61: false, etudiant: true, reinscritDEIApresArticle60: false } }), '2026-01-13');
    expect(s.state.demandes[0]).toMatchObject({ statut: 'rejetee', motifRejet: expect.stringContaining('étudiants') });
    s.fact({ type: 'desinscription', date: '2026-02-02' }, '2026-02-02');
    const effects = s.fact({ ...inscription(), date: '2026-02-09', dateContactMensuel: '2026-03-09' }, '2026-02-09');
    expect(entries(effects).map((e) => e.code)).toContain('reinscription');
    expect(emails(effects)).toEqual([]);
  });

  it('an e-mail to the follower about the person names the follower’s own latest request, never another CPAS’s', () => {
    const s = new Scenario();
    s.fact({ ...inscription(CPAS), canal: 'enLigne', dateContactMensuel: undefined } as never);
    s.fact(demande('2026-01-12', { cpas: NAMUR, personne: { nom: 'Autre', prenom: 'Nom', dateNaissance: adulte.dateNaissance } }));
    s.fact({ type: 'fixationContact', date: '2026-01-12', dateContactMensuel: '2026-02-12' });
    s.fact({ type: 'objectivation', date: '2026-01-12' });
    s.fact({ type: 'affectation', date: '2026-01-12', employabilite: 'elevee' });
    const effects = s.after('2026-05-12'); // four months of digital interactif (art. 20 §1): reassigned, the follower told
    const changement = emails(effects).find((e) => e.template === 'changement-accompagnement');
    expect(changement?.destinataire).toEqual({ type: 'cpas', cpas: CPAS });
    expect(changement).not.toHaveProperty('concerne');
  });

  it('when the patch comes into a running parcours, the window’s e-mails already sent are neither sent again nor rectified', () => {
    const off = { emailsNominatifs: false };
    let state = new Scenario().state;
    const at = (date: string) => startOfDayInBrussels(date) + 10 * 3_600_000;
    const facts: Array<[FactEvent, string, boolean]> = [
      [{ ...demande('2026-01-08', { cpas: NAMUR }), id: 'd1' } as FactEvent, '2026-01-08', false],
      [{ ...inscription(CPAS), id: 'i1' }, '2026-01-12', false],
      [{ ...demande('2026-01-13'), id: 'd2' } as FactEvent, '2026-01-13', false],
      // The patch is in: the next decision re-runs the window with it on.
      [{ type: 'demandeTraitee', id: 't1', date: '2026-01-14', reference: 'DEM-TEST-2', service: 'Atelier CV', dateRendezVous: '2026-01-21', lieu: 'Liège' }, '2026-01-14', true],
    ];
    const sent: ReturnType<typeof emails> = [];
    for (const [fact, date, patched] of facts) {
      const d = decide(state, fact, at(date), patched ? {} : off);
      state = d.state;
      sent.push(...emails(d.effects));
    }
    const to = (e: (typeof sent)[number]) => `${e.template} → ${e.destinataire.type === 'cpas' ? e.destinataire.cpas : 'controle'}`;
    // Before: the rejection to Namur, the registration to Liège. With the patch: nothing of that again;
    // the registration the window re-runs now tells Namur, which referred the person (within the
    // window only: a registration older than the window stays as it was told); Liège's new e-mail is named.
    expect(sent.map(to)).toEqual([`demande-rejetee → ${NAMUR}`, `inscription-enregistree → ${CPAS}`, `inscription-enregistree → ${NAMUR}`, `demande-traitee → ${CPAS}`]);
    expect(sent[3].concerne).toEqual({ reference: 'DEM-TEST-2', personne: 'Marie Dupont' });
    expect(sent.filter((e) => e.template === 'rectification')).toEqual([]);
  });
});

describe('requests of an earlier run that wait for a registration', () => {
  const line = (code: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ code, kind: code.startsWith('email.') ? 'message' : 'fait', data, ...extra });

  it('are read from the dossier: rejected because not registered, with the name the rejection e-mail gave', () => {
    const journal = [
      line('demande', { reference: 'DEM-A-1', cpas: NAMUR }),
      line('demande.rejetee', { reference: 'DEM-A-1' }, { kind: 'decision', ruleId: 'demande.inscriptionDE' }),
      line('email.demande-rejetee', { cpas: NAMUR, reference: 'DEM-A-1', personne: 'Marie Dupont' }),
    ];
    expect(demandesEnAttenteDansLeDossier(journal)).toEqual([{ reference: 'DEM-A-1', cpas: NAMUR, personne: 'Marie Dupont', attendInscription: true }]);
  });

  it('not those a registration already followed, nor those rejected for another reason, nor annulled ones', () => {
    const journal = [
      line('demande', { reference: 'DEM-A-1', cpas: NAMUR }),
      line('demande.rejetee', { reference: 'DEM-A-1' }, { kind: 'decision', ruleId: 'demande.inscriptionDE' }),
      line('inscription', {}),
      line('demande', { reference: 'DEM-A-2', cpas: MONS }),
      line('demande.rejetee', { reference: 'DEM-A-2' }, { kind: 'decision', ruleId: 'demande.etudiants' }),
      line('demande', { reference: 'DEM-A-3', cpas: MONS }),
      line('demande.rejetee', { reference: 'DEM-A-3' }, { kind: 'decision', ruleId: 'demande.inscriptionDE', annuleePar: 'k' }),
    ];
    expect(demandesEnAttenteDansLeDossier(journal)).toEqual([]);
  });
});

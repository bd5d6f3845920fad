/** The rule book: complete, sourced, dated, and documented from the code. */
import fs from 'node:fs';
import { expiryInstant, startOfDayInBrussels } from '../../domain/calendar';
import { decide, initialState } from '../../domain/parcours';
import { allRules, FIN_TRANSITION, regimeOfParcours, regimeOn, RULES } from '../../domain/rules';
import { renderRulesDoc, RULES_DOC_PATH } from '../../scripts/rules-doc';

describe('rule book', () => {
  it('names a text and an article (or a section of a seed document, or says it is the product’s decision) for every rule', () => {
    for (const r of allRules()) {
      expect(r.basis).toMatch(/(AGW \d{2}\/\d{2}\/\d{4}, art\. \d+|Convention .*art\. \d+|seed 00\d|loi du \d+ \S+ \d{4}|^Décision du produit)/);
      expect(r.regimes.length).toBeGreaterThan(0);
    }
  });

  it('cites articles 1–42 as those of the AGW of 21/12/2022 as replaced, and the amending AGW only for its own articles 3–6 (spec, citation rule)', () => {
    for (const r of allRules()) {
      for (const [, article] of r.basis.matchAll(/AGW 21\/12\/2022, art\. (\d+)/g)) expect(Number(article)).toBeLessThanOrEqual(42);
      for (const m of r.basis.matchAll(/AGW 21\/12\/2022, art\. [^;(]*(\(remplacé par AGW 09\/10\/2025\))?/g)) expect(m[1]).toBeDefined();
      for (const [, article] of r.basis.matchAll(/(?<!remplacé par )AGW 09\/10\/2025, art\. (\d+)/g)) expect([3, 4, 5, 6]).toContain(Number(article));
    }
    expect(RULES['cloture.nonInscription'].basis).toBe('AGW 21/12/2022, art. 33 §1er, 2° (remplacé par AGW 09/10/2025)');
  });

  it('has a rule for every timer the spec names', () => {
    const periods = Object.fromEntries(allRules().filter((r) => r.value && 'unit' in r.value).map((r) => [r.id, r.value]));
    expect(periods).toMatchObject({
      'inscription.telephone.authentification': { amount: 7, unit: 'jours' },
      'inscription.enLigne.dateContact': { amount: 15, unit: 'jours' },
      'inscription.enLigne.objectivation': { amount: 15, unit: 'jours' },
      'affectation.delai': { amount: 1, unit: 'mois' },
      'accompagnement.digital.duree': { amount: 4, unit: 'mois' },
      'accompagnement.enLigne.moins30': { amount: 3, unit: 'mois' },
      'contact.mensuel': { amount: 1, unit: 'mois' },
      'contact.individuel.moins30': { amount: 3, unit: 'mois' },
      'proposition.delai': { amount: 4, unit: 'mois' },
      'signalAlerte.contact': { amount: 3, unit: 'joursOuvrables' },
      'absence.justification': { amount: 5, unit: 'joursOuvrables' },
      'absence.motifPrevisible.recontact': { amount: 5, unit: 'joursOuvrables' },
      'absence.reconvocation': { amount: 15, unit: 'joursOuvrables' },
      'absence.recommande.postal': { amount: 21, unit: 'jours' },
      'absence.recommande.electronique': { amount: 15, unit: 'jours' },
      'suspension.duree': { amount: 3, unit: 'mois' },
      'suspension.duree.anterieure': { amount: 7, unit: 'mois' },
      'reprise.cpas.delai': { amount: 7, unit: 'mois' },
      'cloture.nonInscription': { amount: 3, unit: 'mois' },
      'reinscription.reprise': { amount: 3, unit: 'mois' },
      'convention.evaluation': { amount: 12, unit: 'mois' },
      'convention.preavis': { amount: 3, unit: 'mois' },
      'regime.transition': { amount: 6, unit: 'mois' },
    });
  });

  it('docs/rules.md is the table generated from the code (npm run rules:doc)', () => {
    expect(fs.readFileSync(RULES_DOC_PATH, 'utf8')).toBe(renderRulesDoc());
    for (const r of allRules()) expect(renderRulesDoc()).toContain(`\`${r.id}\``);
  });
});

describe('regimes (AGW 09/10/2025, art. 3 and 5)', () => {
  it('the 2025 regime applies from 1 October 2025', () => {
    expect(regimeOn('2025-09-30')).toBe('anterieur');
    expect(regimeOn('2025-10-01')).toBe('aocs-2025');
  });

  it('the suspension lasts 7 months under the former rules and 3 under the 2025 regime', () => {
    expect(RULES['suspension.duree.anterieure'].regimes).toEqual(['anterieur']);
    expect(RULES['suspension.duree'].regimes).toEqual(['aocs-2025']);
  });

  it('a parcours under way keeps its former rules until its first monthly contact, six months at most', () => {
    expect(FIN_TRANSITION).toBe('2026-04-01'); // 1 Oct 2025 not counted; + 6 months = Wed 1 April 2026
    expect(regimeOfParcours('2025-06-02', undefined, '2025-09-30')).toBe('anterieur');
    expect(regimeOfParcours('2025-06-02', undefined, '2025-12-15')).toBe('anterieur');
    expect(regimeOfParcours('2025-06-02', '2025-11-04', '2025-11-03')).toBe('anterieur');
    expect(regimeOfParcours('2025-06-02', '2025-11-04', '2025-11-04')).toBe('aocs-2025');
    expect(regimeOfParcours('2025-06-02', undefined, '2026-04-01')).toBe('anterieur');
    expect(regimeOfParcours('2025-06-02', undefined, '2026-04-02')).toBe('aocs-2025');
    expect(regimeOfParcours('2025-10-01', undefined, '2025-10-01')).toBe('aocs-2025');
  });

  it('a parcours begun under the former rules switches regime when the transition ends, and says so', () => {
    const personne = { dateNaissance: '1980-01-01', experienceProfessionnelle: true, autonomieNumerique: true };
    const started = decide(initialState('ce-x'), { type: 'inscription', id: 'i', date: '2025-06-02', canal: 'presentiel', personne, dateContactMensuel: '2025-07-02' }, startOfDayInBrussels('2025-06-02'));
    expect(started.state.regime).toBe('anterieur');
    expect(started.state.echeances.map((e) => e.rule).sort()).toEqual(['contact.mensuel', 'inscription.fin.pension', 'regime.transition']); // no 2025-only deadline
    const switched = decide(started.state, { type: 'horloge' }, expiryInstant(FIN_TRANSITION));
    expect(switched.state.regime).toBe('aocs-2025');
    expect(switched.effects).toContainEqual({ type: 'dossier', entry: expect.objectContaining({ code: 'regime.transition', legalBasis: expect.objectContaining({ basis: expect.stringContaining('art. 3 §1er') }) }) });
  });

  it('a first monthly contact from 1 October 2025 on switches the regime at once', () => {
    const personne = { dateNaissance: '1980-01-01', experienceProfessionnelle: true, autonomieNumerique: true };
    const started = decide(initialState('ce-x'), { type: 'inscription', id: 'i', date: '2025-06-02', canal: 'presentiel', personne, dateContactMensuel: '2025-10-06' }, startOfDayInBrussels('2025-06-02'));
    const contact = decide(started.state, { type: 'contactMensuel', id: 'c', date: '2025-10-06', individuel: true, prochaineDate: '2025-11-06' }, startOfDayInBrussels('2025-10-06'));
    expect(contact.state.regime).toBe('aocs-2025');
    expect(contact.state.echeances.map((e) => e.rule)).not.toContain('regime.transition');
  });
});

/**
 * `decide` never throws on facts the API accepts (issue 11, point 5): long random sequences of
 * schema-valid facts — every fact type, dates anywhere in their plausible windows and bunched
 * around a moving clock so that parcours get deep — interleaved with the passing of time, under
 * the current behaviours and those of old histories. Each fact is first parsed by its API schema,
 * so nothing here is outside what a client may send. Adding a fact type to FACT_SCHEMAS without
 * its arbitrary below fails the build (`Arbitraries` is keyed by the schemas).
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { birthDateSchema, civilDateSchema, FACT_SCHEMAS } from '../../../api/schemas';
import { addDays, civilDateInBrussels, fromDayNumber, startOfDayInBrussels, toDayNumber, type CivilDate } from '../../../domain/calendar';
import { CURRENT_OPTIONS, decide, initialState, isFinished, nextDeadline, refusalAt, viewOf, type DecideOptions, type FactEvent, type ParcoursEvent } from '../../../domain/parcours';

type FactType = keyof typeof FACT_SCHEMAS;
type Body<T extends FactType> = z.input<(typeof FACT_SCHEMAS)[T]>;

/**
 * Dates a fact may carry: when it happened (`passe`, around the parcours' clock, mostly before
 * it), what it fixes ahead (`futur`: an appointment, the next contact) and birth dates.
 */
interface Dates {
  passe: fc.Arbitrary<CivilDate>;
  futur: fc.Arbitrary<CivilDate>;
  naissance: fc.Arbitrary<CivilDate>;
}

/** Each fact's body. */
type Arbitraries = { [T in FactType]: (d: Dates) => fc.Arbitrary<Body<T>> };

const PARCOURS_ID = 'ce-0123456789abcdef0123456789abcdef';

/** The first and last day a date schema accepts, found by asking it: widen the schema, and the facts follow. */
function windowOf(schema: z.ZodType): [CivilDate, CivilDate] {
  const years = Array.from({ length: 9999 - 1900 + 1 }, (_, i) => String(1900 + i));
  const first = years.find((y) => schema.safeParse(`${y}-01-01`).success)!;
  const last = [...years].reverse().find((y) => schema.safeParse(`${y}-12-31`).success)!;
  return [`${first}-01-01`, `${last}-12-31`];
}
const [FIRST, LAST] = windowOf(civilDateSchema);
const [FIRST_BIRTH, LAST_BIRTH] = windowOf(birthDateSchema);
const clamp = (d: CivilDate, from = FIRST, to = LAST) => (d < from ? from : d > to ? to : d);

const texte = fc.constantFrom('x', 'déménagement à Namur', 'Atelier « CV »', 'aide-soignante', 'É'.repeat(200));
const email = fc.constantFrom('sophie.lambert@cpas-liege.example', 'a@b.be');
const cpas = fc.constantFrom('0207123407', '0207456769', '0216987614', '0123456749');
// References the parcours hands out (DEM-<pseudonym>-<n>) and one it never did.
const reference = fc.constantFrom('DEM-01234567-1', 'DEM-01234567-2', 'DEM-01234567-3', 'DEM-AUTRE-1');
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const canalPreferentiel = fc.constantFrom('sms', 'email', 'courrier', 'espacePersonnel');
const contact = fc.record({ nom: texte, email, telephone: opt(fc.constantFrom('04 123 45 67')) }, { requiredKeys: ['nom', 'email'] });

const ARBITRARIES: Arbitraries = {
  inscription: ({ passe, futur, naissance }) =>
    fc.record(
      {
        niss: fc.constant('90041212377'),
        date: passe,
        canal: fc.constantFrom('enLigne', 'telephone', 'presentiel'),
        personne: fc.record(
          {
            dateNaissance: naissance,
            experienceProfessionnelle: fc.boolean(),
            autonomieNumerique: fc.boolean(),
            stageInsertion: fc.boolean(),
            allocataire: fc.boolean(),
            nationalite: fc.constantFrom('BE', 'FR', 'MA'),
            nonMobilisable: fc.boolean(),
            trajetSpecifique: fc.boolean(),
          },
          { requiredKeys: ['dateNaissance', 'experienceProfessionnelle', 'autonomieNumerique'] },
        ),
        cpas,
        dateContactMensuel: futur,
        canalPreferentiel,
      },
      { requiredKeys: ['niss', 'date', 'canal', 'personne', 'canalPreferentiel'] },
    ),
  authentification: ({ passe }) => fc.record({ date: passe }),
  fixationContact: ({ passe, futur }) => fc.record({ date: passe, dateContactMensuel: futur }),
  objectivation: ({ passe }) => fc.record({ date: passe }),
  affectation: ({ passe }) =>
    fc.record(
      { date: passe, employabilite: fc.constantFrom('elevee', 'moyenne', 'faible', 'tresFaible'), accompagnement: fc.constantFrom('digitalInteractif', 'enLigneAvecConseiller', 'axeMetier', 'multidimensionnel') },
      { requiredKeys: ['date', 'employabilite'] },
    ),
  contactMensuel: ({ passe, futur }) => fc.record({ date: passe, individuel: fc.boolean(), prochaineDate: futur }),
  proposition: ({ passe }) => fc.record({ date: passe, nature: fc.constantFrom('emploi', 'stage', 'formation') }),
  sollicitation: ({ passe, futur }) => fc.record({ date: fc.oneof(passe, futur), nature: fc.constantFrom('convocation', 'rendezVous', 'invitation') }),
  absence: ({ passe }) => fc.record({ date: passe, reference }, { requiredKeys: ['date'] }),
  presence: ({ passe }) => fc.record({ date: passe }),
  justification: ({ passe }) => fc.record({ date: passe, admise: fc.boolean(), motifPrevisible: fc.boolean(), dateSollicitation: passe }, { requiredKeys: ['date', 'admise'] }),
  reconvocation: ({ passe, futur }) =>
    fc.record({ date: passe, mode: fc.constantFrom('recommandePostal', 'recommandeElectronique', 'ordinaire'), dateRendezVous: futur, dateSollicitation: passe }, { requiredKeys: ['date', 'mode', 'dateRendezVous'] }),
  signalAlerte: ({ passe }) => fc.record({ date: passe, motif: fc.constantFrom('difficulte', 'inactivite', 'demandeAide', 'autre') }),
  repriseDemandee: ({ passe }) => fc.record({ date: passe, par: fc.constantFrom('ce', 'cpas') }),
  desinscription: ({ passe }) => fc.record({ date: passe }),
  cloture: ({ passe }) =>
    fc.record(
      {
        date: passe,
        motif: fc.constantFrom('refus', 'comportement', 'nonCollaboration', 'deces', 'pension'),
        validation: fc.record({ par: fc.constantFrom('serviceControle', 'responsableHierarchique'), date: passe }),
        informationPrealable: fc.boolean(),
      },
      { requiredKeys: ['date', 'motif'] },
    ),
  changementCpas: ({ passe }) => fc.record({ date: passe, cpas, motif: texte }),
  demande: ({ passe, naissance }) =>
    fc.record(
      {
        niss: fc.constant('90041212377'),
        date: passe,
        cpas,
        contact,
        personne: fc.record({ nom: texte, prenom: texte, dateNaissance: naissance }),
        situation: fc.record({ beneficiaireRI: fc.boolean(), contratArticle60ou61: fc.boolean(), etudiant: fc.boolean(), reinscritDEIApresArticle60: fc.boolean() }),
        besoin: fc.constantFrom('orientation', 'formation', 'rechercheEmploi', 'accompagnementSocioProfessionnel', 'validationCompetences'),
        elements: fc.record({ projet: texte, actionsPrealables: texte, besoinsFreins: texte }),
        pistes: texte,
        conseillerReference: fc.boolean(),
      },
      { requiredKeys: ['niss', 'date', 'cpas', 'contact', 'personne', 'situation', 'besoin', 'elements'] },
    ),
  demandeTraitee: ({ passe, futur }) => fc.record({ date: passe, reference, service: texte, dateRendezVous: futur, lieu: texte }),
  retourEntretien: ({ passe }) => fc.record({ date: passe, reference, faits: texte, besoins: texte, perspectives: texte, conseiller: contact }),
  demandeCloturee: ({ passe }) => fc.record({ date: passe, reference, resultat: texte }),
  decisionServiceControle: ({ passe }) => fc.record({ date: passe, exclusionDefinitive: fc.boolean() }),
  emploi: ({ passe }) => fc.record({ date: passe }),
  finEmploi: ({ passe }) => fc.record({ date: passe }),
  nonCollaboration: ({ passe }) => fc.record({ date: passe, nature: fc.constantFrom('refus', 'nonCollaboration', 'nonCollaborationFautive'), informationPrealable: fc.boolean() }, { requiredKeys: ['date', 'nature'] }),
  signalementManquement: ({ passe, futur }) => fc.record({ date: passe, delaiRegularisation: futur }),
  regularisation: ({ passe }) => fc.record({ date: passe }),
  maintienInscription: ({ passe }) => fc.record({ date: passe, motif: fc.constantFrom('demande', 'formation', 'reorientation') }),
  changementSituation: ({ passe }) =>
    fc.record(
      { date: passe, canalPreferentiel, allocataire: fc.boolean(), stageInsertion: fc.boolean(), nonMobilisable: fc.boolean(), trajetSpecifique: fc.boolean() },
      { requiredKeys: ['date', 'canalPreferentiel'] },
    ),
};

const TYPES = Object.keys(FACT_SCHEMAS) as FactType[];

/** One step: how far the clock moves, then a fact (or the clock alone). */
type Pas = { avance: number; fait?: { type: FactType; body: unknown } };

/** The dates a fact carries, moved with the parcours' clock (birth dates too, in their own window). */
const DATES_DU_FAIT = ['date', 'dateContactMensuel', 'prochaineDate', 'dateRendezVous', 'dateSollicitation', 'delaiRegularisation'];
/** The window's ends, kept where they are: the dates most likely to overflow a computation. */
const EXTREMES = new Set([FIRST, LAST, addDays(LAST, -1)]);

/**
 * A parcours: a start day anywhere in the window, then steps. A fact's dates are drawn relative
 * to the start day and moved, when the fact is recorded, by the days the clock has run since:
 * facts land around the parcours' present, and now and then at the window's very ends.
 */
const REFERENCE = '2050-01-01';
const autour = (min: number, max: number) =>
  fc.oneof({ weight: 12, arbitrary: fc.integer({ min, max }).map((n) => addDays(REFERENCE, n)) }, { weight: 1, arbitrary: fc.constantFrom(...EXTREMES) });
const DATES: Dates = {
  passe: autour(-20, 2),
  futur: autour(1, 90),
  naissance: fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 15 * 365, max: 70 * 365 }).map((n) => addDays(REFERENCE, -n)) },
    { weight: 1, arbitrary: fc.constantFrom(FIRST_BIRTH, LAST_BIRTH) },
  ),
};

/** The facts that take a parcours deep (absences, their letters, requests and their steps) come more often. */
const PLUS_SOUVENT: FactType[] = ['absence', 'presence', 'justification', 'reconvocation', 'contactMensuel', 'affectation', 'demande', 'demandeTraitee', 'repriseDemandee'];
const faitArb = fc.constantFrom(...TYPES, ...PLUS_SOUVENT, ...PLUS_SOUVENT).chain((type) => (ARBITRARIES[type] as (d: Dates) => fc.Arbitrary<unknown>)(DATES).map((body) => ({ type, body })));
const pasArb: fc.Arbitrary<Pas> = fc.record(
  {
    avance: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3_600_000 }), fc.integer({ min: 1, max: 10 * 86_400_000 }), fc.integer({ min: 1, max: 120 * 86_400_000 })),
    fait: fc.oneof({ weight: 4, arbitrary: faitArb }, { weight: 1, arbitrary: fc.constant(undefined) }),
  },
  { requiredKeys: ['avance'] },
);
// Most parcours start with a registration, or nothing would get far.
const premierArb = ARBITRARIES.inscription(DATES).map((body): Pas => ({ avance: 0, fait: { type: 'inscription', body } }));
const parcoursArb = fc.record({
  debut: fc.integer({ min: toDayNumber(FIRST), max: toDayNumber(LAST) }).map(fromDayNumber),
  premier: fc.option(premierArb, { nil: undefined }),
  suite: fc.array(pasArb, { minLength: 10, maxLength: 60 }),
});

/** The body as recorded on `today`: its dates moved from the reference day to around `today`, the window's ends kept. */
function auJour(body: unknown, today: CivilDate): unknown {
  const decalage = toDayNumber(today) - toDayNumber(REFERENCE);
  const b = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
  for (const k of DATES_DU_FAIT) if (typeof b[k] === 'string' && !EXTREMES.has(b[k] as string)) b[k] = clamp(addDays(b[k] as string, decalage));
  const p = b.personne as { dateNaissance?: string } | undefined;
  if (p?.dateNaissance && p.dateNaissance !== FIRST_BIRTH && p.dateNaissance !== LAST_BIRTH) p.dateNaissance = clamp(addDays(p.dateNaissance, decalage), FIRST_BIRTH, LAST_BIRTH);
  return b;
}

/** The widest rectification window the configuration allows: the most facts re-decided at once. */
const FENETRE_LARGE: DecideOptions = { rectificationMois: 24 };

describe('decide on schema-valid facts', () => {
  it('never throws, and leaves a state the workflow and its query can use', () => {
    fc.assert(
      fc.property(parcoursArb, fc.constantFrom(CURRENT_OPTIONS, FENETRE_LARGE), ({ debut, premier, suite }, options) => {
        let state = initialState(PARCOURS_ID);
        let now = startOfDayInBrussels(debut) + 10 * 3_600_000;
        let n = 0;
        for (const p of premier ? [premier, ...suite] : suite) {
          now += p.avance;
          let event: ParcoursEvent = { type: 'horloge' };
          if (p.fait) {
            // What the API would hand the workflow: the parsed body, without the NISS.
            const { niss: _niss, ...body } = FACT_SCHEMAS[p.fait.type].parse(auJour(p.fait.body, civilDateInBrussels(now))) as Record<string, unknown>;
            event = { ...body, type: p.fait.type, id: `e${++n}` } as FactEvent;
            refusalAt(state, event, now, options); // the Update's validator
          }
          state = decide(state, event, now, options).state;
          viewOf(state);
          isFinished(state);
          const next = nextDeadline(state);
          if (next) expect(Number.isFinite(next.expire)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

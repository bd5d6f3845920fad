/**
 * One workflow per chercheur d'emploi. The imperative shell around `domain/parcours`: wait for a
 * fact or the next legal deadline, decide, perform the effects, repeat; continue-as-new when the
 * server suggests it. E-mails go out in the background so that an SMTP outage delays mail, never
 * a decision.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
  ActivityFailure,
  ApplicationFailure,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { EMAIL_UNTIL_DELIVERED, JOURNAL_WRITE } from './activity-options';
import { civilDateInBrussels } from '../domain/calendar';
import { decide, FACT_TYPES, initialState, isFinished, nextDeadline, ouvertAuxFaitsTardifsJusqua, refusalIn, viewOf, type Decision, type EmailIntent, type Effect, type FactEvent, type ParcoursEvent, type ParcoursState, type DecideOptions } from '../domain/parcours';
import { estEtat2026_11, migrerEtat2026_11 } from '../domain/parcours/migration';
import * as noyau2026_11 from '../domain/parcours-2026-11/decide';
import { initialState as initialState2026_11 } from '../domain/parcours-2026-11/model';
import { decisionOnFailure } from '../domain/parcours/failure';
import { compter, compterRefus } from './metriques';
import { Reveil } from './reveil';
import { etatQuery, evenementUpdate, EVENEMENT_REFUSE, FACT_SIGNALS, PATCHES, SEARCH_ATTRIBUTES, type ParcoursInput } from './definitions';

const { ecrireDossier } = proxyActivities<Activities>(JOURNAL_WRITE);

/**
 * From patch `sanctions-selon-agw` on, the dossier is written by a local activity: the write is
 * short and idempotent (INSERT OR IGNORE on the line's number), so it runs in the worker within
 * the workflow task instead of costing a round trip through the server for each decision
 * (docs/benchmarks.md). Retried as the regular one is: a crash before the task completes re-runs
 * it, and the lines already written are skipped.
 */
const { ecrireDossierLocal } = proxyLocalActivities<Activities>(JOURNAL_WRITE);
const { envoyerEmail } = proxyActivities<Activities>(EMAIL_UNTIL_DELIVERED);

/** The state as the current core reads it: a parcours begun under the 2026-11 core is migrated. */
const courant = (state: ParcoursState): ParcoursState => (estEtat2026_11(state) ? migrerEtat2026_11(state) : state);

/**
 * The decision of the core that applies at this point of the history (docs/versioning-and-audit.md):
 * the current one from patch `sanctions-selon-agw` on, else the frozen 2026-11 core with the
 * patches of its time, so that histories recorded before replay with the decisions they took.
 */
/**
 * The decision the Update's validator took to find whether it refuses a fact. The loop decides the
 * same fact on the same state, usually in the same task: it takes this one instead of deciding
 * twice (issue 14). Validators do not run on replay; the loop then decides, alike — decide is pure.
 */
export interface DecisionPrevue {
  state: ParcoursState;
  eventId: string;
  now: number;
  options: DecideOptions;
  decision: Decision;
}

function decideVersioned(state: ParcoursState, event: ParcoursEvent, options: DecideOptions, prevue?: DecisionPrevue): Decision {
  if (patched(PATCHES.sanctionsSelonAgw)) {
    const base = courant(state);
    const now = Date.now();
    const avec: DecideOptions = { ...options, emailsNominatifs: patched(PATCHES.emailsCpasNominatifs) };
    if (prevue && prevue.state === base && event.type !== 'horloge' && prevue.eventId === event.id && prevue.now === now && prevue.options.emailsNominatifs === avec.emailsNominatifs) return prevue.decision;
    return decide(base, event, now, avec);
  }
  // A history recorded before the patch began with the frozen core's own initial state.
  const avant = estEtat2026_11(state) ? state : initialState2026_11(state.parcoursId);
  const old = noyau2026_11.decide(avant, event as never, Date.now(), {
    resumeDeadlinesOnReinscription: patched(PATCHES.resumeDeadlinesOnReinscription),
    individualContactEachMonthFirstFour: patched(PATCHES.individualContactEachMonthFirstFour),
  });
  return old as unknown as Decision;
}

/** How long a parcours started without any fact waits for its first one. */
export const EMPTY_PARCOURS_GRACE = '10 minutes';

export async function parcours(input: ParcoursInput): Promise<ParcoursState> {
  let state = input.state ?? { ...initialState(input.parcoursId), journalSeq: input.journalSeq ?? 0, ...(input.demandesEnAttente?.length ? { nommees: input.demandesEnAttente } : {}) };
  const options: DecideOptions = input.rectificationMois ? { rectificationMois: input.rectificationMois } : {};
  let outbox: EmailIntent[] = [...(input.outbox ?? [])];
  const inbox: FactEvent[] = [];
  let prevue: DecisionPrevue | undefined;
  /** Ids of facts decided and written in this run, for the Update handlers waiting on them. */
  const settled: string[] = [];
  let published = '';

  for (const [type, signal] of Object.entries(FACT_SIGNALS)) {
    setHandler(signal, (payload: object) => {
      inbox.push({ ...payload, type } as FactEvent);
    });
  }
  setHandler(etatQuery, () => viewOf(state));
  setHandler(
    evenementUpdate,
    async (event) => {
      inbox.push(event);
      await condition(() => settled.includes(event.id));
      const dossier = state.recent.filter((e) => e.eventId === event.id);
      const refus = dossier.find((e) => e.code.endsWith('.refuse'));
      return { eventId: event.id, accepte: !refus, ...(refus ? { motif: refus.resume } : {}), dossier, etat: viewOf(state) };
    },
    {
      validator: (event) => {
        if (!event || typeof event !== 'object' || !(FACT_TYPES as readonly string[]).includes(event.type) || typeof event.id !== 'string') {
          throw ApplicationFailure.nonRetryable('événement mal formé', EVENEMENT_REFUSE);
        }
        if (state.eventIds.includes(event.id) || inbox.some((e) => e.id === event.id)) return; // a retry: answered with the first outcome
        let reason: string | undefined;
        try {
          const base = courant(state);
          const now = Date.now();
          // A validator may not record a patch marker; a live decision has every patch on, and the
          // loop decides again should its own patched() say otherwise.
          const avec: DecideOptions = { ...options, emailsNominatifs: true };
          const decision = decide(base, event, now, avec);
          prevue = { state: base, eventId: event.id, now, options: avec, decision };
          reason = refusalIn(decision, event);
        } catch (err) {
          reason = `événement invalide : ${err instanceof Error ? err.message : String(err)}`;
        }
        if (reason) {
          compterRefus(event.type);
          throw ApplicationFailure.nonRetryable(reason, EVENEMENT_REFUSE);
        }
      },
    },
  );

  const send = (email: EmailIntent): void => {
    envoyerEmail(state.parcoursId, email)
      .catch((err: unknown) => {
        // Only a non-retryable failure ends here (e.g. a CPAS missing from the registry).
        log.error('e-mail abandoned', { key: email.key, template: email.template, error: err instanceof ActivityFailure ? err.cause?.message : String(err) });
      })
      .finally(() => {
        outbox = outbox.filter((e) => e.key !== email.key);
      });
  };

  const perform = async (effects: Effect[]): Promise<void> => {
    const entries = effects.flatMap((e) => (e.type === 'dossier' ? [e.entry] : []));
    if (entries.length) {
      // The frozen path keeps the regular activity its histories recorded (docs/versioning-and-audit.md).
      if (patched(PATCHES.sanctionsSelonAgw)) await ecrireDossierLocal(state.parcoursId, entries);
      else await ecrireDossier(state.parcoursId, entries);
    }
    for (const e of effects) {
      if (e.type === 'email') {
        outbox = [...outbox, e.email];
        send(e.email);
      }
    }
  };

  const publish = (): void => {
    if (input.searchAttributes === false) return;
    const next = nextDeadline(state);
    const attrs = {
      statut: state.statut,
      accompagnement: state.accompagnement?.type ?? null,
      cpas: state.cpas ?? null,
      regime: state.regime,
      prochaineEcheance: next ? next.expire : null,
    };
    const json = JSON.stringify(attrs);
    if (json === published) return;
    published = json;
    upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTES.statut, value: attrs.statut },
      { key: SEARCH_ATTRIBUTES.accompagnement, value: attrs.accompagnement },
      { key: SEARCH_ATTRIBUTES.cpas, value: attrs.cpas },
      { key: SEARCH_ATTRIBUTES.regime, value: attrs.regime },
      { key: SEARCH_ATTRIBUTES.prochaineEcheance, value: attrs.prochaineEcheance === null ? null : new Date(attrs.prochaineEcheance) },
    ]);
  };

  outbox.forEach(send);
  publish();

  // A parcours is opened by its first fact. When that fact was refused (an update-with-start whose
  // validator said no), nothing is kept: the run ends after a short grace period.
  if (!input.state && !(await condition(() => inbox.length > 0, EMPTY_PARCOURS_GRACE))) return state;

  // The current core's single timer (workflows/reveil.ts); the frozen path keeps its timer per wait.
  const reveil = new Reveil();
  const instantSuivant = (): number | undefined => {
    if (!isFinished(state)) return nextDeadline(state)?.expire;
    const tardifsJusqua = ouvertAuxFaitsTardifsJusqua(courant(state), options.rectificationMois);
    return tardifsJusqua !== undefined && tardifsJusqua > Date.now() ? tardifsJusqua : undefined;
  };
  // A run continued as new on the current core arms its timer from the state it carries.
  if (state.journalSeq > 0 && !estEtat2026_11(state)) reveil.armer(instantSuivant());

  for (;;) {
    if (inbox.length === 0 && !estEtat2026_11(state)) {
      const fini = isFinished(state);
      // Closed: a late fact may still come until the window ends (spec §11), and the CPAS is still
      // owed its last e-mails — completing would cancel their retries.
      await condition(() => inbox.length > 0 || reveil.sonne || (fini && !reveil.enAttente && outbox.length === 0 && allHandlersFinished()));
      if (inbox.length === 0 && fini) {
        if (!reveil.sonne) return state;
        reveil.armer(undefined); // the window is over
        continue;
      }
    } else if (inbox.length === 0) {
      const tardifsJusqua = isFinished(state) ? ouvertAuxFaitsTardifsJusqua(courant(state), options.rectificationMois) : undefined;
      if (tardifsJusqua !== undefined && tardifsJusqua > Date.now() && !estEtat2026_11(state)) {
        // Closed, but a late fact dated before the closure may still come (spec §11): wait for it.
        await condition(() => inbox.length > 0, tardifsJusqua - Date.now());
        if (inbox.length === 0) continue;
      } else if (isFinished(state)) {
        // A closed parcours still owes the CPAS its last e-mails: completing now would cancel their
        // retries. A fact arriving meanwhile is still decided (and answered) before the end.
        await condition(() => inbox.length > 0 || (outbox.length === 0 && allHandlersFinished()));
        if (inbox.length === 0) return state;
      } else {
        const deadline = nextDeadline(state);
        const wait = deadline ? deadline.expire - Date.now() : undefined;
        if (wait === undefined) await condition(() => inbox.length > 0);
        else if (wait > 0) await condition(() => inbox.length > 0, wait);
      }
    }

    const event = inbox.shift() ?? { type: 'horloge' };
    if (event.type === 'horloge') reveil.acquitter();
    const due = state.echeances.filter((e) => e.expire <= Date.now());
    const decision = decideOrRefuse(state, event, options, prevue);
    prevue = undefined;
    compter(event, decision, due, Date.now());
    state = decision.state;
    await perform(decision.effects);
    if (event.type !== 'horloge') settled.push(event.id);
    publish();
    if (!estEtat2026_11(state)) reveil.armer(instantSuivant());

    if (workflowInfo().continueAsNewSuggested && inbox.length === 0) {
      await condition(allHandlersFinished);
      if (!estEtat2026_11(state)) {
        // Not in the task that answered an Update: should an event come in meanwhile, the server
        // refuses that task, and with it the answer it carried. A task of its own loses nothing.
        await sleep(1);
        if (inbox.length > 0 || !allHandlersFinished()) continue;
      }
      await continueAsNew<typeof parcours>({ ...input, state, outbox });
    }
  }
}

/** The versioned decision, whose failure is recorded in the dossier and logged instead of failing the workflow task. */
function decideOrRefuse(state: ParcoursState, event: ParcoursEvent, options: DecideOptions, prevue?: DecisionPrevue): Decision {
  try {
    return decideVersioned(state, event, options, prevue);
  } catch (err) {
    const reason = err instanceof Error ? `${err.name} : ${err.message}` : String(err);
    // The event's type and id only: a fact's content is personal data.
    log.error('decision failed', { parcoursId: state.parcoursId, event: event.type, eventId: event.type === 'horloge' ? undefined : event.id, error: reason });
    return decisionOnFailure(state, event, Date.now(), reason);
  }
}

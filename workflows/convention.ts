/**
 * One workflow per cooperation convention (spec §12): the imperative shell around
 * `domain/convention`. It waits for a fact or the next deadline (a reminder before an
 * anniversary, the end of the notice), decides, writes the journal, sends the e-mails in the
 * background so that an SMTP outage delays mail, never a step.
 */
import { allHandlersFinished, condition, continueAsNew, log, proxyActivities, setHandler, workflowInfo, ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { EMAIL_UNTIL_DELIVERED, JOURNAL_WRITE } from './activity-options';
import { CONVENTION_FACT_TYPES, decide, initialState, isFinished, nextDeadline, refusalAt, type ConventionEmail, type ConventionEvent, type ConventionFact, type JournalLine } from '../domain/convention';
import { conventionEtatQuery, conventionFaitUpdate, FAIT_CONVENTION_REFUSE, type ConventionInput } from './convention-definitions';

const { ecrireJournalConvention } = proxyActivities<Activities>(JOURNAL_WRITE);
const { envoyerEmailConvention } = proxyActivities<Activities>(EMAIL_UNTIL_DELIVERED);

export async function convention(input: ConventionInput): Promise<import('../domain/convention').ConventionState> {
  let state = input.state ?? { ...initialState(input.cpas), journalSeq: input.journalSeq ?? 0 };
  let outbox: ConventionEmail[] = [...(input.outbox ?? [])];
  const inbox: ConventionFact[] = [];
  const written = new Map<string, JournalLine[]>();

  setHandler(conventionEtatQuery, () => state);
  setHandler(
    conventionFaitUpdate,
    async (fact) => {
      // A retry is answered with the first outcome; one decided in an earlier run has its lines in the journal table.
      if (state.eventIds.includes(fact.id) && !written.has(fact.id)) return { eventId: fact.id, journal: [], etat: state };
      if (!written.has(fact.id) && !inbox.some((f) => f.id === fact.id)) inbox.push(fact);
      await condition(() => written.has(fact.id));
      return { eventId: fact.id, journal: written.get(fact.id)!, etat: state };
    },
    {
      validator: (fact) => {
        if (!fact || typeof fact !== 'object' || !(CONVENTION_FACT_TYPES as readonly string[]).includes(fact.type) || typeof fact.id !== 'string') {
          throw ApplicationFailure.nonRetryable('fait mal formé', FAIT_CONVENTION_REFUSE);
        }
        if (state.eventIds.includes(fact.id) || inbox.some((f) => f.id === fact.id)) return; // a retry
        let reason: string | undefined;
        try {
          reason = refusalAt(state, fact, Date.now());
        } catch (err) {
          reason = `fait invalide : ${err instanceof Error ? err.message : String(err)}`;
        }
        if (reason) throw ApplicationFailure.nonRetryable(reason, FAIT_CONVENTION_REFUSE);
      },
    },
  );

  const send = (email: ConventionEmail): void => {
    envoyerEmailConvention(state.cpas, email)
      .catch((err: unknown) => log.error('e-mail abandoned', { key: email.key, template: email.template, error: err instanceof ActivityFailure ? err.cause?.message : String(err) }))
      .finally(() => {
        outbox = outbox.filter((e) => e.key !== email.key);
      });
  };
  outbox.forEach(send);

  for (;;) {
    if (inbox.length === 0) {
      if (isFinished(state)) {
        // Ended: the last e-mails still go out, then the workflow completes.
        await condition(() => inbox.length > 0 || (outbox.length === 0 && allHandlersFinished()));
        if (inbox.length === 0) return state;
      } else {
        const deadline = nextDeadline(state);
        const wait = deadline ? deadline.expire - Date.now() : undefined;
        if (wait === undefined) await condition(() => inbox.length > 0);
        else if (wait > 0) await condition(() => inbox.length > 0, wait);
      }
    }

    const event: ConventionEvent = inbox.shift() ?? { type: 'horloge' };
    let lines: JournalLine[] = [];
    try {
      const decision = decide(state, event, Date.now());
      state = decision.state;
      lines = decision.lines;
      if (lines.length) await ecrireJournalConvention(state.cpas, lines);
      for (const e of decision.emails) {
        outbox = [...outbox, e];
        send(e);
      }
    } catch (err) {
      // A fact validated but overtaken by an earlier one (e.g. two signatures at once): nothing is written.
      log.warn('convention fact not applied', { cpas: state.cpas, event: event.type, error: err instanceof Error ? err.message : String(err) });
    }
    if (event.type !== 'horloge') written.set(event.id, lines);

    if (workflowInfo().continueAsNewSuggested && inbox.length === 0) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof convention>({ ...input, state, outbox });
    }
  }
}

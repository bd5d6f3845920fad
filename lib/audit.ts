/**
 * For auditors: replays an exported workflow history against the current code (proving the code
 * still takes the same decisions) and reads, from the history itself, every dossier line the
 * parcours wrote — each decision with its rule and legal basis.
 */
import { defaultPayloadConverter } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import type { DossierEntry } from '../domain/parcours';

type History = temporal.api.history.v1.IHistory;

export interface AuditReport {
  workflowId: string;
  events: number;
  /** Undefined when the replay matched the history. */
  replayError?: string;
  entries: DossierEntry[];
}

/**
 * The dossier lines the workflow wrote, in order, decoded from the history: the inputs of the
 * regular `ecrireDossier` activity (before patch `sanctions-selon-agw`) and the results of the
 * local `ecrireDossierLocal` (from it on), which its markers record.
 */
export function dossierEntriesOf(history: History): DossierEntry[] {
  const entries: DossierEntry[] = [];
  for (const event of history.events ?? []) {
    const attrs = event.activityTaskScheduledEventAttributes;
    if (attrs?.activityType?.name === 'ecrireDossier') {
      const payloads = attrs.input?.payloads ?? [];
      entries.push(...defaultPayloadConverter.fromPayload<DossierEntry[]>(payloads[1]));
    }
    entries.push(...localDossierEntriesOf(event));
  }
  return entries;
}

/** The name core gives the markers of local activities, and the keys of their details. */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

function localDossierEntriesOf(event: temporal.api.history.v1.IHistoryEvent): DossierEntry[] {
  const marker = event.markerRecordedEventAttributes;
  if (marker?.markerName !== LOCAL_ACTIVITY_MARKER || marker.failure) return [];
  const data = marker.details?.data?.payloads?.[0];
  const result = marker.details?.result?.payloads?.[0];
  if (!data || !result) return [];
  const { activity_type: type } = defaultPayloadConverter.fromPayload<{ activity_type?: string }>(data);
  return type === 'ecrireDossierLocal' ? defaultPayloadConverter.fromPayload<DossierEntry[]>(result) : [];
}

export async function audit(historyJson: unknown, workflowId: string, options: ReplayWorkerOptions): Promise<AuditReport> {
  const history = historyFromJSON(historyJson);
  let replayError: string | undefined;
  try {
    await Worker.runReplayHistory(options, history, workflowId);
  } catch (err) {
    replayError = err instanceof Error ? err.message : String(err);
  }
  return { workflowId, events: history.events?.length ?? 0, ...(replayError ? { replayError } : {}), entries: dossierEntriesOf(history) };
}

export function formatReport(r: AuditReport): string {
  const lines = [
    `Parcours ${r.workflowId} — ${r.events} events — replay: ${r.replayError ? `FAILED (${r.replayError})` : 'identical decisions with the current code'}`,
    '',
    ...r.entries.map((e) => `${String(e.seq).padStart(4)}  ${e.date}  ${e.kind.padEnd(18)} ${e.code.padEnd(28)} ${e.resume}${e.legalBasis ? `\n${' '.repeat(54)}↳ ${e.legalBasis.ruleId} — ${e.legalBasis.basis} [${e.legalBasis.regime}]` : ''}`),
  ];
  return lines.join('\n');
}

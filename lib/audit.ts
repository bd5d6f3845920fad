/**
 * For auditors: replays an exported workflow history against the current code (proving the code
 * still takes the same decisions) and reads, from the history itself, every dossier line the
 * parcours wrote — each decision with its rule and legal basis. Payloads are decoded with the
 * replay's codecs (lib/codec): the local keyring, or the codec server with an auditor's key.
 */
import { defaultPayloadConverter, type Payload, type PayloadCodec } from '@temporalio/common';
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

/** Applies the codecs in reverse, as the SDK decodes. */
async function decode(payloads: Payload[], codecs: PayloadCodec[]): Promise<Payload[]> {
  let decoded = payloads;
  for (const codec of [...codecs].reverse()) decoded = await codec.decode(decoded);
  return decoded;
}

/**
 * The dossier lines the workflow wrote, in order, decoded from the history: the inputs of the
 * regular `ecrireDossier` activity (before patch `sanctions-selon-agw`) and the results of the
 * local `ecrireDossierLocal` (from it on), which its markers record.
 */
export async function dossierEntriesOf(history: History, codecs: PayloadCodec[] = []): Promise<DossierEntry[]> {
  const entries: DossierEntry[] = [];
  for (const event of history.events ?? []) {
    const attrs = event.activityTaskScheduledEventAttributes;
    if (attrs?.activityType?.name === 'ecrireDossier') {
      const payloads = await decode((attrs.input?.payloads ?? []) as Payload[], codecs);
      entries.push(...defaultPayloadConverter.fromPayload<DossierEntry[]>(payloads[1]));
    }
    entries.push(...(await localDossierEntriesOf(event, codecs)));
  }
  return entries;
}

/** Every payload of the history (inputs, results, failures' encoded attributes…). */
function payloadsOf(history: History): Payload[] {
  const found: Payload[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object' || v instanceof Uint8Array) return;
    const o = v as Record<string, unknown>;
    if (o.metadata && typeof o.metadata === 'object' && o.data instanceof Uint8Array) found.push(o as Payload);
    else Object.values(o).forEach(walk);
  };
  walk(history.events);
  return found;
}

/** The name core gives the markers of local activities, and the keys of their details. */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

/** The marker's `data` is core's own record (in clear); its `result` went through the codecs. */
async function localDossierEntriesOf(event: temporal.api.history.v1.IHistoryEvent, codecs: PayloadCodec[]): Promise<DossierEntry[]> {
  const marker = event.markerRecordedEventAttributes;
  if (marker?.markerName !== LOCAL_ACTIVITY_MARKER || marker.failure) return [];
  const data = marker.details?.data?.payloads?.[0];
  const result = marker.details?.result?.payloads?.[0];
  if (!data || !result) return [];
  const { activity_type: type } = defaultPayloadConverter.fromPayload<{ activity_type?: string }>(data as Payload);
  if (type !== 'ecrireDossierLocal') return [];
  const [decoded] = await decode([result as Payload], codecs);
  return defaultPayloadConverter.fromPayload<DossierEntry[]>(decoded);
}

export async function audit(historyJson: unknown, workflowId: string, options: ReplayWorkerOptions): Promise<AuditReport> {
  const history = historyFromJSON(historyJson);
  const codecs = options.dataConverter?.payloadCodecs ?? [];
  let replayError: string | undefined;
  try {
    // A key missing from the keyring would surface from the replay as an encoded failure: say it plainly first.
    await decode(payloadsOf(history), codecs);
  } catch (err) {
    replayError = `the history cannot be decoded: ${err instanceof Error ? err.message : String(err)}`;
    return { workflowId, events: history.events?.length ?? 0, replayError, entries: [] };
  }
  try {
    await Worker.runReplayHistory(options, history, workflowId);
  } catch (err) {
    replayError = err instanceof Error ? err.message : String(err);
  }
  const entries = await dossierEntriesOf(history, codecs);
  return { workflowId, events: history.events?.length ?? 0, ...(replayError ? { replayError } : {}), entries };
}

export function formatReport(r: AuditReport): string {
  const lines = [
    `Parcours ${r.workflowId} — ${r.events} events — replay: ${r.replayError ? `FAILED (${r.replayError})` : 'identical decisions with the current code'}`,
    '',
    ...r.entries.map((e) => `${String(e.seq).padStart(4)}  ${e.date}  ${e.kind.padEnd(18)} ${e.code.padEnd(28)} ${e.resume}${e.legalBasis ? `\n${' '.repeat(54)}↳ ${e.legalBasis.ruleId} — ${e.legalBasis.basis} [${e.legalBasis.regime}]` : ''}`),
  ];
  return lines.join('\n');
}

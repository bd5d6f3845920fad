/**
 * A codec that asks the codec server (codec-server/) instead of holding keys: an auditor replays
 * a history with `npm run audit -- --codec-endpoint <url>` and an auditor's API key, and never
 * sees an encryption key. Each call is authenticated, and logged by the codec server.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import { payloadFromJson, payloadsBodySchema, payloadToJson } from './payloads-json';

export class RemoteCodec implements PayloadCodec {
  constructor(
    private readonly endpoint: string,
    private readonly apiKey: string,
    private readonly namespace = 'default',
  ) {}

  encode(payloads: Payload[]): Promise<Payload[]> {
    return this.call('encode', payloads);
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return this.call('decode', payloads);
  }

  private async call(operation: 'encode' | 'decode', payloads: Payload[]): Promise<Payload[]> {
    if (payloads.length === 0) return payloads;
    const res = await fetch(`${this.endpoint.replace(/\/+$/, '')}/${operation}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Namespace': this.namespace, Authorization: `Bearer ${this.apiKey}` },
      body: JSON.stringify({ payloads: payloads.map(payloadToJson) }),
    });
    if (!res.ok) throw new Error(`codec server ${this.endpoint}: /${operation} answered ${res.status} ${(await res.text()).slice(0, 300)}`);
    const body = payloadsBodySchema.parse(await res.json());
    if (body.payloads.length !== payloads.length) throw new Error(`codec server ${this.endpoint}: /${operation} answered ${body.payloads.length} payloads for ${payloads.length}`);
    return body.payloads.map(payloadFromJson);
  }
}

/**
 * A real SMTP server (smtp-server) that parses what it receives (mailparser), for tests that
 * must read the e-mails the product sends. It can refuse mail to simulate an outage.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  parsed: ParsedMail;
}

export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** Messages refused while `refuse(true)`: each is one delivery attempt the sender will retry. */
  refused = 0;
  private refusing = false;
  private pausedPort?: number;
  private readonly server: SMTPServer;
  private waiters: Array<() => void> = [];

  private constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        if (this.refusing) {
          this.refused++;
          stream.resume();
          stream.on('end', () => callback(Object.assign(new Error('Service unavailable'), { responseCode: 421 })));
          return;
        }
        simpleParser(stream)
          .then((parsed) => {
            this.received.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
              parsed,
            });
            this.waiters.splice(0).forEach((w) => w());
            callback();
          })
          .catch(callback);
      },
    });
  }

  static async start(): Promise<TestSmtpServer> {
    const s = new TestSmtpServer();
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    return s;
  }

  get port(): number {
    return this.pausedPort ?? (this.server.server.address() as AddressInfo).port;
  }

  refuse(on: boolean): void {
    this.refusing = on;
  }

  /** Closes the port, as an SMTP server that is down: connections are refused until `resume()`. */
  async pause(): Promise<void> {
    const port = this.port;
    await new Promise<void>((resolve) => this.server.server.close(() => resolve()));
    this.pausedPort = port;
  }

  /** Listens again on the same port. */
  async resume(): Promise<void> {
    const port = this.pausedPort;
    if (port === undefined) return;
    await new Promise<void>((resolve) => this.server.server.listen(port, '127.0.0.1', () => resolve()));
    this.pausedPort = undefined;
  }

  /** Resolves with the first message matching `predicate`, waiting for it if need be. */
  async waitFor(predicate: (m: ReceivedMail) => boolean, timeoutMs = 30_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching e-mail within ${timeoutMs} ms; received: ${this.received.map((m) => m.subject).join(', ') || 'none'}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

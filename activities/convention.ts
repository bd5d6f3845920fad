/**
 * The convention workflow's activities: its journal lines, and the e-mails to its two contact
 * persons, rendered by the same templates as every e-mail (activities/mail/templates.ts) and
 * recorded in the convention's journal once sent.
 */
import type { Transporter } from 'nodemailer';
import type { ConventionEmail, JournalLine } from '../domain/convention';
import { toConventionLine, type ConventionStore } from '../lib/convention-store';
import { messageKey } from '../lib/dossier-store';
import { messageIdOf } from './email';
import { render } from './mail/templates';

export interface ConventionActivityDeps {
  conventions: ConventionStore;
  transport: Transporter;
  from: string;
}

export function createConventionActivities({ conventions, transport, from }: ConventionActivityDeps) {
  return {
    async ecrireJournalConvention(cpas: string, lines: JournalLine[]): Promise<number> {
      return conventions.append(cpas, lines.map(toConventionLine));
    },

    /** Sends once: a retried call after the line is recorded sends nothing (the Message-ID is the key's). */
    async envoyerEmailConvention(cpas: string, intent: ConventionEmail): Promise<'envoye' | 'dejaEnvoye'> {
      const key = messageKey(intent.key);
      if (conventions.has(cpas, key)) return 'dejaEnvoye';
      const to = { nom: intent.destinataire.nom, salutation: intent.destinataire.nom, email: intent.destinataire.email };
      const mail = render(intent, to);
      const messageId = messageIdOf(intent);
      await transport.sendMail({ from, to: { name: to.nom, address: to.email }, subject: mail.subject, text: mail.text, html: mail.html, messageId, headers: { 'Content-Language': 'fr-BE' } });
      conventions.append(cpas, [
        { key, date: intent.date, code: `email.${intent.template}`, resume: `E-mail envoyé (${to.nom}) : ${mail.subject}`, ruleId: intent.legalBasis.ruleId, basis: intent.legalBasis.basis, data: { messageId, template: intent.template } },
      ]);
      return 'envoye';
    },
  };
}

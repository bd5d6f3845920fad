import { ApplicationFailure } from '@temporalio/activity';
import type { Transporter } from 'nodemailer';
import type { EmailIntent } from '../domain/parcours';
import type { CpasRegistry } from '../lib/cpas-registry';
import { messageKey, type DossierStore } from '../lib/dossier-store';
import { render } from './mail/templates';

export interface EmailDeps {
  transport: Transporter;
  registry: CpasRegistry;
  store: DossierStore;
  from: string;
}

/** The Message-ID is derived from the (parcours, event) key, so a retried send is recognisable. */
export function messageIdOf(intent: EmailIntent): string {
  return `<${intent.key}@parcours.forem.invalid>`;
}

export function createEmailActivities({ transport, registry, store, from }: EmailDeps) {
  return {
    /**
     * Sends one e-mail to the CPAS contact and records it in the dossier. An SMTP failure throws
     * and Temporal retries; once recorded, a replayed call sends nothing.
     */
    async envoyerEmail(parcoursId: string, intent: EmailIntent): Promise<'envoye' | 'dejaEnvoye'> {
      const key = messageKey(intent.key);
      if (store.has(parcoursId, key)) return 'dejaEnvoye';
      const cpas = registry.get(intent.cpas);
      if (!cpas) throw ApplicationFailure.nonRetryable(`CPAS ${intent.cpas} absent du registre`, 'CpasInconnu');
      const mail = render(intent, cpas);
      const messageId = messageIdOf(intent);
      await transport.sendMail({ from, to: `"${cpas.nom}" <${cpas.contact.email}>`, subject: mail.subject, text: mail.text, html: mail.html, messageId });
      store.append(parcoursId, [
        {
          key,
          date: intent.date,
          kind: 'message',
          code: `email.${intent.template}`,
          resume: `E-mail envoyé au ${cpas.nom} : ${mail.subject}`,
          ...(intent.legalBasis ? { ruleId: intent.legalBasis.ruleId, basis: intent.legalBasis.basis, regime: intent.legalBasis.regime } : {}),
          data: { messageId, destinataire: cpas.contact.email, template: intent.template },
        },
      ]);
      return 'envoye';
    },
  };
}

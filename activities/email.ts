import { ApplicationFailure } from '@temporalio/activity';
import type { Transporter } from 'nodemailer';
import type { EmailIntent } from '../domain/parcours';
import type { CpasRegistry } from '../lib/cpas-registry';
import { messageKey, type DossierStore } from '../lib/dossier-store';
import { lienDemande, render, type Demande, type Recipient } from './mail/templates';

export interface EmailDeps {
  transport: Transporter;
  registry: CpasRegistry;
  store: DossierStore;
  from: string;
  /** Address of the Service contrôle (art. 30 §3 transmissions). */
  serviceControle: string;
  /** The portal's public address (PARCOURS_PUBLIC_URL): e-mails to a CPAS link to the request's page. */
  publicUrl: string;
}

/** The Message-ID is derived from the (parcours, event) key, so a retried send is recognisable. */
export function messageIdOf(intent: Pick<EmailIntent, 'key'>): string {
  return `<${intent.key}@parcours.forem.invalid>`;
}

/**
 * The request an e-mail to a CPAS is about: as the workflow named it (patch
 * `emails-cpas-nominatifs`), else the reference its data carries (e-mails decided before).
 */
function demandeOf(intent: EmailIntent, publicUrl: string): Demande | undefined {
  if (intent.destinataire.type !== 'cpas') return undefined;
  const reference = intent.concerne?.reference ?? (typeof intent.data.reference === 'string' ? intent.data.reference : undefined);
  if (!reference) return undefined;
  return { reference, personne: intent.concerne?.personne ?? (typeof intent.data.beneficiaire === 'string' ? intent.data.beneficiaire : null), lien: lienDemande(publicUrl, reference) };
}

export function createEmailActivities({ transport, registry, store, from, serviceControle, publicUrl }: EmailDeps) {
  const recipientOf = (intent: EmailIntent): Recipient => {
    if (intent.destinataire.type === 'serviceControle') return { nom: 'Service contrôle', salutation: 'Service contrôle', email: serviceControle };
    const cpas = registry.get(intent.destinataire.cpas);
    if (!cpas) throw ApplicationFailure.nonRetryable(`CPAS ${intent.destinataire.cpas} absent du registre`, 'CpasInconnu');
    return { nom: cpas.nom, salutation: cpas.contact.nom, email: cpas.contact.email };
  };

  return {
    /**
     * Sends one e-mail and records it in the dossier. An SMTP failure throws and Temporal retries
     * until SMTP is back; once recorded, a repeated call sends nothing.
     */
    async envoyerEmail(parcoursId: string, intent: EmailIntent): Promise<'envoye' | 'dejaEnvoye'> {
      const key = messageKey(intent.key);
      if (await store.has(parcoursId, key)) return 'dejaEnvoye';
      const to = recipientOf(intent);
      const demande = demandeOf(intent, publicUrl);
      const mail = render(intent, to, demande);
      const messageId = messageIdOf(intent);
      // A rectification names the message it corrects, so a mail client threads them (spec §11).
      const references = intent.references ? messageIdOf({ key: intent.references }) : undefined;
      await transport.sendMail({ from, to: { name: to.nom, address: to.email }, subject: mail.subject, text: mail.text, html: mail.html, messageId, ...(references ? { references, inReplyTo: references } : {}), headers: { 'Content-Language': 'fr-BE' } });
      await store.append(parcoursId, [
        {
          key,
          date: intent.date,
          kind: 'message',
          code: `email.${intent.template}`,
          resume: `E-mail envoyé (${to.nom}) : ${mail.subject}`,
          ...(intent.legalBasis ? { ruleId: intent.legalBasis.ruleId, basis: intent.legalBasis.basis, regime: intent.legalBasis.regime } : {}),
          // The CPAS's number says whose e-mail it is: a CPAS that filed a request reads the ones it got (spec §10).
          // The request it named: the requesting CPAS reads its e-mails with its request (spec §10). The name only on a
          // rejection: a later run of the person's workflow reads it there to tell that CPAS of the registration
          // (domain/parcours/nommer.ts); anywhere else the dossier needs no copy of it.
          data: {
            messageId,
            destinataire: to.email,
            template: intent.template,
            ...(intent.destinataire.type === 'cpas' ? { cpas: intent.destinataire.cpas } : {}),
            ...(references ? { references } : {}),
            ...(demande ? { reference: demande.reference, ...(demande.personne && intent.template === 'demande-rejetee' ? { personne: demande.personne } : {}) } : {}),
          },
        },
      ]);
      return 'envoye';
    },
  };
}

/**
 * The convention workflow's activities: its journal lines, and the e-mails to its two contact
 * persons, rendered by the same templates as every e-mail (activities/mail/templates.ts) and
 * recorded in the convention's journal once sent.
 */
import type { Transporter } from 'nodemailer';
import type { ConventionEmail, JournalLine } from '../domain/convention';
import { toConventionLine, type ConventionStore } from '../lib/convention-store';
import { messageKey } from '../lib/dossier-store';
import type { MonitoringStore } from '../lib/monitoring';
import { messageIdOf } from './email';
import { render } from './mail/templates';

export interface ConventionActivityDeps {
  conventions: ConventionStore;
  /** The year's figures joined to each evaluation reminder (spec §12 Decision). */
  monitoring: MonitoringStore;
  transport: Transporter;
  from: string;
}

/** The figures the reminder carries, read when it is sent so that they are those of that day. */
async function chiffresDuRappel(monitoring: MonitoringStore, cpas: string, data: ConventionEmail['data']): Promise<ConventionEmail['data']> {
  if (typeof data.periodeDu !== 'string' || typeof data.periodeAu !== 'string') return {};
  const m = await monitoring.figures(cpas, data.periodeDu, data.periodeAu);
  return {
    chiffresPersonnes: m.personnesOrientees,
    chiffresDemandes: m.demandes,
    chiffresTraitees: m.issues.traitees,
    chiffresRejetees: m.issues.rejetees,
    chiffresDelai: m.delaiRendezVous.medianeJours === null ? 'moins de cinq demandes traitées' : `${m.delaiRendezVous.medianeJours} jours (90e centile : ${m.delaiRendezVous.p90Jours} jours)`,
    chiffresAvertissements: m.avertissementsAbsence,
    chiffresSuspensions: m.suspensions,
    chiffresReprises: m.demandesReprise,
  };
}

export function createConventionActivities({ conventions, monitoring, transport, from }: ConventionActivityDeps) {
  return {
    async ecrireJournalConvention(cpas: string, lines: JournalLine[]): Promise<number> {
      return conventions.append(cpas, lines.map(toConventionLine));
    },

    /** Sends once: a retried call after the line is recorded sends nothing (the Message-ID is the key's). */
    async envoyerEmailConvention(cpas: string, intent: ConventionEmail): Promise<'envoye' | 'dejaEnvoye'> {
      const key = messageKey(intent.key);
      if (await conventions.has(cpas, key)) return 'dejaEnvoye';
      const to = { nom: intent.destinataire.nom, salutation: intent.destinataire.nom, email: intent.destinataire.email };
      const data = intent.template === 'convention-rappel-evaluation' ? { ...intent.data, ...(await chiffresDuRappel(monitoring, cpas, intent.data)) } : intent.data;
      const mail = render({ ...intent, data }, to);
      const messageId = messageIdOf(intent);
      await transport.sendMail({ from, to: { name: to.nom, address: to.email }, subject: mail.subject, text: mail.text, html: mail.html, messageId, headers: { 'Content-Language': 'fr-BE' } });
      await conventions.append(cpas, [
        { key, date: intent.date, code: `email.${intent.template}`, resume: `E-mail envoyé (${to.nom}) : ${mail.subject}`, ruleId: intent.legalBasis.ruleId, basis: intent.legalBasis.basis, data: { messageId, template: intent.template } },
      ]);
      return 'envoye';
    },
  };
}

/**
 * How the workflows call their activities, in one place: journal writes are short and retried
 * quickly; an e-mail is retried without limit, because its recipient (a CPAS, the Service
 * contrôle, a convention's contact persons) must get it once SMTP is back.
 */
import type { ActivityOptions } from '@temporalio/workflow';

export const JOURNAL_WRITE: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
};

export const EMAIL_UNTIL_DELIVERED: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
};

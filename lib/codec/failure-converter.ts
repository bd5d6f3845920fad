/**
 * Loaded by path (DataConverter.failureConverterPath) in the worker, in the workflow bundle and
 * in every client: a failure's message and stack trace go into an encoded payload, which the
 * codec encrypts. A refusal or an error naming a person then stays out of Temporal in clear.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });

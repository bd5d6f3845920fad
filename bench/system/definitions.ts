/** The Update the yardstick workflows answer, shared by their worker and the load generator. */
import { defineUpdate } from '@temporalio/workflow';

export const toucher = defineUpdate<number, [number]>('toucher');

export * from './model';
export * from './events';
export * from './echeances';
export { decide, refusalAt, isFinished, type ConventionDecision } from './decide';
export { viewOf as conventionViewOf, type ConventionView } from './view';

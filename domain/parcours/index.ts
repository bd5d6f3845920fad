export * from './model';
export * from './events';
export * from './decide';
export * from './view';
export { ouvertAuxFaitsTardifsJusqua } from './rectification';
export { TYPES_ACCOMPAGNEMENT, typesPermis } from './accompagnement';
export { agePension, rendezVousAuPlusTot } from './lifecycle';
export { repriseCpasPossibleLe } from './demande';

export * from './model';
export * from './events';
export * from './decide';
export * from './view';
export { TYPES_ACCOMPAGNEMENT, typesPermis } from './accompagnement';
export { repriseCpasPossibleLe, rendezVousAuPlusTot } from './lifecycle';

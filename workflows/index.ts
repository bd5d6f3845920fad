export { parcours } from './parcours';
export { retention } from './retention';

export { parcours } from './parcours';
export { retention } from './retention';
export { convention } from './convention';

export { parcours } from './parcours';

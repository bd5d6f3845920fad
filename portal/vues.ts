/** The portal's templates (nunjucks, autoescaped) and the values every page gets. */
import fs from 'node:fs';
import path from 'node:path';
import nunjucks from 'nunjucks';
import { BESOINS, dateFr, ETAPES, GENRES, instantFr, MODELES_EMAIL, NIVEAUX_ETUDES, SITUATIONS, STATUTS } from './libelles';

/** Beside this file in the repository; under /app/portal when run from dist/ in the image. */
export function dossierDe(nom: 'views' | 'static'): string {
  const here = path.resolve(__dirname, nom);
  return fs.existsSync(here) ? here : path.resolve(__dirname, '../../portal', nom);
}

export function environnement(): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(dossierDe('views'), { noCache: false }), { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  env.addFilter('dateFr', dateFr);
  env.addFilter('instantFr', instantFr);
  env.addGlobal('MODELES_EMAIL', MODELES_EMAIL);
  env.addGlobal('BESOINS', BESOINS);
  env.addGlobal('STATUTS', STATUTS);
  env.addGlobal('ETAPES', ETAPES);
  env.addGlobal('GENRES', GENRES);
  env.addGlobal('NIVEAUX_ETUDES', NIVEAUX_ETUDES);
  env.addGlobal('SITUATIONS', SITUATIONS);
  return env;
}

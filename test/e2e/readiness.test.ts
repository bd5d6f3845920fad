/** Readiness tells the truth: it fails when Temporal or the database cannot be reached. */
import path from 'node:path';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { createApp, createLogger } from '../../api/app';
import { ApiKeys } from '../../api/auth';
import { ParcoursGateway } from '../../api/parcours-gateway';
import { CpasRegistry } from '../../lib/cpas-registry';
import { DossierStore } from '../../lib/dossier-store';
import { IdempotencyStore } from '../../lib/idempotency-store';
import { ConventionGateway } from '../../api/convention-gateway';
import { ConventionStore } from '../../lib/convention-store';
import { DIALECTS, freshDatabase } from '../helpers/database';

describe.each(DIALECTS)('readiness (%s)', (dialect) => {
  it('is 503 naming Temporal and the database when neither answers', async () => {
    const database = await freshDatabase(dialect);
    const db = database.db;
    const connection = Connection.lazy({ address: '127.0.0.1:1', connectTimeout: 500 });
    const app = createApp({
      gateway: new ParcoursGateway(new Client({ connection }), 'parcours'),
      store: new DossierStore(db),
      idempotency: new IdempotencyStore(db),
      registry: CpasRegistry.fromFile(path.resolve(__dirname, '../../config/cpas.json')),
      conventions: { gateway: new ConventionGateway(new Client({ connection }), 'parcours', new ConventionStore(db)), store: new ConventionStore(db) },
      keys: new ApiKeys([]),
      db,
      pseudonymSecret: 's',
      logger: createLogger('silent'),
    });
    expect((await request(app).get('/v1/ready').expect(503)).body.checks.database).toBe('ok');
    await db.close();
    const res = await request(app).get('/v1/ready').expect(503);
    expect(res.body.status).toBe('unavailable');
    expect(res.body.checks.database).not.toBe('ok');
    expect(res.body.checks.temporal).not.toBe('ok');
    await request(app).get('/v1/health').expect(200);
    await connection.close().catch(() => undefined);
    await database.drop();
  });
});

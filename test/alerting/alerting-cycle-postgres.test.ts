import { afterAll, beforeAll, describe } from 'vitest';
import { describeAlertingCycle } from '../../src/alerting/alerting-cycle-suite.js';
import { openStore } from '../../src/store/index.js';
import { postgresMissingReason, startPostgres, type PostgresServer } from '../helpers/postgres-server.js';
import { dropAllTables } from '../helpers/postgres-tables.js';

if (postgresMissingReason) console.warn(`[alerting-cycle-postgres] skipping the alerting cycle on a real PostgreSQL: ${postgresMissingReason}`);

describe.skipIf(postgresMissingReason !== undefined)('alerting on PostgreSQL', () => {
  let server: PostgresServer;
  let url = '';

  beforeAll(async () => {
    server = await startPostgres();
    url = await server.createDatabase('alerting');
  });

  afterAll(async () => {
    await server?.stop();
  });

  describeAlertingCycle('PostgreSQL', {
    reset: () => dropAllTables(url),
    open: () => openStore(url),
  });
});

import { afterAll, beforeAll, describe } from 'vitest';
import { describeAlertStoreContract } from '../../src/store/alert-store-contract.js';
import { openStore } from '../../src/store/open-store.js';
import { postgresMissingReason, startPostgres, type PostgresServer } from '../helpers/postgres-server.js';
import { dropAllTables } from '../helpers/postgres-tables.js';

if (postgresMissingReason) console.warn(`[postgres-alert-store] skipping the real-PostgreSQL alert store tests: ${postgresMissingReason}`);

describe.skipIf(postgresMissingReason !== undefined)('PostgreSQL alert store', () => {
  let server: PostgresServer;
  let url = '';

  beforeAll(async () => {
    server = await startPostgres();
    url = await server.createDatabase('alerts', { icuLocale: 'en-US' });
  });

  afterAll(async () => {
    await server?.stop();
  });

  describeAlertStoreContract('PostgreSQL', {
    reset: () => dropAllTables(url),
    open: () => openStore(url),
  });
});

import pg from 'pg';

/**
 * Empties a test database: drops the public schema with every table any migration created, and
 * the store re-creates them when it next opens.
 */
export async function dropAllTables(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  } finally {
    await client.end();
  }
}

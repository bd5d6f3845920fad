/**
 * The databases a process-level test runs the product on, by their PARCOURS_DATABASE_URL.
 * `url()` gives a fresh database for one test file; undefined means the stack's own SQLite file.
 */
export interface TestDatabase {
  label: string;
  url: () => Promise<string | undefined>;
}

/** The scale-out test's: the database of production when the test run has one, else SQLite. */
export function scaleOutDatabases(): TestDatabase[] {
  return [{ label: 'SQLite', url: async () => undefined }];
}

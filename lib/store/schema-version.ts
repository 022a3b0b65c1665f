/**
 * A store whose schema is newer than this code: a newer Packtrail migrated it. Such a store is
 * read, never written. During a rolling deploy the replicas still on the older version would
 * otherwise keep storing events without the rollups the newer version added, which stay short of
 * those events for good.
 */
export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
}

/** At open: the store was migrated by a newer Packtrail before this one started. */
export function tooNewToOpen(store: string, found: number, known: number): SchemaTooNewError {
  return new SchemaTooNewError(`${store}: the schema is version ${found}, newer than this Packtrail's ${known}; run the newer Packtrail`);
}

/** While running: a newer Packtrail migrated the store meanwhile (a rolling deploy). */
export function tooNewToWrite(store: string, found: number, known: number): SchemaTooNewError {
  return new SchemaTooNewError(
    `${store}: a newer Packtrail migrated the schema to version ${found} while this one (version ${known}) ran; ` +
      'this process stores no more events and leaves the sync to a replica of the newer version. Restart it on the newer version.',
  );
}

// The cursor is the (eventTime, eventId) of the last row served: ties in time are ordered by
// id, so paging neither repeats nor skips rows that share a timestamp.

export interface CursorKey {
  time: number;
  eventId: string;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.time, key.eventId]), 'utf8').toString('base64url');
}

export const INVALID_CURSOR = 'cursor is not one this server issued; start again without cursor';

/** The key a cursor stands for, or null when it is not one this server issued. */
export function decodeCursor(cursor: string): CursorKey | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && Number.isSafeInteger(value[0]) && typeof value[1] === 'string' && value[1].length <= 256) {
      return { time: value[0], eventId: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  return null;
}

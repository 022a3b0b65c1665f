'use client';

import { useState, type KeyboardEvent } from 'react';

/**
 * The timeline's keyboard path, doing what the mouse does: arrows move a cursor over the buckets,
 * Shift+arrows widen it into a span (a drag), Home/End jump, Enter zooms to the span (or narrows to
 * the one bucket, as a click does), Escape lets go.
 */
export function useChartKeys(count: number, zoom: (a: number, b: number) => void) {
  const [cursor, setCursor] = useState<{ anchor: number; at: number } | null>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    if (count === 0) return;
    const at = cursor?.at ?? count - 1;
    const step: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, PageUp: -10, PageDown: 10, Home: -count, End: count };
    if (e.key in step) {
      e.preventDefault();
      const next = cursor ? Math.max(0, Math.min(count - 1, at + step[e.key])) : at;
      setCursor({ anchor: e.shiftKey && cursor ? cursor.anchor : next, at: next });
    } else if (e.key === 'Enter' && cursor) {
      e.preventDefault();
      setCursor(null);
      zoom(cursor.anchor, cursor.at);
    } else if (e.key === 'Escape' && cursor) {
      e.preventDefault();
      setCursor(null);
    }
  };
  return { cursor, onKeyDown, onBlur: () => setCursor(null) };
}

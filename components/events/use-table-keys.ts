'use client';

import { useEffect } from 'react';
import { FOCUS_TABLE_EVENT, SEARCH_INPUT_ID } from '@/components/filters/filter-bar';

// Keyboard for the events page: `/` focuses the search box; ArrowUp/ArrowDown move the selected
// row and Enter opens it, whenever the keyboard is not busy typing into a field.

const TYPING = 'input:not([type=checkbox]):not([type=radio]), textarea, select, [contenteditable="true"]';

export function useTableKeys(opts: { count: number; active: number | null; setActive(i: number | null): void; open(i: number): void; focusTable(): void }) {
  const { count, active, setActive, open, focusTable } = opts;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      if (target?.closest(TYPING)) return;
      if (e.key === '/') {
        e.preventDefault();
        document.getElementById(SEARCH_INPUT_ID)?.focus();
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        if (!count || target?.closest('[role=dialog], .popover-panel')) return;
        e.preventDefault();
        const next = active === null ? 0 : e.key === 'ArrowDown' ? Math.min(active + 1, count - 1) : Math.max(active - 1, 0);
        setActive(next);
      } else if (e.key === 'Enter' && active !== null && !target?.closest('a, button')) {
        e.preventDefault();
        open(active);
      }
    };
    const onFocusTable = () => {
      if (!count) return;
      setActive(active ?? 0);
      focusTable();
    };
    document.addEventListener('keydown', onKey);
    window.addEventListener(FOCUS_TABLE_EVENT, onFocusTable);
    return () => {
      document.removeEventListener('keydown', onKey);
      window.removeEventListener(FOCUS_TABLE_EVENT, onFocusTable);
    };
  }, [count, active, setActive, open, focusTable]);
}

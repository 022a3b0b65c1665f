'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * A button that opens a small panel below it; Escape, a click elsewhere or tabbing out closes it.
 * Escape hands focus back to the button, so a keyboard user is never left on the page's body.
 */
export function Popover({ label, active = false, children, align = 'start' }: { label: ReactNode; active?: boolean; children: ReactNode; align?: 'start' | 'end' }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      if (root.current?.contains(document.activeElement)) button.current?.focus();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div
      className="popover"
      ref={root}
      onBlur={(e) => {
        if (e.relatedTarget && !e.currentTarget.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <button ref={button} type="button" className={`control${active ? ' control-active' : ''}`} aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        <span className="control-label">{label}</span> <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div id={id} className={`popover-panel popover-${align}`}>
          {children}
        </div>
      )}
    </div>
  );
}

'use client';

import { useEffect, useId, useState, type KeyboardEvent } from 'react';

/**
 * A text box that applies on Enter or when it loses focus, never per keystroke (each apply is a
 * server render). `validate` gives inline feedback while typing; an invalid value is not applied.
 */
export function TextFilter({ label, value, onApply, placeholder, validate, mono = false, id, onKeyDown, width }: {
  label: string;
  value: string | null;
  onApply(value: string): void;
  placeholder?: string;
  validate?(value: string): string | null;
  mono?: boolean;
  id?: string;
  onKeyDown?(e: KeyboardEvent<HTMLInputElement>): void;
  width?: number;
}) {
  const [text, setText] = useState(value ?? '');
  const errorId = useId();
  // Back/forward or a chip's × change the URL under the box: show what the URL says.
  useEffect(() => setText(value ?? ''), [value]);
  const error = text.trim() && validate ? validate(text.trim()) : null;
  const apply = () => {
    if (error || text.trim() === (value ?? '')) return;
    onApply(text.trim());
  };
  return (
    <span className="text-filter">
      <input
        id={id}
        className={`input${mono ? ' mono' : ''}`}
        style={width ? { width } : undefined}
        type="search"
        aria-label={label}
        placeholder={placeholder ?? label}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply();
          onKeyDown?.(e);
        }}
      />
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

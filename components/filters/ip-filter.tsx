'use client';

import { useId, useState } from 'react';
import { parseIpFilter } from '@/lib/filters/ip';

/** Values typed at once: commas separate them (no address, CIDR or source name contains one). */
function valuesOf(text: string): string[] {
  return text.split(',').map((v) => v.trim()).filter(Boolean);
}

function problemWith(text: string): string | null {
  for (const value of valuesOf(text)) {
    const parsed = parseIpFilter(value);
    if ('error' in parsed) return parsed.error;
  }
  return null;
}

/**
 * Source addresses, CIDRs or literals to keep ("is", the `ip` list: any of them) or to leave out
 * ("is not", `notIp`). Enter adds what the box holds (several values separated by commas) to the
 * chosen list and empties the box; the values then live in the URL and show as chips.
 */
export function IpFilter({ ip, notIp, onChange }: { ip: string[]; notIp: string[]; onChange(next: { ip: string[]; notIp: string[] }): void }) {
  const [text, setText] = useState('');
  const [exclude, setExclude] = useState(false);
  const errorId = useId();
  const error = text.trim() ? problemWith(text) : null;
  const add = () => {
    const values = valuesOf(text);
    if (error || !values.length) return;
    const [target, other] = exclude ? [notIp, ip] : [ip, notIp];
    // A value moves between the lists rather than standing in both ("is X and is not X" is empty).
    const nextTarget = [...target, ...values.filter((v) => !target.includes(v))];
    const nextOther = other.filter((v) => !values.includes(v));
    onChange(exclude ? { ip: nextOther, notIp: nextTarget } : { ip: nextTarget, notIp: nextOther });
    setText('');
  };
  return (
    <span className="ip-filter">
      <select className="control ip-mode" aria-label="Source IP match" value={exclude ? 'not' : 'is'} onChange={(e) => setExclude(e.target.value === 'not')}>
        <option value="is">IP is</option>
        <option value="not">IP is not</option>
      </select>
      <span className="text-filter">
        <input
          className="input mono"
          style={{ width: 190 }}
          type="search"
          aria-label="Source IP or CIDR"
          placeholder={exclude ? 'Leave out IPs / CIDRs' : 'Source IP / CIDR'}
          title="An address, a CIDR, or a source such as AWS Internal; separate several with commas. Enter adds them."
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') add();
          }}
        />
        {error && (
          <span id={errorId} className="field-error" role="alert">
            {error}
          </span>
        )}
      </span>
      {text.trim() && !error && (
        <button type="button" className="control" onClick={add}>
          {exclude ? 'Leave out' : 'Add'}
        </button>
      )}
    </span>
  );
}

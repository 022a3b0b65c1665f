'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isValidZone, type TimeMode } from '@/lib/explorer/time-format';
import { TIME_MODE_COOKIE, ZONE_COOKIE } from './time-cookies';

// The viewer's time zone and the UTC/local choice. Both live in cookies, so the server renders
// the same text the browser will (no flash, no hydration mismatch) from the second visit on.


interface TimeZoneValue {
  mode: TimeMode;
  /** The zone times are shown in: 'UTC', or the browser's IANA zone. */
  zone: string;
  setMode(mode: TimeMode): void;
}

const Context = createContext<TimeZoneValue>({ mode: 'utc', zone: 'UTC', setMode: () => {} });

function writeCookie(name: string, value: string) {
  document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=31536000; samesite=lax`;
}

export function TimeZoneProvider({ initialMode, initialZone, children }: { initialMode: TimeMode; initialZone: string | null; children: ReactNode }) {
  const [mode, setModeState] = useState<TimeMode>(initialMode);
  const [localZone, setLocalZone] = useState<string>(isValidZone(initialZone) ? initialZone : 'UTC');

  useEffect(() => {
    const detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (isValidZone(detected) && detected !== localZone) {
      setLocalZone(detected);
      writeCookie(ZONE_COOKIE, detected);
    }
  }, [localZone]);

  const setMode = useCallback((next: TimeMode) => {
    setModeState(next);
    writeCookie(TIME_MODE_COOKIE, next);
  }, []);

  const value = useMemo(() => ({ mode, zone: mode === 'utc' ? 'UTC' : localZone, setMode }), [mode, localZone, setMode]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useTimeZone(): TimeZoneValue {
  return useContext(Context);
}

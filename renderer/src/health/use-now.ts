import { useEffect, useState } from 'react';

/** The time, updated every second while `ticking`, so countdowns move without refetching. */
export function useNow(ticking: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!ticking) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

/** "in 4 min 05 s" until an ISO time; "now" once it has passed. */
export function countdown(until: string, now: number): string {
  const seconds = Math.ceil((Date.parse(until) - now) / 1000);
  if (!(seconds > 0)) return 'now';
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  if (hours > 0) return `in ${hours} h ${String(minutes).padStart(2, '0')} min`;
  return minutes > 0 ? `in ${minutes} min ${rest} s` : `in ${seconds % 60} s`;
}

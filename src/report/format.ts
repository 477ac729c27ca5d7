// Numbers as the page shows them: counts with thousands separators, yuan from whole fen, durations and rates,
// in the page's language. Raw values travel beside them in data-value attributes (page.ts), never parsed back.
import { formatCount } from '../util/count.js';
import type { Labels } from './labels.js';

export function countText(n: number): string {
  return formatCount(n);
}

/** Whole fen → "1,234.56" (always two decimals: an amount of money). */
export function fenText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${formatCount(Math.floor(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
}

/** Seconds → "2 h 05 min", "12 min 03 s" or "45 s" (rounded to the second). */
export function durationText(seconds: number, labels: Labels): string {
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (h > 0) return `${formatCount(h)} ${labels.hours} ${pad(m)} ${labels.minutes}`;
  if (m > 0) return `${m} ${labels.minutes} ${pad(s)} ${labels.seconds}`;
  return `${s} ${labels.seconds}`;
}

/** part / whole as "48.6 %"; undefined when it cannot be computed (a missing count, or nobody to convert). */
export function rate(part: number | null, whole: number | null): number | undefined {
  if (part === null || whole === null || whole <= 0) return undefined;
  return part / whole;
}

export function percentText(value: number | undefined, labels: Labels): string {
  if (value === undefined) return labels.none;
  const text = (Math.round(value * 1000) / 10).toFixed(1);
  return labels.lang === 'en' ? `${text} %` : `${text}%`;
}

/** A width of a histogram bin in minutes, as a phrase: "5 min", "1 h". */
export function minutesText(minutes: number, labels: Labels): string {
  return minutes % 60 === 0 ? `${minutes / 60} ${labels.hours}` : `${minutes} ${labels.minutes}`;
}

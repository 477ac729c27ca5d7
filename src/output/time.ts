// Timestamps as ISO 8601 with the offset of --tz (2022-04-02T10:40:34+08:00), always to the whole second:
// one precision everywhere, though Polyv's millisecond times may carry a fraction. The zone's offset is looked up
// once per quarter hour of time rather than once per row: Intl formatting is the slow part of a large export.

export type TimeFormatter = (epochMs: number) => string;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function offsetMinutes(dtf: Intl.DateTimeFormat, epochMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of dtf.formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

/** Offset of `zone` at `epochMs`, in minutes east of UTC. */
export function zoneOffsetMinutes(zone: string, epochMs: number): number {
  return offsetMinutes(zoneFormat(zone), epochMs);
}

function zoneFormat(zone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return '+00:00';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * `zone`'s offset in minutes east of UTC, looked up once per quarter hour of time: every zone's offset changes on
 * an hour or half-hour boundary, a few on quarter hours, so the cache stays exact.
 */
export function zoneOffsetLookup(zone: string): (epochMs: number) => number {
  const dtf = zoneFormat(zone);
  const QUARTER_HOUR = 900_000;
  const cache = new Map<number, number>();
  return (epochMs) => {
    const bucket = Math.floor(epochMs / QUARTER_HOUR);
    let offset = cache.get(bucket);
    if (offset === undefined) {
      offset = offsetMinutes(dtf, bucket * QUARTER_HOUR);
      if (cache.size > 10_000) cache.clear();
      cache.set(bucket, offset);
    }
    return offset;
  };
}

export function createTimeFormatter(zone: string): TimeFormatter {
  const offsetAt = zoneOffsetLookup(zone);
  return (epochMs) => {
    const offset = offsetAt(epochMs);
    const local = new Date(Math.floor(epochMs / 1000) * 1000 + offset * 60_000);
    return (
      `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
      `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
      formatOffset(offset)
    );
  };
}

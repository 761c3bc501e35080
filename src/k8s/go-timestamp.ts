/**
 * YAML timestamps as go-yaml reads them: `time.Parse` with the four layouts go-yaml v2 and v3
 * try (`2006-1-2T15:4:5.999999999Z07:00`, the same with a lowercase `t`, `2006-1-2 15:4:5.999999999`
 * and `2006-1-2`), and the text Go's `time.Time.MarshalJSON` writes for the result (RFC 3339 with
 * nanoseconds, trailing zeros dropped, `Z` for a zero offset). Kustomize reads resource files with
 * go-yaml v3, which turns a plain timestamp into that text; `kubectl apply -f` keeps the text.
 * Checked against kubectl in test/oracle/yaml-read/.
 */

/** A parsed timestamp: the wall clock as written and its offset from UTC in minutes. */
interface GoTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Fraction of a second as written, at most 9 digits (Go drops the rest). */
  fraction: string;
  offset: number;
}

// Go's getnum: one digit, or two when the second is a digit too.
const NUM = '(\\d\\d?)';
// `.` or `,` then any number of digits (Go takes a comma as the decimal separator too).
const FRACTION = '(?:[.,](\\d+))?';
const DATE = `^(\\d{4})-${NUM}-${NUM}`;
const WITH_ZONE = new RegExp(`${DATE}[Tt]${NUM}:${NUM}:${NUM}${FRACTION}(Z|[-+]\\d\\d:\\d\\d)$`);
const WITHOUT_ZONE = new RegExp(`${DATE} ${NUM}:${NUM}:${NUM}${FRACTION}$`);
const DATE_ONLY = new RegExp(`${DATE}$`);

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function zoneOffset(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === 'Z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 24 || minutes > 60) return undefined;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** The timestamp `text` denotes, or undefined when none of go-yaml's layouts accepts it. */
function parseGoTimestamp(text: string): GoTime | undefined {
  const m = WITH_ZONE.exec(text) ?? WITHOUT_ZONE.exec(text) ?? DATE_ONLY.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const offset = zoneOffset(m[8]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year) || hour > 23 || minute > 59 || second > 59 || offset === undefined) return undefined;
  return { year, month, day, hour, minute, second, fraction: (m[7] ?? '').slice(0, 9), offset };
}

/** True when go-yaml reads plain `text` as a timestamp. */
export function isGoTimestamp(text: string): boolean {
  return parseGoTimestamp(text) !== undefined;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * The JSON text Go writes for the timestamp `text` (`2001-12-14` → `2001-12-14T00:00:00Z`), or
 * undefined when it is not a timestamp.
 */
export function goTimestampJson(text: string): string | undefined {
  const t = parseGoTimestamp(text);
  if (!t) return undefined;
  const fraction = t.fraction.replace(/0+$/, '');
  const abs = Math.abs(t.offset);
  const zone = t.offset === 0 ? 'Z' : `${t.offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${fraction ? `.${fraction}` : ''}${zone}`;
}

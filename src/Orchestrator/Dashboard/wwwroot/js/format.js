// Dates are shown in the reader's time zone, with the exact instant (UTC) in the tooltip.

const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const units = [['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];

export function fromNow(iso, now = Date.now()) {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'second') return relative.format(Math.trunc(seconds / size), unit);
  }
  return '';
}

export function duration(milliseconds) {
  let seconds = Math.max(0, Math.round(milliseconds / 1000));
  const parts = [];
  for (const [unit, size] of units) {
    const amount = Math.floor(seconds / size);
    if (amount > 0 || (unit === 'second' && parts.length === 0)) parts.push(`${amount} ${unit}${amount === 1 ? '' : 's'}`);
    seconds -= amount * size;
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/** "hh:mm:ss" or "d.hh:mm:ss" (a .NET TimeSpan) in milliseconds. */
export function timeSpan(text) {
  const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(text ?? '');
  if (!match) return null;
  const [, days, hours, minutes, seconds] = match;
  return (((Number(days ?? 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
}

/** A <time> element, or a dash for no value. */
export function time(iso, { withRelative = false } = {}) {
  if (!iso) return document.createTextNode('—');
  const date = new Date(iso);
  const element = document.createElement('time');
  element.dateTime = date.toISOString();
  element.title = date.toISOString();
  element.textContent = absolute.format(date) + (withRelative ? ` (${fromNow(iso)})` : '');
  return element;
}

/** For a datetime-local input: the instant in local time, to the minute. */
export function toLocalInput(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 16);
}

export function fromLocalInput(value) {
  return value ? new Date(value).toISOString() : '';
}

export function shortId(id) {
  return String(id).slice(0, 8);
}

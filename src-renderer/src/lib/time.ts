const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();

// Made once: toLocaleTimeString and toLocaleDateString with options build a new formatter at each
// call (about half a millisecond here), and a history row formats its time as it scrolls into view.
const hourMinute = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const dayMonthYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const weekdayDayMonth = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
});
const weekdayDayMonthYear = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "14:05" today, "3 Nov 14:05" this year, else "3 Nov 2025". */
export function shortTime(epoch: number): string {
  const d = new Date(epoch * 1000);
  const now = new Date();
  const time = hourMinute.format(d);
  if (sameDay(d, now)) return time;
  if (d.getFullYear() === now.getFullYear()) return `${dayMonth.format(d)} ${time}`;
  return dayMonthYear.format(d);
}

export const fullTime = (epoch: number): string => new Date(epoch * 1000).toLocaleString();

/** "Today", "Yesterday", "Monday 3 November", or with the year when not this year: a day separator. */
export function dayLabel(epoch: number): string {
  const d = new Date(epoch * 1000);
  const now = new Date();
  if (sameDay(d, now)) return 'Today';
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (sameDay(d, yesterday)) return 'Yesterday';
  return (d.getFullYear() === now.getFullYear() ? weekdayDayMonth : weekdayDayMonthYear).format(d);
}

/** Whether two epochs fall on the same local day. */
export const sameDayEpoch = (a: number, b: number): boolean =>
  sameDay(new Date(a * 1000), new Date(b * 1000));

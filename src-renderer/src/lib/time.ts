const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();

/** "14:05" today, "3 Nov 14:05" this year, else "3 Nov 2025". */
export function shortTime(epoch: number): string {
  const d = new Date(epoch * 1000);
  const now = new Date();
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (sameDay(d, now)) return time;
  if (d.getFullYear() === now.getFullYear())
    return `${d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`;
  return d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

export const fullTime = (epoch: number): string => new Date(epoch * 1000).toLocaleString();

/** "Today", "Yesterday", "Monday 3 November", or with the year when not this year: a day separator. */
export function dayLabel(epoch: number): string {
  const d = new Date(epoch * 1000);
  const now = new Date();
  if (sameDay(d, now)) return 'Today';
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (sameDay(d, yesterday)) return 'Yesterday';
  return d.toLocaleDateString(undefined, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(d.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
}

/** Whether two epochs fall on the same local day. */
export const sameDayEpoch = (a: number, b: number): boolean =>
  sameDay(new Date(a * 1000), new Date(b * 1000));

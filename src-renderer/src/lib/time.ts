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

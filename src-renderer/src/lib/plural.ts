/** "1 message", "100,000 messages": counts as a person reads them. */
export const plural = (n: number, word: string): string =>
  `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

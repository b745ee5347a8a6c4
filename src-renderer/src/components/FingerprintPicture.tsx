/**
 * A 5x5 mirrored picture drawn from the fingerprint bytes alone (like an
 * identicon): two people can compare it at a glance beside the digits.
 */
export function FingerprintPicture({ hex, size = 75 }: { hex: string; size?: number }) {
  const bytes = (hex.match(/../g) ?? []).map((b) => Number.parseInt(b, 16));
  const hue = (((bytes[15] ?? 0) << 8) | (bytes[16] ?? 0)) % 360;
  const cells: { x: number; y: number }[] = [];
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 3; x++) {
      const bit = ((bytes[17 + y] ?? 0) >> x) & 1;
      if (bit) {
        cells.push({ x, y });
        if (x < 2) cells.push({ x: 4 - x, y });
      }
    }
  }
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 5 5"
      role="img"
      aria-label="Fingerprint picture"
      shapeRendering="crispEdges"
    >
      <rect width="5" height="5" fill={`hsl(${hue} 30% 92%)`} />
      {cells.map((c) => (
        <rect key={`${c.x},${c.y}`} x={c.x} y={c.y} width="1" height="1" fill={`hsl(${hue} 60% 40%)`} />
      ))}
    </svg>
  );
}

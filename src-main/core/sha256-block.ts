/**
 * The SHA-256 compression function (FIPS 180-4) over 32-bit words, for the hot
 * path: the DRBG and HMAC call it about twenty times per message, so it works
 * in place on Int32Arrays and allocates nothing.
 */

export const SHA256_IV = Int32Array.of(
  0x6a09e667,
  0xbb67ae85 | 0,
  0x3c6ef372,
  0xa54ff53a | 0,
  0x510e527f,
  0x9b05688c | 0,
  0x1f83d9ab,
  0x5be0cd19,
);

const K = Int32Array.from(
  [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ],
  (x) => x | 0,
);

const W = new Int32Array(64);

/**
 * Compresses the 16 big-endian words at m[mo..mo+16) into the 8-word state at
 * st[so..so+8), in place.
 */
export function compress(st: Int32Array, so: number, m: Int32Array, mo: number): void {
  const w = W;
  for (let i = 0; i < 16; i++) w[i] = m[mo + i] as number;
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15] as number;
    const y = w[i - 2] as number;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (s1 + (w[i - 7] as number) + s0 + (w[i - 16] as number)) | 0;
  }
  let a = st[so] as number;
  let b = st[so + 1] as number;
  let c = st[so + 2] as number;
  let d = st[so + 3] as number;
  let e = st[so + 4] as number;
  let f = st[so + 5] as number;
  let g = st[so + 6] as number;
  let h = st[so + 7] as number;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + (g ^ (e & (f ^ g))) + (K[i] as number) + (w[i] as number)) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) | (c & (a | b)))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  st[so] = ((st[so] as number) + a) | 0;
  st[so + 1] = ((st[so + 1] as number) + b) | 0;
  st[so + 2] = ((st[so + 2] as number) + c) | 0;
  st[so + 3] = ((st[so + 3] as number) + d) | 0;
  st[so + 4] = ((st[so + 4] as number) + e) | 0;
  st[so + 5] = ((st[so + 5] as number) + f) | 0;
  st[so + 6] = ((st[so + 6] as number) + g) | 0;
  st[so + 7] = ((st[so + 7] as number) + h) | 0;
}

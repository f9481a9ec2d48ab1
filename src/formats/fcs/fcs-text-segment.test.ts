import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWellFormedUtf8, parseFcsText } from './fcs-text-segment.ts';

const fatal = new TextDecoder('utf-8', { fatal: true });

/** The WHATWG decoder's verdict (the peer the UTF-8 check must agree with). */
function decoderAccepts(bytes: Uint8Array): boolean {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe('isWellFormedUtf8 agrees with a fatal TextDecoder', () => {
  it('on the boundary cases of Unicode Table 3-7', () => {
    const cases: number[][] = [
      [0x41],
      [0xc2, 0x80], // U+0080, smallest two-byte form
      [0xc1, 0xbf], // overlong
      [0xc0, 0x80], // overlong NUL
      [0xdf, 0xbf],
      [0xe0, 0xa0, 0x80], // U+0800
      [0xe0, 0x9f, 0xbf], // overlong
      [0xed, 0x9f, 0xbf], // U+D7FF
      [0xed, 0xa0, 0x80], // surrogate U+D800
      [0xef, 0xbf, 0xbd], // U+FFFD itself is fine
      [0xf0, 0x90, 0x80, 0x80], // U+10000
      [0xf0, 0x8f, 0xbf, 0xbf], // overlong
      [0xf4, 0x8f, 0xbf, 0xbf], // U+10FFFF
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
      [0xf5, 0x80, 0x80, 0x80],
      [0xff],
      [0x80], // lone continuation
      [0xe2, 0x82], // truncated at the end
      [0xf0, 0x9f, 0x98], // truncated at the end
      [0x2f, 0xc3, 0xa9, 0x2f], // "/é/"
      [0x2f, 0xaa, 0x2f], // CellQuest-style ISO-8859-1 byte
    ];
    for (const c of cases) {
      const bytes = new Uint8Array(c);
      expect(isWellFormedUtf8(bytes, 0, bytes.length), c.map((b) => b.toString(16)).join(' ')).toBe(
        decoderAccepts(bytes),
      );
    }
  });

  it('on random byte strings and on random valid text cut at random places', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(isWellFormedUtf8(bytes, 0, bytes.length)).toBe(decoderAccepts(bytes));
      }),
      { numRuns: 3000 },
    );
    const enc = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 24 }), fc.nat(), fc.nat(), (s, a, b) => {
        const bytes = enc.encode(s);
        const from = bytes.length ? a % bytes.length : 0;
        const to = from + (bytes.length - from ? b % (bytes.length - from + 1) : 0);
        expect(isWellFormedUtf8(bytes, from, to)).toBe(decoderAccepts(bytes.subarray(from, to)));
      }),
      { numRuns: 2000 },
    );
  });
});

/** FCS 3.1 §3.2.9: delimiter, then keyword/value pairs each followed by the delimiter; a delimiter inside a
 * keyword or value is written twice. */
function writeText(pairs: [string, string][], delimiter: string): string {
  const esc = (s: string) => s.split(delimiter).join(delimiter + delimiter);
  return delimiter + pairs.map(([k, v]) => `${esc(k)}${delimiter}${esc(v)}${delimiter}`).join('');
}

describe('parseFcsText', () => {
  it('reads back any keyword/value pairs written by the spec’s escaping rule, for any delimiter', () => {
    const key = fc
      .string({ minLength: 1, maxLength: 10, unit: fc.constantFrom(...'$PNRBEGabc12/|\\*') })
      .filter((k) => k.trim() === k && k !== '');
    const value = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(...'0123,. /|\\µx') });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(key, value), { maxLength: 12, selector: ([k]) => k.toUpperCase() }),
        fc.constantFrom('/', '|', '\\', '*', '\f'),
        (pairs, delimiter) => {
          // A value may not start with the delimiter when it follows a keyword (the doubled delimiter would
          // read as an escape): FCS forbids empty values, so writers never produce that ambiguity.
          // A keyword name with the delimiter right before a standard name ("x/$P1N") is the one shape read as
          // empty values (see parseFcsText); instrument exports have none, so the generator leaves it out.
          const ok = pairs.filter(
            ([k, v]) => !k.startsWith(delimiter) && !v.startsWith(delimiter) && !k.includes(`${delimiter}$`),
          );
          const bytes = new TextEncoder().encode(writeText(ok, delimiter));
          const text = parseFcsText(bytes, 0, bytes.length - 1, 'gen.fcs');
          // File order is kept by the Map (a plain object would list integer-like names such as "1" first).
          expect([...text.byUpperName]).toEqual(ok.map(([k, v]) => [k.toUpperCase(), v]));
          for (const [k, v] of ok) expect(text.keywords[k]).toBe(v);
          expect(Object.keys(text.keywords).length).toBe(ok.length);
          expect(text.warnings).toEqual([]);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('upper-cases and trims keywords exactly as String#toUpperCase and #trim do (the fast paths skip both)', () => {
    // Keys with lower case, non-ASCII letters whose upper case is longer (ß → SS) or elsewhere (µ → Μ, ÿ → Ÿ),
    // and blanks the ASCII check does not know (NBSP, tab) at either end.
    const key = fc.string({
      minLength: 1,
      maxLength: 8,
      unit: fc.constantFrom(...'$PNabzAZ09ßµÿ \u00a0\t-'),
    });
    const value = fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom(...'01aZ µ,') });
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 10 }), (pairs) => {
        const ok = pairs.filter(([k]) => k.trim() !== '');
        const bytes = new TextEncoder().encode(writeText(ok, '/'));
        const text = parseFcsText(bytes, 0, bytes.length - 1, 'case.fcs');
        const want = new Map<string, string>();
        const asWritten: Record<string, string> = {};
        for (const [k, v] of ok) {
          const upper = k.trim().toUpperCase();
          if (want.has(upper)) continue;
          want.set(upper, v);
          asWritten[k.trim()] = v;
        }
        expect([...text.byUpperName]).toEqual([...want]);
        expect(text.keywords).toEqual(asWritten);
      }),
      { numRuns: 1500 },
    );
  });

  it('decodes a segment that is not UTF-8 as ISO-8859-1: byte b is code point b (not Windows-1252)', () => {
    // 0x80 is "€" in Windows-1252 (what TextDecoder('latin1') gives) but U+0080 in ISO-8859-1; 0xAA is "ª".
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('/$SRC/'),
      0x80,
      0xaa,
      0xe9,
      ...new TextEncoder().encode('/$CYT/FACScan/'),
    ]);
    const text = parseFcsText(bytes, 0, bytes.length - 1, 'cq.fcs');
    expect(text.keywords.$SRC).toBe('\u0080\u00aa\u00e9');
    expect(text.keywords.$CYT).toBe('FACScan');
  });

  it('keeps UTF-8 for a segment that really contains U+FFFD (the lenient decoder’s marker)', () => {
    const bytes = new TextEncoder().encode('/$COM/bad \uFFFD char µ/');
    expect(parseFcsText(bytes, 0, bytes.length - 1, 'r.fcs').keywords.$COM).toBe('bad \uFFFD char µ');
    const broken = new Uint8Array([...new TextEncoder().encode('/$COM/'), 0xc3, 0x28, 0x2f]);
    expect(parseFcsText(broken, 0, broken.length - 1, 'b.fcs').keywords.$COM).toBe('\u00c3(');
  });

  it('decodes a UTF-8 segment as UTF-8, keeps the first of a repeated keyword, accepts an unclosed last value', () => {
    const bytes = new TextEncoder().encode('/$P1N/FSC-A/$p1n/other/$P1S/CD63 µ-bead/$TOT/42');
    const text = parseFcsText(bytes, 0, bytes.length - 1, 'u.fcs');
    expect(text.byUpperName.get('$P1N')).toBe('FSC-A');
    expect(text.byUpperName.get('$P1S')).toBe('CD63 µ-bead');
    expect(text.byUpperName.get('$TOT')).toBe('42');
    expect(Object.keys(text.keywords)).toEqual(['$P1N', '$P1S', '$TOT']);
  });

  it('warns about a keyword without a value, with its byte offset (UTF-8 offsets count bytes)', () => {
    const bytes = new TextEncoder().encode('/$COM/µµ/$LOST/');
    const text = parseFcsText(bytes, 0, bytes.length - 1, 'w.fcs');
    expect(text.keywords.$COM).toBe('µµ');
    // "/$COM/µµ/" is 1 + 4 + 1 + 4 + 1 = 11 bytes: "$LOST" starts at byte 11.
    expect(text.warnings).toEqual(['TEXT ends with a keyword without a value at byte 11; ignored']);
  });

  it('reads empty values written as a doubled delimiter as flowCore does (emptyValue = TRUE), with a warning', () => {
    // flowCore's own test case (fcsTextParse, empty = TRUE): "/k1//k2/v2/" → k1 = "", k2 = "v2".
    // Mixed with real escapes in a value (the date), which stay escapes.
    const bytes = new TextEncoder().encode(
      '/$COM//$P1N/FSC-A/$P1S//$PAR/1/$DATE/01//02//2020/$SRC//$P2S//$TOT/9/',
    );
    const text = parseFcsText(bytes, 0, bytes.length - 1, 'empty.fcs');
    expect([...text.byUpperName]).toEqual([
      ['$COM', ''],
      ['$P1N', 'FSC-A'],
      ['$P1S', ''],
      ['$PAR', '1'],
      ['$DATE', '01/02/2020'],
      ['$SRC', ''],
      ['$P2S', ''],
      ['$TOT', '9'],
    ]);
    expect(text.warnings.length).toBe(1);
    expect(text.warnings[0]).toMatch(/empty value\(s\) written as a doubled delimiter/);
  });

  it('keeps the standard reading when escapes are real: dates, paths and keyword names with the delimiter', () => {
    const bytes = new TextEncoder().encode('/$DATE/01//02//2020/$FIL/C://runs//a.fcs/$P1N/FSC/x//y/1/');
    const text = parseFcsText(bytes, 0, bytes.length - 1, 'esc.fcs');
    expect([...text.byUpperName]).toEqual([
      ['$DATE', '01/02/2020'],
      ['$FIL', 'C:/runs/a.fcs'],
      ['$P1N', 'FSC'],
      ['X/Y', '1'],
    ]);
    expect(text.warnings).toEqual([]);
    const dollar = new TextEncoder().encode('*$**$*0*$TOT*5*');
    expect([...parseFcsText(dollar, 0, dollar.length - 1, 'd.fcs').byUpperName]).toEqual([
      ['$*$', '0'],
      ['$TOT', '5'],
    ]);
  });
});

describe('parseFcsText padding', () => {
  it('ignores blank or NUL padding after the last delimiter, warns about a real dangling keyword', () => {
    const padded = new Uint8Array([...new TextEncoder().encode('/$TOT/5/'), 0, 0, 0x20, 0]);
    const text = parseFcsText(padded, 0, padded.length - 1, 'p.fcs');
    expect(text.byUpperName.get('$TOT')).toBe('5');
    expect(text.warnings).toEqual([]);
    const dangling = new TextEncoder().encode('/$TOT/5/$X');
    expect(parseFcsText(dangling, 0, dangling.length - 1, 'd.fcs').warnings).toEqual([
      'TEXT ends with a keyword without a value at byte 8; ignored',
    ]);
  });
});

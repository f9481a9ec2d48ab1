/**
 * Boolean gate (Gating-ML 2.0 §4.5): and / or over two or more gates, not over exactly one; any operand may be
 * used as its complement (use-as-complement="true").
 */
export function combineBoolean(
  op: 'and' | 'or' | 'not',
  operands: readonly { members: Uint8Array; complement: boolean }[],
  events: number,
): Uint8Array {
  const out = new Uint8Array(events);
  if (op === 'not') {
    const first = operands[0];
    if (!first) return out;
    for (let e = 0; e < events; e++) {
      const v = first.complement ? 1 - (first.members[e] as number) : (first.members[e] as number);
      out[e] = 1 - v;
    }
    return out;
  }
  for (let e = 0; e < events; e++) {
    let acc = op === 'and' ? 1 : 0;
    for (const o of operands) {
      const v = o.complement ? 1 - (o.members[e] as number) : (o.members[e] as number);
      if (op === 'and') acc &= v;
      else acc |= v;
    }
    out[e] = acc;
  }
  return out;
}

/**
 * Concentrations below the lower limit of quantification (BLQ): each BLQ sample is classed by where it
 * sits — before the first quantifiable sample (leading), between quantifiable samples (middle) or after the
 * last one (trailing) — and replaced or dropped by the rule for that position.
 *
 * Default rules: leading → 0, middle → dropped, trailing → kept as 0. These are Phoenix WinNonlin's
 * "BLQ rules" defaults offered for NCA (Certara, Phoenix WinNonlin User's Guide, "Rules for BLQ
 * values") and the practice recommended by Beal SL (2001) J Pharmacokinet Pharmacodyn 28:481–504 for
 * descriptive analyses. A trailing 0 still counts in AUCall (a triangle down from Clast).
 *
 * A numeric 0 before the first measurable (> 0) concentration is a leading BLQ sample too, as in PKNCA
 * (Denney W, Duvvuri S, Buckeridge C. "Simple, automatic noncompartmental analysis: the PKNCA R package",
 * J Pharmacokinet Pharmacodyn 2015;42(Suppl 1):S65; PKNCA's `clean.conc.blq` treats concentrations of 0
 * as BLQ). So `0, BLQ, 5, …` is two leading BLQ samples, not a 0 followed by a middle BLQ that is
 * dropped: Tlag and AUClast are the same with or without a 0 at dose time.
 */

export type BlqAction = 'zero' | 'drop' | 'lloq' | 'half-lloq';
export const BLQ_ACTIONS: readonly BlqAction[] = ['zero', 'drop', 'lloq', 'half-lloq'];

export type BlqPosition = 'leading' | 'middle' | 'trailing';

export interface BlqRules {
  /** Lower limit of quantification: any concentration below it is BLQ (in the data's concentration unit). */
  lloq?: number;
  leading?: BlqAction;
  middle?: BlqAction;
  trailing?: BlqAction;
}

export const DEFAULT_BLQ_RULES: Required<Omit<BlqRules, 'lloq'>> = {
  leading: 'zero',
  middle: 'drop',
  trailing: 'zero',
};

export interface BlqOutcome {
  time: number[];
  conc: number[];
  /** For each kept sample, its index in the input arrays. */
  sourceIndex: number[];
  /** How many BLQ samples each position held (for notes). */
  counts: Record<BlqPosition, number>;
  notes: string[];
}

/**
 * Applies the rules. `blq[i]` marks a sample reported as BLQ (its `conc[i]` is ignored); with `lloq`,
 * values below it are BLQ too. Rules 'lloq' and 'half-lloq' need an LLOQ.
 */
export function applyBlqRules(
  time: readonly number[],
  conc: readonly number[],
  blq: readonly boolean[] | undefined,
  rules: BlqRules | undefined,
): BlqOutcome {
  const lloq = rules?.lloq;
  const isBlq = (i: number) =>
    blq?.[i] === true || (lloq !== undefined && (conc[i] as number) < lloq && Number.isFinite(conc[i]));
  let firstQ = -1;
  let lastQ = -1;
  for (let i = 0; i < time.length; i++) {
    if (!isBlq(i)) {
      if (firstQ < 0 && (conc[i] as number) > 0) firstQ = i;
      lastQ = i;
    }
  }
  // Numeric zeros before the first measurable concentration (all of them when none is measurable) are
  // leading BLQ samples (PKNCA convention, see above).
  const leadingZero = (i: number) => (firstQ < 0 || i < firstQ) && (conc[i] as number) === 0;
  const action: Record<BlqPosition, BlqAction> = {
    leading: rules?.leading ?? DEFAULT_BLQ_RULES.leading,
    middle: rules?.middle ?? DEFAULT_BLQ_RULES.middle,
    trailing: rules?.trailing ?? DEFAULT_BLQ_RULES.trailing,
  };
  const counts: Record<BlqPosition, number> = { leading: 0, middle: 0, trailing: 0 };
  const out: BlqOutcome = { time: [], conc: [], sourceIndex: [], counts, notes: [] };
  for (let i = 0; i < time.length; i++) {
    if (!isBlq(i) && !leadingZero(i)) {
      out.time.push(time[i] as number);
      out.conc.push(conc[i] as number);
      out.sourceIndex.push(i);
      continue;
    }
    const position: BlqPosition = firstQ < 0 || i < firstQ ? 'leading' : i > lastQ ? 'trailing' : 'middle';
    counts[position] += 1;
    const a = action[position];
    if (a === 'drop') continue;
    let value = 0;
    if (a === 'lloq' || a === 'half-lloq') {
      if (lloq === undefined) {
        throw new RangeError(`BLQ rule "${position}=${a}" needs the LLOQ (blq value)`);
      }
      value = a === 'lloq' ? lloq : lloq / 2;
    }
    out.time.push(time[i] as number);
    out.conc.push(value);
    out.sourceIndex.push(i);
  }
  for (const position of ['leading', 'middle', 'trailing'] as const) {
    const n = counts[position];
    if (n > 0) {
      const what = {
        zero: 'set to 0',
        drop: 'dropped',
        lloq: 'set to the LLOQ',
        'half-lloq': 'set to LLOQ/2',
      }[action[position]];
      out.notes.push(`${n} ${position} BLQ sample${n === 1 ? '' : 's'} ${what}`);
    }
  }
  return out;
}

/** Parses "leading=zero,middle=drop,trailing=zero" (any subset) into rules. */
export function parseBlqRules(text: string): Omit<BlqRules, 'lloq'> {
  const rules: Omit<BlqRules, 'lloq'> = {};
  for (const part of text.split(',')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const [key, value] = trimmed.split('=').map((s) => s.trim().toLowerCase());
    if (key !== 'leading' && key !== 'middle' && key !== 'trailing') {
      throw new RangeError(`unknown BLQ position "${key}" (leading, middle or trailing)`);
    }
    if (!BLQ_ACTIONS.includes(value as BlqAction)) {
      throw new RangeError(`unknown BLQ rule "${value}" for ${key} (${BLQ_ACTIONS.join(', ')})`);
    }
    rules[key] = value as BlqAction;
  }
  return rules;
}

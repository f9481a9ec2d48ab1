import { describe, expect, it } from 'vitest';
import { REGISTERED_TRIALS } from '../../domain/evidence/index.ts';
import { classifyNeurological } from './classify-neurological.ts';
import { resolveDisorder } from './resolve-disorder.ts';

describe('classifyNeurological against Li et al. 2025, Table 5 and section 5', () => {
  it('finds exactly the neurological trials the review names (AD, ALS, cerebrovascular disease)', () => {
    // Review, section 5: of the 28 registered MSC-EV trials, the neurological ones are in Alzheimer's
    // disease (NCT04388982), ALS (NCT06598202) and cerebrovascular disorders / acute ischemic stroke (NCT03384433).
    const neuro = REGISTERED_TRIALS.filter(
      (t) => classifyNeurological({ conditions: t.conditions, title: t.title }).neurological,
    ).map((t) => t.nctId);
    expect(neuro.sort()).toEqual(['NCT03384433', 'NCT04388982', 'NCT06598202']);
  });

  it('names the disorder the review assigns, with the matched term', () => {
    for (const t of REGISTERED_TRIALS.filter((x) => x.neurological)) {
      const c = classifyNeurological({ conditions: t.conditions, title: t.title });
      expect([t.nctId, c.disorder]).toEqual([t.nctId, t.disorder]);
      expect(c.term).not.toBeNull();
      expect(c.rule).toContain(`"${c.term}"`);
    }
  });
});

describe('classifyNeurological rules', () => {
  it.each([
    [['Alzheimer Disease'], 'alzheimers'],
    [["Parkinson's Disease"], 'parkinsons'],
    [['Acute Ischemic Stroke'], 'ischemic-stroke'],
    [['Hypoxic-Ischemic Brain Injury'], 'neonatal-brain-injury'],
    [['Traumatic Brain Injury'], 'traumatic-brain-injury'],
    [['TBI'], 'traumatic-brain-injury'],
    [['Spinal Cord Injuries'], 'spinal-cord-injury'],
    [['Status Epilepticus'], 'epilepsy'],
    [['Sensorineural Hearing Loss'], 'hearing-loss'],
    [['Cerebral Palsy'], 'other-neurological'],
    [['Diabetic Neuropathy'], 'other-neurological'],
  ])('%j → %s', (conditions, disorder) => {
    const c = classifyNeurological({ conditions });
    expect(c.neurological).toBe(true);
    expect(c.disorder).toBe(disorder);
  });

  it.each([
    [['Knee Osteoarthritis']],
    [['Sepsis', 'Critical Illness']],
    [['Dry Eye Disease']],
    // "tbi" must be a whole word, not part of another.
    [['Stbinfection']],
  ])('%j is not neurological', (conditions) => {
    const c = classifyNeurological({ conditions });
    expect(c).toMatchObject({ neurological: false, disorder: null, term: null });
  });

  it('falls back to a specific disorder named in the title, not to general words', () => {
    expect(
      classifyNeurological({ conditions: ['Healthy'], title: 'EVs after ischemic stroke' }),
    ).toMatchObject({
      disorder: 'ischemic-stroke',
    });
    expect(classifyNeurological({ conditions: ['Healthy'], title: 'Brain uptake of EVs' }).neurological).toBe(
      false,
    );
  });
});

describe('resolveDisorder', () => {
  it('reads slugs, labels and words', () => {
    expect(resolveDisorder('als')).toBe('als');
    expect(resolveDisorder("Alzheimer's disease")).toBe('alzheimers');
    expect(resolveDisorder('stroke')).toBe('ischemic-stroke');
    expect(resolveDisorder('spinal cord injury')).toBe('spinal-cord-injury');
    expect(resolveDisorder('psoriasis')).toBeNull();
    expect(resolveDisorder('  ')).toBeNull();
  });
});

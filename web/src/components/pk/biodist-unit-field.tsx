/** The unit assumed for organ values whose table does not state one ('' = take it from the table). */
import {
  BIODISTRIBUTION_UNIT_LABELS,
  BIODISTRIBUTION_UNITS,
  type BiodistributionUnit,
} from '../../../../src/domain/pk-study.ts';
import { Field } from '../field.tsx';
import { VocabularyOptions } from '../select-options.tsx';

export function BiodistUnitField({
  name,
  value,
  onChange,
}: {
  /** Accessible name of the select (distinct on the page). */
  name: string;
  value: BiodistributionUnit | '';
  onChange: (unit: BiodistributionUnit | '') => void;
}) {
  return (
    <Field label="Unit if not in table">
      <select
        aria-label={name}
        value={value}
        onChange={(e) => onChange(e.target.value as BiodistributionUnit | '')}
      >
        <option value="">— from table —</option>
        <VocabularyOptions values={BIODISTRIBUTION_UNITS} labels={BIODISTRIBUTION_UNIT_LABELS} />
      </select>
    </Field>
  );
}

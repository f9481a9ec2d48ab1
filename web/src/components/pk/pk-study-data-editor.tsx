/**
 * The observation data of a PK study as editable text: a concentration–time table and a biodistribution
 * table, each pasted or uploaded, read in the browser as the user types, with a preview of what will be
 * stored (rows, subjects, organs, times) or the first problem and its line. Saving replaces the stored rows,
 * and every table the user pasted or uploaded is sent along exactly as given (`sources`), so the server keeps
 * it as a raw file of the batch before it checks the rows.
 */
import { useMemo, useState } from 'react';
import {
  BIODISTRIBUTION_UNIT_LABELS,
  BIODISTRIBUTION_UNITS,
  type BiodistributionUnit,
  type PkObservations,
  type PkStudySourceInput,
} from '../../../../src/domain/pk-study.ts';
import { Field } from '../field.tsx';
import {
  biodistributionRowsToCsv,
  concentrationRowsToCsv,
  draftSources,
  type Parsed,
  type ParsedBiodistributionTable,
  type ParsedConcentrationTable,
  parseBiodistributionText,
  parseConcentrationTimeText,
} from './pk-study-observations.ts';
import './pk-study.css';

const CONC_PLACEHOLDER = [
  'subject\ttime_h\tvalue\tunit',
  'M1\t0.083\t3.1e10\tparticles/mL',
  'M1\t0.5\t1.2e10\tparticles/mL',
  'M1\t2\t2.4e9\tparticles/mL',
].join('\n');
const BIO_PLACEHOLDER = ['organ (%ID/g)\t1 h\t24 h', 'liver\t18\t16', 'spleen\t22\t20'].join('\n');

export interface ObservationDrafts {
  concText: string;
  setConcText: (text: string) => void;
  concFile: string | undefined;
  setConcFile: (name: string | undefined) => void;
  /** Puts an uploaded file's text, name and media type into the concentration–time table. */
  loadConcFile: (file: UploadedTable) => void;
  concUnit: string;
  setConcUnit: (unit: string) => void;
  matrix: string;
  setMatrix: (matrix: string) => void;
  bioText: string;
  setBioText: (text: string) => void;
  bioFile: string | undefined;
  setBioFile: (name: string | undefined) => void;
  /** Puts an uploaded file's text, name and media type into the biodistribution table. */
  loadBioFile: (file: UploadedTable) => void;
  bioUnit: BiodistributionUnit | '';
  setBioUnit: (unit: BiodistributionUnit | '') => void;
  conc: Parsed<ParsedConcentrationTable>;
  bio: Parsed<ParsedBiodistributionTable>;
  /** The observations to save, or null while either table has an error. */
  observations: PkObservations | null;
  /** The tables the user gave, exactly as given, to keep with the study on save. */
  sources: PkStudySourceInput[];
}

export interface UploadedTable {
  name: string;
  text: string;
  mediaType: string;
}

/** Draft tables, starting from the stored rows of a study being edited (as CSV) or empty. */
export function useObservationDrafts(initial?: PkObservations): ObservationDrafts {
  const [concInitial] = useState(() => concentrationRowsToCsv(initial?.concentrationTime ?? []));
  const [concText, setConcText] = useState(concInitial);
  const [concFile, setConcFileName] = useState<string | undefined>(undefined);
  const [concType, setConcType] = useState<string | undefined>(undefined);
  const [concUnit, setConcUnit] = useState('');
  const [matrix, setMatrix] = useState('plasma');
  const [bioInitial] = useState(() => biodistributionRowsToCsv(initial?.biodistribution ?? []));
  const [bioText, setBioText] = useState(bioInitial);
  const [bioFile, setBioFileName] = useState<string | undefined>(undefined);
  const [bioType, setBioType] = useState<string | undefined>(undefined);
  const setConcFile = (name: string | undefined) => {
    setConcFileName(name);
    setConcType(undefined);
  };
  const setBioFile = (name: string | undefined) => {
    setBioFileName(name);
    setBioType(undefined);
  };
  const [bioUnit, setBioUnit] = useState<BiodistributionUnit | ''>('');
  const conc = useMemo(
    () =>
      parseConcentrationTimeText(concText, {
        ...(concFile !== undefined ? { fileName: concFile } : {}),
        defaultUnit: concUnit,
        defaultMatrix: matrix,
      }),
    [concText, concFile, concUnit, matrix],
  );
  const bio = useMemo(
    () =>
      parseBiodistributionText(bioText, {
        ...(bioFile !== undefined ? { fileName: bioFile } : {}),
        defaultUnit: bioUnit === '' ? null : bioUnit,
      }),
    [bioText, bioFile, bioUnit],
  );
  const observations =
    conc.ok && bio.ok ? { concentrationTime: conc.value.rows, biodistribution: bio.value.rows } : null;
  const sources = draftSources([
    {
      kind: 'concentration-time',
      text: concText,
      initialText: concInitial,
      fileName: concFile,
      mediaType: concType,
    },
    {
      kind: 'biodistribution',
      text: bioText,
      initialText: bioInitial,
      fileName: bioFile,
      mediaType: bioType,
    },
  ]);
  return {
    concText,
    setConcText,
    concFile,
    setConcFile,
    loadConcFile: (file) => {
      setConcText(file.text);
      setConcFileName(file.name);
      setConcType(file.mediaType === '' ? undefined : file.mediaType);
    },
    concUnit,
    setConcUnit,
    matrix,
    setMatrix,
    bioText,
    setBioText,
    bioFile,
    setBioFile,
    loadBioFile: (file) => {
      setBioText(file.text);
      setBioFileName(file.name);
      setBioType(file.mediaType === '' ? undefined : file.mediaType);
    },
    bioUnit,
    setBioUnit,
    conc,
    bio,
    observations,
    sources,
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function ConcPreview({ parsed, stored }: { parsed: Parsed<ParsedConcentrationTable>; stored?: number }) {
  if (!parsed.ok) {
    return (
      <p className="pk-study-preview error" role="alert">
        {parsed.error}
      </p>
    );
  }
  const v = parsed.value;
  if (v.rows.length === 0) {
    return (
      <p className="pk-study-preview muted">
        No concentration–time data
        {stored ? ` — saving removes the ${plural(stored, 'stored row')}` : ''}.
      </p>
    );
  }
  return (
    <div className="pk-study-preview ok" role="status">
      {plural(v.rows.length, 'sample')} · {plural(v.subjects, 'subject')} · {v.matrices.join(', ')} ·{' '}
      {v.units.join(', ')}
      {v.notes.length > 0 ? (
        <ul className="pk-notes">
          {v.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function BioPreview({ parsed, stored }: { parsed: Parsed<ParsedBiodistributionTable>; stored?: number }) {
  if (!parsed.ok) {
    return (
      <p className="pk-study-preview error" role="alert">
        {parsed.error}
      </p>
    );
  }
  const v = parsed.value;
  if (v.rows.length === 0) {
    return (
      <p className="pk-study-preview muted">
        No biodistribution data{stored ? ` — saving removes the ${plural(stored, 'stored row')}` : ''}.
      </p>
    );
  }
  return (
    <p className="pk-study-preview ok" role="status">
      {plural(v.rows.length, 'value')} · {plural(v.organs, 'organ')} · times {v.timesH.join(', ')} h ·{' '}
      {v.units.join(', ')} ({v.layout} layout)
    </p>
  );
}

async function readUpload(input: HTMLInputElement): Promise<UploadedTable | null> {
  const file = input.files?.[0];
  if (!file) return null;
  return { name: file.name, text: await file.text(), mediaType: file.type };
}

/** Says that (and under which name) a table will be kept as given when the study is saved. */
function KeptNote({ source }: { source: PkStudySourceInput | undefined }) {
  if (!source) return null;
  return (
    <p className="muted small">
      Saved with the study exactly as given (“{source.name}”), as a raw file of the batch.
    </p>
  );
}

/** The two data tables of a study form. `stored` counts the rows a study being edited holds now. */
export function PkStudyDataEditor({
  drafts: d,
  stored,
}: {
  drafts: ObservationDrafts;
  stored?: { concentrationTime: number; biodistribution: number };
}) {
  return (
    <div className="pk-study-data">
      <fieldset className="pk-study-fieldset">
        <legend>Concentration–time data</legend>
        <Field
          label="Concentration–time table (CSV/TSV)"
          hint="Columns: time (h; or time (min), time (d)), value, unit; optional subject/animal and matrix. BLQ is stored as 0, NA is skipped."
          wide
        >
          <textarea
            className="pk-paste"
            aria-label="Concentration–time data"
            value={d.concText}
            onChange={(e) => {
              d.setConcText(e.target.value);
              d.setConcFile(undefined);
            }}
            placeholder={CONC_PLACEHOLDER}
            spellCheck={false}
          />
        </Field>
        <div className="pk-options">
          <Field label="Upload table">
            <input
              type="file"
              accept=".csv,.tsv,.txt,text/csv,text/plain"
              aria-label="Upload concentration–time table"
              onChange={async (e) => {
                const file = await readUpload(e.currentTarget);
                if (!file) return;
                d.loadConcFile(file);
              }}
            />
          </Field>
          <Field label="Unit if not in table">
            <input
              aria-label="Concentration unit if not in table"
              value={d.concUnit}
              onChange={(e) => d.setConcUnit(e.target.value)}
              placeholder="particles/mL"
            />
          </Field>
          <Field label="Matrix if not in table">
            <input
              aria-label="Matrix if not in table"
              value={d.matrix}
              onChange={(e) => d.setMatrix(e.target.value)}
            />
          </Field>
        </div>
        <ConcPreview parsed={d.conc} {...(stored ? { stored: stored.concentrationTime } : {})} />
        <KeptNote source={d.sources.find((s) => s.kind === 'concentration-time')} />
      </fieldset>
      <fieldset className="pk-study-fieldset">
        <legend>Biodistribution data</legend>
        <Field
          label="Organ table (CSV/TSV)"
          hint="Long: organ, time_h, value, unit [, animal, count_time_h, organ_mass_g]. Wide: organ (unit) then one column per time (1 h, 4 h, 24 h)."
          wide
        >
          <textarea
            className="pk-paste"
            aria-label="Biodistribution data"
            value={d.bioText}
            onChange={(e) => {
              d.setBioText(e.target.value);
              d.setBioFile(undefined);
            }}
            placeholder={BIO_PLACEHOLDER}
            spellCheck={false}
          />
        </Field>
        <div className="pk-options">
          <Field label="Upload table">
            <input
              type="file"
              accept=".csv,.tsv,.txt,text/csv,text/plain"
              aria-label="Upload biodistribution table"
              onChange={async (e) => {
                const file = await readUpload(e.currentTarget);
                if (!file) return;
                d.loadBioFile(file);
              }}
            />
          </Field>
          <Field label="Unit if not in table">
            <select
              aria-label="Biodistribution unit if not in table"
              value={d.bioUnit}
              onChange={(e) => d.setBioUnit(e.target.value as BiodistributionUnit | '')}
            >
              <option value="">— from table —</option>
              {BIODISTRIBUTION_UNITS.map((u) => (
                <option key={u} value={u}>
                  {BIODISTRIBUTION_UNIT_LABELS[u]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <BioPreview parsed={d.bio} {...(stored ? { stored: stored.biodistribution } : {})} />
        <KeptNote source={d.sources.find((s) => s.kind === 'biodistribution')} />
      </fieldset>
    </div>
  );
}

/**
 * A data table given as text: a textarea to paste CSV/TSV into and a file input to upload it, followed by
 * the options of that table (`children`, shown beside the upload). Used by the biodistribution panel and
 * by both tables of the PK study data editor, so pasting and uploading behave the same everywhere.
 */
import type { ReactNode } from 'react';
import { Field } from '../field.tsx';
import './pk.css';

/** A table file the user uploaded: its name, its text and its media type ('' when the browser gives none). */
export interface UploadedTable {
  name: string;
  text: string;
  mediaType: string;
}

/** What the long and wide organ-table layouts look like (src/formats/biodistribution-csv). */
export const ORGAN_TABLE_HINT =
  'Long: organ, time_h, value, unit [, animal, count_time_h, organ_mass_g]. Wide: organ (unit) then one column per time (1 h, 4 h, 24 h).';

const TABLE_FILE_TYPES = '.csv,.tsv,.txt,text/csv,text/plain';

async function readUpload(input: HTMLInputElement): Promise<UploadedTable | null> {
  const file = input.files?.[0];
  if (!file) return null;
  return { name: file.name, text: await file.text(), mediaType: file.type };
}

export function TableInput({
  label,
  hint,
  name,
  uploadName,
  value,
  placeholder,
  onText,
  onUpload,
  children,
}: {
  /** Visible label of the textarea. */
  label: string;
  hint: ReactNode;
  /** Accessible name of the textarea (distinct on the page). */
  name: string;
  /** Accessible name of the file input (distinct on the page). */
  uploadName: string;
  value: string;
  placeholder: string;
  /** The user typed or pasted into the textarea. */
  onText: (text: string) => void;
  onUpload: (file: UploadedTable) => void;
  /** The table's options, laid out beside the upload. */
  children?: ReactNode;
}) {
  return (
    <>
      <Field label={label} hint={hint} wide>
        <textarea
          className="pk-paste"
          aria-label={name}
          value={value}
          onChange={(e) => onText(e.target.value)}
          placeholder={placeholder}
          spellCheck={false}
        />
      </Field>
      <div className="pk-options">
        <Field label="Upload table">
          <input
            type="file"
            accept={TABLE_FILE_TYPES}
            aria-label={uploadName}
            onChange={async (e) => {
              const file = await readUpload(e.currentTarget);
              if (file) onUpload(file);
            }}
          />
        </Field>
        {children}
      </div>
    </>
  );
}

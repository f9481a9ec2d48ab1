/**
 * Reader of ClinicalTrials.gov API v2 JSON (https://clinicaltrials.gov/data-api/api): a single study
 * (`GET /api/v2/studies/{nctId}`: `{ protocolSection, derivedSection?, hasResults }`) or a search page
 * (`GET /api/v2/studies?...`: `{ studies: [...], nextPageToken?, totalCount? }`). It maps the protocol
 * section onto the neutral `TrialFacts` (src/science/evidence/trial-facts.ts) and keeps each study's raw
 * JSON.
 *
 * A document that is not JSON, or not a CT.gov study or page, is a `FormatError`. A study inside a page
 * that is malformed or incomplete becomes an issue naming its JSON path
 * (`studies[3].protocolSection.identificationModule.nctId`) and the other studies are still read.
 * Fields the reader does not use are ignored, so newer API versions with more fields read the same.
 */
import {
  NCT_ID_PATTERN,
  type TrialFacts,
  type TrialIntervention,
  type TrialLocation,
} from '../../science/evidence/trial-facts.ts';
import { FormatError } from '../format-error.ts';

export const READER_NAME = 'evlab-ctgov-v2';
export const READER_VERSION = '1.0.0';

/** One study read from a document. */
export interface CtgovStudy {
  facts: TrialFacts;
  /** CT.gov `statusModule.statusVerifiedDate` (YYYY-MM or YYYY-MM-DD), when given. */
  statusVerifiedDate: string | null;
  /** The study's JSON exactly as it came (parsed), for the store's raw_json. */
  raw: unknown;
  /** JSON path of the study in its document: '' for a single-study response, `studies[3]` in a page. */
  path: string;
}

/** A study that could not be read: where (JSON path from the document root) and why. */
export interface CtgovIssue {
  path: string;
  message: string;
  /** The NCT id when the study got far enough to name one. */
  nctId: string | null;
}

export interface CtgovDocument {
  kind: 'study' | 'search-page' | 'study-list';
  studies: CtgovStudy[];
  issues: CtgovIssue[];
  /** Token of the next search page (absent on the last page and on single studies). */
  nextPageToken: string | null;
  /** `totalCount` of a search page when the request asked for it (countTotal=true). */
  totalCount: number | null;
}

/** Thrown inside the reader for one study; carries the JSON path of the offending value. */
export class CtgovPathError extends Error {
  override readonly name = 'CtgovPathError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

type Json = unknown;

function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

function kindOf(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A nested object, or undefined when absent (null counts as absent); anything else is an error. */
function optionalObject(
  parent: Record<string, Json>,
  key: string,
  path: string,
): Record<string, Json> | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value))
    throw new CtgovPathError(joinPath(path, key), `expected an object, got ${kindOf(value)}`);
  return value;
}

function optionalString(parent: Record<string, Json> | undefined, key: string, path: string): string | null {
  const value = parent?.[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string')
    throw new CtgovPathError(joinPath(path, key), `expected a string, got ${kindOf(value)}`);
  return value;
}

function requiredString(parent: Record<string, Json> | undefined, key: string, path: string): string {
  const value = optionalString(parent, key, path);
  if (value === null || value.trim() === '') throw new CtgovPathError(joinPath(path, key), 'missing');
  return value.trim();
}

function optionalArray(parent: Record<string, Json> | undefined, key: string, path: string): Json[] {
  const value = parent?.[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new CtgovPathError(joinPath(path, key), `expected an array, got ${kindOf(value)}`);
  return value;
}

function stringArray(parent: Record<string, Json> | undefined, key: string, path: string): string[] {
  const out: string[] = [];
  optionalArray(parent, key, path).forEach((item, i) => {
    if (typeof item !== 'string')
      throw new CtgovPathError(joinPath(joinPath(path, key), i), `expected a string, got ${kindOf(item)}`);
    const text = item.trim();
    if (text !== '') out.push(text);
  });
  return out;
}

const PARTIAL_DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

/**
 * A CT.gov date (`YYYY-MM-DD`, or `YYYY-MM` for month precision) checked for a real calendar date.
 * Returned as given.
 */
function checkDate(value: string, path: string): string {
  const m = PARTIAL_DATE.exec(value.trim());
  const month = m ? Number(m[2]) : 0;
  const day = m?.[3] === undefined ? 1 : Number(m[3]);
  const daysInMonth = m ? new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate() : 0;
  if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth) {
    throw new CtgovPathError(path, `expected a date as YYYY-MM-DD or YYYY-MM, got "${value}"`);
  }
  return value.trim();
}

/** The date of a CT.gov date struct (`{ date, type }`), null when the struct is absent. */
function dateStruct(parent: Record<string, Json> | undefined, key: string, path: string): string | null {
  if (parent === undefined) return null;
  const struct = optionalObject(parent, key, path);
  if (struct === undefined) return null;
  const structPath = joinPath(path, key);
  const date = optionalString(struct, 'date', structPath);
  return date === null ? null : checkDate(date, joinPath(structPath, 'date'));
}

/** A month-precision date as the first of the month, so every stored date is YYYY-MM-DD. */
export function fullDate(date: string | null): string | null {
  if (date === null) return null;
  return /^\d{4}-\d{2}$/.test(date) ? `${date}-01` : date;
}

/** Reads one study object; `path` is where it sits in its document ('' for the root). */
export function readCtgovStudy(study: Json, path = ''): CtgovStudy {
  if (!isObject(study))
    throw new CtgovPathError(path || '$', `expected a study object, got ${kindOf(study)}`);
  const protocolPath = joinPath(path, 'protocolSection');
  const protocol = optionalObject(study, 'protocolSection', path);
  if (protocol === undefined) throw new CtgovPathError(protocolPath, 'missing');

  const idPath = joinPath(protocolPath, 'identificationModule');
  const identification = optionalObject(protocol, 'identificationModule', protocolPath);
  if (identification === undefined) throw new CtgovPathError(idPath, 'missing');
  const nctId = requiredString(identification, 'nctId', idPath).toUpperCase();
  if (!NCT_ID_PATTERN.test(nctId)) {
    throw new CtgovPathError(joinPath(idPath, 'nctId'), `"${nctId}" is not an NCT number (NCT + 8 digits)`);
  }
  const officialTitle = optionalString(identification, 'officialTitle', idPath)?.trim() || null;
  const briefTitle = optionalString(identification, 'briefTitle', idPath)?.trim() || null;
  const title = briefTitle ?? officialTitle;
  if (title === null) throw new CtgovPathError(joinPath(idPath, 'briefTitle'), 'missing');

  const statusPath = joinPath(protocolPath, 'statusModule');
  const statusModule = optionalObject(protocol, 'statusModule', protocolPath);
  if (statusModule === undefined) throw new CtgovPathError(statusPath, 'missing');
  const status = requiredString(statusModule, 'overallStatus', statusPath).toUpperCase();
  const firstPosted = dateStruct(statusModule, 'studyFirstPostDateStruct', statusPath);
  const lastUpdatePosted = dateStruct(statusModule, 'lastUpdatePostDateStruct', statusPath);
  const verified = optionalString(statusModule, 'statusVerifiedDate', statusPath);
  const statusVerifiedDate =
    verified === null ? null : checkDate(verified, joinPath(statusPath, 'statusVerifiedDate'));

  const conditionsPath = joinPath(protocolPath, 'conditionsModule');
  const conditions = stringArray(
    optionalObject(protocol, 'conditionsModule', protocolPath),
    'conditions',
    conditionsPath,
  );
  const designPath = joinPath(protocolPath, 'designModule');
  const phases = stringArray(
    optionalObject(protocol, 'designModule', protocolPath),
    'phases',
    designPath,
  ).map((p) => p.toUpperCase());

  const armsPath = joinPath(protocolPath, 'armsInterventionsModule');
  const arms = optionalObject(protocol, 'armsInterventionsModule', protocolPath);
  const interventionsPath = joinPath(armsPath, 'interventions');
  const interventions: TrialIntervention[] = optionalArray(arms, 'interventions', armsPath).map((item, i) => {
    const itemPath = joinPath(interventionsPath, i);
    if (!isObject(item)) throw new CtgovPathError(itemPath, `expected an object, got ${kindOf(item)}`);
    return {
      type: optionalString(item, 'type', itemPath) ?? '',
      name: optionalString(item, 'name', itemPath)?.trim() ?? '',
      description: optionalString(item, 'description', itemPath)?.trim() ?? '',
      otherNames: stringArray(item, 'otherNames', itemPath),
    };
  });

  const contactsPath = joinPath(protocolPath, 'contactsLocationsModule');
  const contacts = optionalObject(protocol, 'contactsLocationsModule', protocolPath);
  const locationsPath = joinPath(contactsPath, 'locations');
  const locations: TrialLocation[] = optionalArray(contacts, 'locations', contactsPath).map((item, i) => {
    const itemPath = joinPath(locationsPath, i);
    if (!isObject(item)) throw new CtgovPathError(itemPath, `expected an object, got ${kindOf(item)}`);
    return {
      facility: optionalString(item, 'facility', itemPath)?.trim() ?? '',
      city: optionalString(item, 'city', itemPath)?.trim() ?? '',
      country: optionalString(item, 'country', itemPath)?.trim() ?? '',
    };
  });

  const hasResultsValue = study.hasResults;
  if (hasResultsValue !== undefined && hasResultsValue !== null && typeof hasResultsValue !== 'boolean') {
    throw new CtgovPathError(
      joinPath(path, 'hasResults'),
      `expected a boolean, got ${kindOf(hasResultsValue)}`,
    );
  }

  return {
    facts: {
      nctId,
      title,
      officialTitle,
      status,
      conditions,
      phases,
      firstPosted: fullDate(firstPosted),
      interventions,
      locations,
      hasResults: hasResultsValue === true,
      lastUpdatePosted: fullDate(lastUpdatePosted),
    },
    statusVerifiedDate,
    raw: study,
    path,
  };
}

/** The NCT id of a study object, if it names one, for issue reports. */
function nctIdOf(study: Json): string | null {
  if (!isObject(study)) return null;
  const protocol = study.protocolSection;
  if (!isObject(protocol)) return null;
  const id = isObject(protocol.identificationModule) ? protocol.identificationModule.nctId : undefined;
  return typeof id === 'string' && NCT_ID_PATTERN.test(id.trim().toUpperCase())
    ? id.trim().toUpperCase()
    : null;
}

function readStudies(list: Json[], base: string): { studies: CtgovStudy[]; issues: CtgovIssue[] } {
  const studies: CtgovStudy[] = [];
  const issues: CtgovIssue[] = [];
  list.forEach((item, i) => {
    const path = base === '' ? `[${i}]` : joinPath(base, i);
    try {
      studies.push(readCtgovStudy(item, path));
    } catch (error) {
      if (!(error instanceof CtgovPathError)) throw error;
      issues.push({ path: error.path, message: error.reason, nctId: nctIdOf(item) });
    }
  });
  return { studies, issues };
}

/**
 * Offset (UTF-16 index) of the first JSON syntax error in `text`, found by a small RFC 8259 scanner.
 * Node 20's JSON.parse messages do not always give a position, and a line number is what a person needs.
 * Returns text.length for a document that ends too early.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i += 1;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i += 1;
    }
  };
  const string = () => {
    i += 1; // opening quote
    while (i < text.length) {
      const ch = text[i] as string;
      if (ch === '"') {
        i += 1;
        return;
      }
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            fail();
          }
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else {
          i += 1;
          fail();
        }
      } else if (ch < ' ') fail();
      else i += 1;
    }
    fail();
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i += 1;
      ws();
      if (text[i] === '}') {
        i += 1;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i += 1;
        value();
        ws();
        if (text[i] === ',') i += 1;
        else if (text[i] === '}') {
          i += 1;
          return;
        } else fail();
      }
    }
    if (ch === '[') {
      i += 1;
      ws();
      if (text[i] === ']') {
        i += 1;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i += 1;
        else if (text[i] === ']') {
          i += 1;
          return;
        } else fail();
      }
    }
    if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) number();
    else fail();
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (offset) {
    if (typeof offset === 'number') return Math.min(offset, text.length);
    throw offset;
  }
}

/**
 * Deepest nesting of arrays/objects a CT.gov document may have. Real v2 studies nest ~8 levels; the limit
 * keeps every recursive step (the JSON error locator, the reader, serialization) far from the stack limit.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Offset of the first `[` or `{` that opens nesting level `maxDepth + 1`, or -1 when the text nests no
 * deeper. Iterative and linear-time (skips string contents), so it is safe on hostile or malformed text.
 */
export function jsonDepthExceededAt(text: string, maxDepth = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > maxDepth) return i;
    } else if (c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1);
  }
  return -1;
}

/**
 * Parses a CT.gov document from text or bytes (UTF-8, BOM tolerated), or takes an already parsed value
 * (an HTTP body). Throws FormatError for a document that is not JSON or not a CT.gov study, page or list of
 * studies; per-study problems are returned as issues.
 */
export function readCtgovJson(
  input: string | Uint8Array | { json: unknown },
  fileName?: string,
): CtgovDocument {
  let value: Json;
  if (typeof input === 'object' && !(input instanceof Uint8Array)) {
    value = input.json;
  } else {
    let text: string;
    if (typeof input === 'string') {
      text = input;
    } else {
      if (input.length === 0) throw new FormatError('empty-file', 'the file is empty', { file: fileName });
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(input);
      } catch {
        throw new FormatError('unsupported-encoding', 'not UTF-8 text (CT.gov JSON is UTF-8)', {
          file: fileName,
        });
      }
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') throw new FormatError('empty-file', 'the file is empty', { file: fileName });
    const tooDeep = jsonDepthExceededAt(text);
    if (tooDeep >= 0) {
      throw new FormatError(
        'malformed-row',
        `JSON nested deeper than ${MAX_JSON_DEPTH} levels (a CT.gov study nests about 8): refused`,
        {
          file: fileName,
          line: text.slice(0, tooDeep).split('\n').length,
          byteOffset: new TextEncoder().encode(text.slice(0, tooDeep)).length,
        },
      );
    }
    try {
      value = JSON.parse(text);
    } catch {
      const offset = jsonErrorOffset(text);
      const at = offset < 0 ? text.length : offset;
      const truncated = at >= text.length;
      const reason = truncated
        ? 'not valid JSON: the document ends too early (truncated?)'
        : `not valid JSON: unexpected ${JSON.stringify(text.slice(at, at + 12))}`;
      throw new FormatError(truncated ? 'truncated' : 'malformed-row', reason, {
        file: fileName,
        line: text.slice(0, at).split('\n').length,
        byteOffset: new TextEncoder().encode(text.slice(0, at)).length,
      });
    }
  }

  if (Array.isArray(value)) {
    return { kind: 'study-list', ...readStudies(value, ''), nextPageToken: null, totalCount: null };
  }
  if (isObject(value) && 'studies' in value) {
    if (!Array.isArray(value.studies)) {
      throw new FormatError('not-this-format', `studies: expected an array, got ${kindOf(value.studies)}`, {
        file: fileName,
      });
    }
    const token = value.nextPageToken;
    const total = value.totalCount;
    return {
      kind: 'search-page',
      ...readStudies(value.studies, 'studies'),
      nextPageToken: typeof token === 'string' && token !== '' ? token : null,
      totalCount: typeof total === 'number' && Number.isFinite(total) ? total : null,
    };
  }
  if (isObject(value) && 'protocolSection' in value) {
    try {
      return {
        kind: 'study',
        studies: [readCtgovStudy(value, '')],
        issues: [],
        nextPageToken: null,
        totalCount: null,
      };
    } catch (error) {
      if (!(error instanceof CtgovPathError)) throw error;
      return {
        kind: 'study',
        studies: [],
        issues: [{ path: error.path, message: error.reason, nctId: nctIdOf(value) }],
        nextPageToken: null,
        totalCount: null,
      };
    }
  }
  throw new FormatError(
    'not-this-format',
    `not a ClinicalTrials.gov API v2 study or search page (expected "protocolSection" or "studies" at the top level, got ${
      isObject(value) ? `keys ${Object.keys(value).slice(0, 5).join(', ') || '(none)'}` : kindOf(value)
    })`,
    { file: fileName },
  );
}

/** Whether bytes look like CT.gov v2 JSON (a cheap sniff: JSON object naming studies or protocolSection). */
export function sniffCtgov(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8')
    .decode(bytes.subarray(0, 4096))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return (head.startsWith('{') || head.startsWith('[')) && /"(studies|protocolSection)"\s*:/.test(head);
}

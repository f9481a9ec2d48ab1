import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../../test/support/environment.ts';
import { countriesOf } from '../../science/evidence/trial-facts.ts';
import { FormatError } from '../format-error.ts';
import { jsonErrorOffset, readCtgovJson, readCtgovStudy, sniffCtgov } from './read-ctgov.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name));

describeWithReference('ctgov', 'CT.gov v2 reader on real API responses', () => {
  const studyBytes = () => readFileSync(referencePath('ctgov', 'study-NCT03934567.json'));
  const pageBytes = () => readFileSync(referencePath('ctgov', 'search-page.json'));

  it('reads a single-study response (GET /api/v2/studies/NCT03934567)', () => {
    const doc = readCtgovJson(studyBytes(), 'study-NCT03934567.json');
    expect(doc.kind).toBe('study');
    expect(doc.issues).toEqual([]);
    expect(doc.nextPageToken).toBeNull();
    expect(doc.studies).toHaveLength(1);
    const [study] = doc.studies;
    const f = study?.facts;
    // Values as they stand in the reference response.
    expect(f?.nctId).toBe('NCT03934567');
    expect(f?.title).toBe(
      'A Multi-Center Phase 2 Study to Evaluate Efficacy and Safety of Oral Abexinostat as Monotherapy in Patients With Relapsed or Refractory Follicular Lymphoma',
    );
    expect(f?.officialTitle).toMatch(/^An Open-label, Single-arm, Multi-center Phase 2 Study/);
    expect(f?.status).toBe('ACTIVE_NOT_RECRUITING');
    expect(f?.firstPosted).toBe('2019-05-02');
    expect(f?.lastUpdatePosted).toBe('2025-04-10');
    expect(study?.statusVerifiedDate).toBe('2025-04');
    expect(f?.conditions).toEqual(['Lymphoma, Follicular']);
    expect(f?.phases).toEqual(['PHASE2']);
    expect(f?.interventions).toEqual([
      { type: 'DRUG', name: 'Abexinostat', description: 'Abexinostat tablets', otherNames: [] },
    ]);
    expect(f?.locations).toHaveLength(26);
    expect(f?.locations[0]).toEqual({
      facility: 'Cancer Hospital Chinese Academy of Medical Sciences',
      city: 'Beijing',
      country: 'China',
    });
    expect(countriesOf(f?.locations ?? [])[0]).toBe('China');
    expect(f?.hasResults).toBe(false);
    // The raw JSON is kept as it came, derivedSection and all.
    expect(study?.raw).toEqual(JSON.parse(studyBytes().toString('utf8')));
    expect(sniffCtgov(studyBytes())).toBe(true);
  });

  it('reads a search page (studies[] and nextPageToken)', () => {
    const doc = readCtgovJson(pageBytes(), 'search-page.json');
    expect(doc.kind).toBe('search-page');
    expect(doc.nextPageToken).toBe('NF0g5JaGmg');
    expect(doc.issues).toEqual([]);
    expect(doc.studies.map((s) => s.facts.nctId)).toEqual(['NCT05147467']);
    const f = doc.studies[0]?.facts;
    expect(f).toMatchObject({
      title: 'Study of APG-2575 in Patients With Relapsed/Refractory CLL/SLL',
      status: 'RECRUITING',
      firstPosted: '2021-12-07',
      phases: ['PHASE2'],
      conditions: ['Chronic Lymphocytic Leukemia', 'Small Lymphocytic Lymphoma'],
      hasResults: false,
    });
    expect(f?.interventions.map((i) => [i.type, i.name])).toEqual([['DRUG', 'APG2575']]);
    expect(doc.studies[0]?.path).toBe('studies[0]');
  });

  it('names the JSON path of a damaged study and still reads the others of the page', () => {
    const good = JSON.parse(studyBytes().toString('utf8'));
    const page = JSON.parse(pageBytes().toString('utf8'));
    const noId = structuredClone(good);
    delete noId.protocolSection.identificationModule.nctId;
    const badDate = structuredClone(good);
    badDate.protocolSection.statusModule.studyFirstPostDateStruct.date = '2019-13-02';
    const badLocation = structuredClone(good);
    badLocation.protocolSection.contactsLocationsModule.locations[4] = 'Beijing';
    const doc = readCtgovJson({
      json: { studies: [page.studies[0], noId, badDate, good, badLocation], nextPageToken: null },
    });
    expect(doc.studies.map((s) => s.facts.nctId)).toEqual(['NCT05147467', 'NCT03934567']);
    expect(doc.issues).toEqual([
      { path: 'studies[1].protocolSection.identificationModule.nctId', message: 'missing', nctId: null },
      {
        path: 'studies[2].protocolSection.statusModule.studyFirstPostDateStruct.date',
        message: 'expected a date as YYYY-MM-DD or YYYY-MM, got "2019-13-02"',
        nctId: 'NCT03934567',
      },
      {
        path: 'studies[4].protocolSection.contactsLocationsModule.locations[4]',
        message: 'expected an object, got a string',
        nctId: 'NCT03934567',
      },
    ]);
  });

  it('ignores fields it does not know', () => {
    const good = JSON.parse(studyBytes().toString('utf8'));
    const extended = structuredClone(good);
    extended.protocolSection.identificationModule.someFutureField = { nested: [1, 2] };
    extended.resultsSection = { participantFlowModule: {} };
    extended.annotationSection = 42;
    expect(readCtgovStudy(extended).facts).toEqual(readCtgovStudy(good).facts);
  });
});

describe('CT.gov v2 reader on evlab fixtures (same shape)', () => {
  it('reads page 1: five studies, two issues with JSON paths, the next page token', () => {
    const doc = readCtgovJson(fixture('msc-ev-search-page-1.json'), 'msc-ev-search-page-1.json');
    expect(doc.kind).toBe('search-page');
    expect(doc.nextPageToken).toBe('FIXTURE_PAGE_2');
    expect(doc.studies.map((s) => s.facts.nctId)).toEqual([
      'NCT06598202',
      'NCT04388982',
      'NCT09990001',
      'NCT09990003',
    ]);
    expect(doc.issues).toEqual([
      { path: 'studies[3].protocolSection.identificationModule.nctId', message: 'missing', nctId: null },
      {
        path: 'studies[4].protocolSection.conditionsModule.conditions[1]',
        message: 'expected a string, got a number',
        nctId: 'NCT09990002',
      },
    ]);
  });

  it('normalises a month-precision first-posted date to the first of the month', () => {
    const doc = readCtgovJson(fixture('msc-ev-search-page-1.json'));
    const stroke = doc.studies.find((s) => s.facts.nctId === 'NCT09990001');
    expect(stroke?.facts.firstPosted).toBe('2024-01-01');
    expect(stroke?.facts.officialTitle).toBe(
      'Synthetic Fixture Study of Intravenous BM-MSC EVs in Acute Ischemic Stroke',
    );
    expect(countriesOf(stroke?.facts.locations ?? [])).toEqual(['Iran, Islamic Republic of']);
  });

  it('reads the last page (no nextPageToken) and a single-study response', () => {
    const last = readCtgovJson(fixture('msc-ev-search-page-2.json'));
    expect(last.nextPageToken).toBeNull();
    expect(last.studies[0]?.facts.phases).toEqual(['NA']);
    const single = readCtgovJson(fixture('study-NCT09990001-recruiting.json'));
    expect(single.kind).toBe('study');
    expect(single.studies[0]?.facts.status).toBe('RECRUITING');
    expect(single.studies[0]?.path).toBe('');
  });

  it('reports a single study without a title as an issue at its path', () => {
    const doc = readCtgovJson({
      json: { protocolSection: { identificationModule: { nctId: 'NCT01234567' }, statusModule: {} } },
    });
    expect(doc.studies).toEqual([]);
    expect(doc.issues).toEqual([
      { path: 'protocolSection.identificationModule.briefTitle', message: 'missing', nctId: 'NCT01234567' },
    ]);
  });

  it('refuses malformed NCT ids, wrong types and a missing status with the path', () => {
    const base = {
      protocolSection: {
        identificationModule: { nctId: 'NCT123', briefTitle: 'x' },
        statusModule: { overallStatus: 'RECRUITING' },
      },
    };
    expect(readCtgovJson({ json: [base] }).issues[0]).toMatchObject({
      path: '[0].protocolSection.identificationModule.nctId',
    });
    const noStatus = structuredClone(base);
    noStatus.protocolSection.identificationModule.nctId = 'NCT01234567';
    noStatus.protocolSection.statusModule = {} as typeof base.protocolSection.statusModule;
    expect(readCtgovJson({ json: [noStatus] }).issues[0]?.path).toBe(
      '[0].protocolSection.statusModule.overallStatus',
    );
    const badResults = { ...structuredClone(noStatus), hasResults: 'no' };
    badResults.protocolSection.statusModule = { overallStatus: 'RECRUITING' };
    expect(readCtgovJson({ json: { studies: [badResults] } }).issues[0]).toMatchObject({
      path: 'studies[0].hasResults',
      message: 'expected a boolean, got a string',
    });
  });

  it('throws FormatError for text that is not JSON, with the line', () => {
    const broken = '{\n  "studies": [\n    { "protocolSection": }\n  ]\n}\n';
    let error: unknown;
    try {
      readCtgovJson(broken, 'broken.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormatError);
    expect((error as FormatError).code).toBe('malformed-row');
    expect((error as FormatError).line).toBe(3);
    expect((error as FormatError).byteOffset).toBe(broken.indexOf(': }') + 2);
    expect((error as FormatError).message).toMatch(
      /^broken\.json, line 3, byte \d+: not valid JSON: unexpected "}/,
    );
  });

  it('throws FormatError for empty, truncated and non-CT.gov documents', () => {
    const code = (input: string | Uint8Array) => {
      try {
        readCtgovJson(input, 'x.json');
      } catch (e) {
        return (e as FormatError).code;
      }
      return 'no error';
    };
    expect(code(new Uint8Array())).toBe('empty-file');
    expect(code('  \n')).toBe('empty-file');
    expect(code('{"studies": [')).toBe('truncated');
    expect(code('{"trials": []}')).toBe('not-this-format');
    expect(code('{"studies": {}}')).toBe('not-this-format');
    expect(code('42')).toBe('not-this-format');
    expect(code(Uint8Array.from([0xff, 0xfe, 0x00]))).toBe('unsupported-encoding');
  });

  it('tolerates a UTF-8 byte order mark', () => {
    const text = `\uFEFF${fixture('msc-ev-search-page-2.json').toString('utf8')}`;
    expect(readCtgovJson(new TextEncoder().encode(text)).studies).toHaveLength(1);
  });
});

describe('jsonErrorOffset', () => {
  it('agrees with JSON.parse on what is valid and points at the first bad character', () => {
    const valid = ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]} ', '"s"', '0'];
    for (const text of valid) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(jsonErrorOffset(text)).toBe(-1);
    }
    const invalid: [string, number][] = [
      ['{"a": 01}', 7],
      ['{"a" 1}', 5],
      ['[1, 2,]', 6],
      ['{"a": tru}', 9],
      ['{"a": "x\\q"}', 9],
      ['[1] 2', 4],
      ['{"a": [1, 2', 11],
    ];
    for (const [text, offset] of invalid) {
      expect(() => JSON.parse(text)).toThrow();
      expect([text, jsonErrorOffset(text)]).toEqual([text, offset]);
    }
  });
});

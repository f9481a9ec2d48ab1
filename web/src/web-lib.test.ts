/**
 * Unit tests of the web UI's pure helpers (problem+json errors, number formatting, parameter units, protocol
 * JSON validation).
 * They live here because vitest.config.ts collects tests from src/, test/, e2e/ and bench/ only.
 */
import { describe, expect, it } from 'vitest';
import { problemToError, withQuery } from './api/client.ts';
import { formatDelta, formatFixed, formatLocalDateTime, formatSci, formatSciTick } from './lib/format.ts';
import { describeParameter } from './lib/labels.ts';

describe('formatSci', () => {
  it('writes concentrations as mantissa×10ⁿ with the requested significant digits', () => {
    expect(formatSci(2.1e8)).toBe('2.1×10⁸');
    expect(formatSci(9.13e8, 3)).toBe('9.13×10⁸');
    expect(formatSci(6.97e7, 2)).toBe('7.0×10⁷');
    expect(formatSci(3.2e9, 3)).toBe('3.20×10⁹');
    expect(formatSci(1.2e-5)).toBe('1.2×10⁻⁵');
  });
  it('carries a rounded mantissa of 10 into the exponent', () => {
    expect(formatSci(9.97e8, 2)).toBe('1.0×10⁹');
  });
  it('writes moderate values plainly and missing values as a dash', () => {
    expect(formatSci(0)).toBe('0');
    expect(formatSci(94.7, 3)).toBe('94.7');
    expect(formatSci(null)).toBe('—');
    expect(formatSci(Number.NaN)).toBe('—');
  });
  it('drops insignificant zeros on axis ticks only', () => {
    expect(formatSciTick(2e7)).toBe('2×10⁷');
    expect(formatSciTick(1.5e7)).toBe('1.5×10⁷');
  });
});

describe('fixed and delta formatting', () => {
  it('uses a true minus sign and no sign for zero', () => {
    expect(formatDelta(-0.3)).toBe('−0.3');
    expect(formatDelta(0.2)).toBe('+0.2');
    expect(formatDelta(0.04)).toBe('0.0');
    expect(formatDelta(-0.04)).toBe('0.0');
  });
  it('groups thousands and keeps the decimals', () => {
    expect(formatFixed(100000, 0)).toBe('100,000');
    expect(formatFixed(0.8654, 3)).toBe('0.865');
  });
  it('shows an instrument local time as written, without shifting time zones', () => {
    expect(formatLocalDateTime('2021-04-01T15:28:16')).toBe('2021-04-01 15:28:16');
  });
});

describe('describeParameter', () => {
  it('reads the unit from the key suffix', () => {
    expect(describeParameter('rcfG', 100000)).toEqual({ label: 'RCF', value: '100,000 ×g' });
    // Protocol-builder keys (src/science/isolation-chain/step-parameters.ts): the longest unit suffix wins.
    expect(describeParameter('evDensityGPerMl', 1.15)).toEqual({ label: 'EV density', value: '1.15 g/mL' });
    expect(describeParameter('mediumDensityGPerMl', 1)).toEqual({ label: 'Medium density', value: '1 g/mL' });
    expect(describeParameter('viscosityCp', 1.55)).toEqual({ label: 'Viscosity', value: '1.55 cP' });
    expect(describeParameter('membraneAreaCm2', 7.6)).toEqual({ label: 'Membrane area', value: '7.6 cm²' });
    expect(describeParameter('fluxLmh', 20)).toEqual({ label: 'Flux', value: '20 L/m²/h' });
    expect(describeParameter('evRecoveryPercent', 90).label).toBe('EV recovery');
    expect(describeParameter('minutes', 70)).toEqual({ label: 'Time', value: '70 min' });
    expect(describeParameter('temperatureC', 4)).toEqual({ label: 'Temperature', value: '4 °C' });
    expect(describeParameter('mwcoKDa', 300)).toEqual({ label: 'MWCO', value: '300 kDa' });
    expect(describeParameter('poreSizeUm', 0.22)).toEqual({ label: 'Pore size', value: '0.22 µm' });
  });
  it('leaves text values alone', () => {
    expect(describeParameter('column', 'qEV original 70 nm')).toEqual({
      label: 'Column',
      value: 'qEV original 70 nm',
    });
  });
});

describe('problemToError', () => {
  it('keeps status, title, detail and the field paths of a problem+json answer', () => {
    const body = JSON.stringify({
      type: 'urn:evlab:problem:validation-error',
      title: 'Invalid request',
      status: 400,
      detail: 'code: Too small',
      errors: [{ path: ['isolationProtocol', 'steps', 0, 'method'], message: 'Invalid option' }],
    });
    const error = problemToError(400, 'Bad Request', body, 'application/problem+json; charset=utf-8');
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(400);
    expect(error.title).toBe('Invalid request');
    expect(error.detail).toBe('code: Too small');
    expect(error.message).toBe('Invalid request: code: Too small');
    expect(error.fieldError(['isolationProtocol', 'steps', 0, 'method'])).toBe('Invalid option');
    expect(error.fieldError(['code'])).toBeNull();
  });
  it('keeps extensions such as the upload results', () => {
    const body = JSON.stringify({ title: 'Unreadable file', status: 422, detail: 'x', results: [{ a: 1 }] });
    expect(problemToError(422, '', body, 'application/problem+json').problem?.results).toEqual([{ a: 1 }]);
  });
  it('turns a non-JSON answer into a readable error without HTML', () => {
    const error = problemToError(502, 'Bad Gateway', '<html>proxy error</html>', 'text/html');
    expect(error.status).toBe(502);
    expect(error.title).toBe('Bad Gateway');
    expect(error.detail).toBe('The evlab server failed to answer.');
  });
});

describe('withQuery', () => {
  it('drops empty parameters and encodes the rest', () => {
    expect(
      withQuery('/api/batches', { status: 'in-qc', q: 'UC 0', sourceId: undefined, offset: 0, x: '' }),
    ).toBe('/api/batches?status=in-qc&q=UC+0&offset=0');
  });
});

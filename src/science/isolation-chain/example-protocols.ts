/**
 * Example chains (the web builder's starting points and the tests' fixtures), each after a published
 * protocol. Parameters not given take the defaults of step-parameters.ts.
 */
import type { IsolationProtocol } from '../../domain/isolation-protocol.ts';

export interface ExampleProtocol {
  label: string;
  source: string;
  protocol: IsolationProtocol;
}

const s = (
  method: IsolationProtocol['steps'][number]['method'],
  parameters: Record<string, string | number> = {},
  notes = '',
) => ({
  method,
  parameters,
  notes,
});

export const EXAMPLE_PROTOCOLS = {
  'duc-classic': {
    label: 'Differential ultracentrifugation',
    source: 'Théry et al. 2006, Curr Protoc Cell Biol 3.22',
    protocol: {
      version: 1,
      name: 'dUC (Théry 2006)',
      steps: [
        s('low-speed-centrifugation', { rotor: 'A-4-62', rcfG: 300, minutes: 10 }, 'remove cells'),
        s('low-speed-centrifugation', { rotor: 'A-4-62', rcfG: 2000, minutes: 10 }, 'remove dead cells'),
        s(
          'differential-ultracentrifugation',
          { rotor: 'Type 45 Ti', rcfG: 10_000, minutes: 30 },
          'remove debris and large EVs',
        ),
        s(
          'differential-ultracentrifugation',
          { rotor: 'Type 45 Ti', rcfG: 100_000, minutes: 70 },
          'pellet small EVs',
        ),
      ],
    },
  },
  'tff-sec': {
    label: 'TFF + size-exclusion',
    source: 'Haraszti et al. 2018, Mol Ther 26:2838 (TFF); Böing et al. 2014 (SEC)',
    protocol: {
      version: 1,
      name: 'TFF + SEC',
      steps: [
        s('low-speed-centrifugation', { rotor: 'A-4-62', rcfG: 2000, minutes: 10 }),
        s('filtration', { poreSizeUm: 0.22 }),
        s('tangential-flow-filtration', { mwcoKda: 300, concentrationFactor: 200 }),
        s('size-exclusion-chromatography', {
          resin: 'qev-70',
          bedVolumeMl: 10,
          fractionVolumeMl: 0.5,
          collectFractions: '7-9',
        }),
      ],
    },
  },
  'dg-iodixanol': {
    label: 'dUC + iodixanol gradient',
    source: 'Van Deun et al. 2014, J Extracell Vesicles 3:24858',
    protocol: {
      version: 1,
      name: 'dUC + ODG',
      steps: [
        s('low-speed-centrifugation', { rotor: 'A-4-62', rcfG: 2000, minutes: 10 }),
        s('differential-ultracentrifugation', {
          rotor: 'Type 45 Ti',
          rcfG: 100_000,
          minutes: 120,
          resuspendVolumeMl: 1,
        }),
        s('density-gradient-ultracentrifugation', {
          medium: 'iodixanol',
          layers: '5,10,20,40',
          rotor: 'SW 40 Ti',
        }),
        s(
          'differential-ultracentrifugation',
          { rotor: 'SW 40 Ti', rcfG: 100_000, minutes: 180, suspension: 'pbs' },
          'wash out iodixanol',
        ),
      ],
    },
  },
  'peg-sec': {
    label: 'PEG precipitation + SEC',
    source: 'Rider et al. 2016, Sci Rep 6:23978',
    protocol: {
      version: 1,
      name: 'PEG + SEC',
      steps: [
        s('low-speed-centrifugation', { rotor: 'A-4-62', rcfG: 2000, minutes: 10 }),
        s('polymer-precipitation', { pegPercent: 8.4, hours: 12 }),
        s('size-exclusion-chromatography', { resin: 'sepharose-cl-2b' }),
      ],
    },
  },
} satisfies Record<string, ExampleProtocol>;

export type ExampleProtocolKey = keyof typeof EXAMPLE_PROTOCOLS;

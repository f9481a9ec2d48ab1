/**
 * Label caveats for biodistribution analysis: what each labelling strategy measures besides intact EVs, as
 * rules evlab checks against a dataset. Each caveat cites the primary literature; the data-driven ones
 * become warnings when the dataset shows the pattern (e.g. rising thyroid or stomach signal with ⁹⁹ᵐTc).
 *
 * The review's general strengths and limitations of each modality (Li et al. 2025, section 4.2) are in the
 * evidence tables (src/domain/evidence/), not here.
 */
import type { Citation } from '../../../domain/citation.ts';
import { EV_LABELS, type EvLabel, type LabelModality } from '../../../domain/ev-label.ts';
import type { TimePoint } from './organ-exposure.ts';
import { NUDAT_ENSDF } from './radionuclide-half-lives.ts';

export const LAI_2014: Citation = {
  authors: 'Lai et al.',
  year: 2014,
  title: 'Dynamic biodistribution of extracellular vesicles in vivo using a multimodal imaging reporter',
  journal: 'ACS Nano 8:483–494',
  doi: '10.1021/nn404945r',
};
export const LAI_2015: Citation = {
  authors: 'Lai et al.',
  year: 2015,
  title:
    'Visualization and tracking of tumour extracellular vesicle delivery and RNA translation using multiplexed reporters',
  journal: 'Nat. Commun. 6:7029',
  doi: '10.1038/ncomms8029',
};
export const TAKOV_2017: Citation = {
  authors: 'Takov et al.',
  year: 2017,
  title: 'Confounding factors in vesicle uptake studies using fluorescent lipophilic membrane dyes',
  journal: 'J. Extracell. Vesicles 6:1388731',
  doi: '10.1080/20013078.2017.1388731',
};
export const SIMONSEN_2019: Citation = {
  authors: 'Simonsen',
  year: 2019,
  title:
    'Pitfalls associated with lipophilic fluorophore staining of extracellular vesicles for uptake studies',
  journal: 'J. Extracell. Vesicles 8:1582237',
  doi: '10.1080/20013078.2019.1582237',
};
export const DEHGHANI_2020: Citation = {
  authors: 'Dehghani et al.',
  year: 2020,
  title:
    'Systematic evaluation of PKH labelling on extracellular vesicle size by nanoparticle tracking analysis',
  journal: 'Sci. Rep. 10:9533',
};
export const WIKLANDER_2015_BIODIST: Citation = {
  authors: 'Wiklander et al.',
  year: 2015,
  title:
    'Extracellular vesicle in vivo biodistribution is determined by cell source, route of administration and targeting',
  journal: 'J. Extracell. Vesicles 4:26316',
  doi: '10.3402/jev.v4.26316',
};
export const LAZARO_IBANEZ_2021: Citation = {
  authors: 'Lázaro-Ibáñez et al.',
  year: 2021,
  title:
    'Selection of fluorescent, bioluminescent, and radioactive tracers to accurately reflect extracellular vesicle biodistribution in vivo',
  journal: 'ACS Nano 15:3212–3227',
  doi: '10.1021/acsnano.0c09873',
};
export const DOHAN_2003: Citation = {
  authors: 'Dohán et al.',
  year: 2003,
  title: 'The sodium/iodide symporter (NIS): characterization, regulation, and medical significance',
  journal: 'Endocr. Rev. 24:48–77',
  doi: '10.1210/er.2001-0029',
};
export const ABOU_2011: Citation = {
  authors: 'Abou et al.',
  year: 2011,
  title: 'In vivo biodistribution and accumulation of 89Zr in mice',
  journal: 'Nucl. Med. Biol. 38:675–681',
};
export const BOSWELL_2004: Citation = {
  authors: 'Boswell et al.',
  year: 2004,
  title:
    'Comparative in vivo stability of copper-64-labeled cross-bridged and conventional tetraazamacrocyclic complexes',
  journal: 'J. Med. Chem. 47:1465–1474',
  doi: '10.1021/jm030383m',
};
export const TAKAHASHI_2013_BLI: Citation = {
  authors: 'Takahashi et al.',
  year: 2013,
  title:
    'Visualization and in vivo tracking of the exosomes of murine melanoma B16-BL6 cells in mice after intravenous injection',
  journal: 'J. Biotechnol. 165:77–84',
  doi: '10.1016/j.jbiotec.2013.03.013',
};
export const RICE_2001: Citation = {
  authors: 'Rice et al.',
  year: 2001,
  title: 'In vivo imaging of light-emitting probes',
  journal: 'J. Biomed. Opt. 6:432–440',
};
export const BUSATO_2016: Citation = {
  authors: 'Busato et al.',
  year: 2016,
  title:
    'Magnetic resonance imaging of ultrasmall superparamagnetic iron oxide-labeled exosomes from stem cells: a new method to obtain labeled exosomes',
  journal: 'Int. J. Nanomedicine 11:2481–2490',
};
export const BETZER_2017: Citation = {
  authors: 'Betzer et al.',
  year: 2017,
  title: 'In vivo neuroimaging of exosomes using gold nanoparticles',
  journal: 'ACS Nano 11:10883–10893',
  doi: '10.1021/acsnano.7b04495',
};

export interface LabelCaveat {
  code: string;
  title: string;
  /** Labels it applies to: by modality, or by specific label. */
  modalities: readonly LabelModality[];
  labels: readonly EvLabel[];
  message: string;
  citations: Citation[];
}

/** The caveat table. Order: most consequential first within a modality. */
export const LABEL_CAVEATS: readonly LabelCaveat[] = [
  {
    code: 'lipophilic-dye-persistence',
    title: 'Dye signal can outlast the vesicle',
    modalities: ['lipophilic-dye'],
    labels: [],
    message:
      'Carbocyanine and PKH dyes stay fluorescent after the EV is degraded and exchange into cell membranes and lipoproteins; late organ signal can be dye, not EVs.',
    citations: [TAKOV_2017, SIMONSEN_2019],
  },
  {
    code: 'lipophilic-dye-aggregates',
    title: 'Free-dye aggregates look like EVs',
    modalities: ['lipophilic-dye'],
    labels: [],
    message:
      'Unbound dye forms micelles and aggregates of EV size that are taken up like EVs, and PKH labelling shifts the measured EV size; remove free dye and run a dye-only control processed like the EVs.',
    citations: [TAKOV_2017, DEHGHANI_2020, WIKLANDER_2015_BIODIST],
  },
  {
    code: 'membrane-reporter-alternative',
    title: 'Genetically encoded membrane reporters avoid dye transfer',
    modalities: ['lipophilic-dye'],
    labels: [],
    message:
      'Palmitoylated fluorescent proteins label the EV membrane from within the producing cell and do not transfer like dyes; consider them to confirm dye-based distributions.',
    citations: [LAI_2015],
  },
  {
    code: 'optical-depth-attenuation',
    title: 'Optical signal depends on depth and tissue',
    modalities: ['lipophilic-dye', 'fluorescent-protein', 'bioluminescence'],
    labels: [],
    message:
      'Tissue absorbs and scatters light (about tenfold per centimetre for visible light, least in the near infrared); radiance reflects depth and organ colour (liver, spleen) as much as EV amount, so in-vivo and ex-vivo radiance are semi-quantitative.',
    citations: [RICE_2001],
  },
  {
    code: 'bli-substrate-kinetics',
    title: 'Bioluminescence follows substrate kinetics',
    modalities: ['bioluminescence'],
    labels: [],
    message:
      'Light needs the substrate at the reporter: image at a fixed time after substrate injection, and note that Gaussia-luciferase EV signal in blood falls within minutes after IV dosing, so signal loss mixes clearance, reporter degradation and substrate supply.',
    citations: [LAI_2014, TAKAHASHI_2013_BLI],
  },
  {
    code: 'free-pertechnetate',
    title: 'Detached ⁹⁹ᵐTc shows up in thyroid, stomach and salivary glands',
    modalities: [],
    labels: ['99mTc'],
    message:
      'Free pertechnetate is taken up by the sodium/iodide symporter (thyroid, gastric mucosa, salivary glands); signal there reports label that left the EVs. Include these organs and check label stability in serum.',
    citations: [DOHAN_2003],
  },
  {
    code: 'free-radioiodide',
    title: 'Deiodinated label accumulates in thyroid and stomach',
    modalities: [],
    labels: ['125I', '124I', '131I'],
    message:
      'Radioiodide released by deiodination is concentrated by the sodium/iodide symporter in thyroid, stomach and salivary glands; block the thyroid or account for this signal.',
    citations: [DOHAN_2003],
  },
  {
    code: 'detached-indium',
    title: 'Tracer choice changes the apparent distribution',
    modalities: [],
    labels: ['111In'],
    message:
      'The same EVs look different with different tracers; ¹¹¹In chelated to the EV surface gave the most quantitative organ values in a head-to-head comparison, but counting cannot tell label released from its chelator from EV-bound label: test label stability in serum.',
    citations: [LAZARO_IBANEZ_2021],
  },
  {
    code: 'free-zirconium-bone',
    title: 'Free ⁸⁹Zr goes to bone',
    modalities: [],
    labels: ['89Zr'],
    message:
      'Unchelated ⁸⁹Zr is osteophilic and accumulates in bone over days; rising bone signal means detached label.',
    citations: [ABOU_2011],
  },
  {
    code: 'copper-transchelation',
    title: '⁶⁴Cu can transchelate to liver proteins',
    modalities: [],
    labels: ['64Cu'],
    message:
      'Copper lost from its chelator is taken up by the liver; hepatic signal mixes EVs and released copper.',
    citations: [BOSWELL_2004],
  },
  {
    code: 'iron-oxide-persistence',
    title: 'Iron oxide contrast persists after the EV',
    modalities: ['mri'],
    labels: [],
    message:
      'USPIO contrast marks iron wherever it ends up (macrophages, after EV degradation) and darkens T2/T2*-weighted images non-linearly with amount; MRI maps are semi-quantitative.',
    citations: [BUSATO_2016],
  },
  {
    code: 'gold-persistence',
    title: 'Gold nanoparticles persist and need high loading',
    modalities: ['ct'],
    labels: [],
    message:
      'CT detects gold only at high loading and the particles outlast the vesicle; the image follows gold, not necessarily intact EVs.',
    citations: [BETZER_2017],
  },
];

export interface CaveatFlag {
  code: string;
  level: 'info' | 'warning';
  title: string;
  message: string;
  /** What in the dataset triggered a warning (null for a general caveat of the label). */
  evidence: string | null;
  citations: Citation[];
}

export interface CaveatContext {
  label: EvLabel | null;
  /** Amount (%ID) or signal per organ key, means over time. */
  series: ReadonlyMap<string, readonly TimePoint[]>;
  /** Blood concentration-unit series for comparisons (null when no blood). */
  blood: readonly TimePoint[] | null;
  decayCorrected: boolean;
  /** True for relative signals (radiance, counts). */
  relativeUnits: boolean;
}

/** Hours after which lipophilic-dye signal is treated as "late" (evlab threshold: one day). */
export const LATE_DYE_SIGNAL_H = 24;

function rising(points: readonly TimePoint[] | undefined): { from: TimePoint; to: TimePoint } | null {
  if (!points || points.length < 2) return null;
  const sorted = [...points].sort((a, b) => a.timeH - b.timeH);
  const from = sorted[0] as TimePoint;
  const to = sorted[sorted.length - 1] as TimePoint;
  return to.value > from.value ? { from, to } : null;
}

function fmt(v: number): string {
  return Number(v.toPrecision(3)).toString();
}

export function caveatsFor(label: EvLabel): LabelCaveat[] {
  const modality = EV_LABELS[label];
  return LABEL_CAVEATS.filter((c) => c.labels.includes(label) || c.modalities.includes(modality));
}

/** The caveats of the dataset's label, raised to warnings where the data show the pattern. */
export function labelCaveatFlags(ctx: CaveatContext): CaveatFlag[] {
  const flags: CaveatFlag[] = [];
  if (ctx.label === null) {
    flags.push({
      code: 'label-unknown',
      level: 'info',
      title: 'No label given',
      message: 'Name the label to see its caveats (detached label, dye persistence, signal kinetics).',
      evidence: null,
      citations: [LAZARO_IBANEZ_2021],
    });
    return flags;
  }
  const modality = EV_LABELS[ctx.label];
  const times = [...ctx.series.values()].flatMap((s) => s.map((p) => p.timeH));
  const lastH = times.length > 0 ? Math.max(...times) : null;

  for (const caveat of caveatsFor(ctx.label)) {
    let evidence: string | null = null;
    switch (caveat.code) {
      case 'lipophilic-dye-persistence':
        if (lastH !== null && lastH >= LATE_DYE_SIGNAL_H) {
          evidence = `data run to ${fmt(lastH)} h (≥ ${LATE_DYE_SIGNAL_H} h after dosing)`;
        }
        break;
      case 'optical-depth-attenuation':
        if (!ctx.relativeUnits) continue;
        break;
      case 'free-pertechnetate':
      case 'free-radioiodide': {
        const hits: string[] = [];
        for (const organ of ['thyroid', 'stomach', 'salivary-gland']) {
          const r = rising(ctx.series.get(organ));
          if (r)
            hits.push(
              `${organ} rises ${fmt(r.from.value)} → ${fmt(r.to.value)} (${fmt(r.from.timeH)}–${fmt(r.to.timeH)} h)`,
            );
        }
        if (hits.length > 0) evidence = hits.join('; ');
        break;
      }
      case 'free-zirconium-bone': {
        const r = rising(ctx.series.get('bone'));
        if (r)
          evidence = `bone rises ${fmt(r.from.value)} → ${fmt(r.to.value)} (${fmt(r.from.timeH)}–${fmt(r.to.timeH)} h)`;
        break;
      }
      default:
        break;
    }
    flags.push({
      code: caveat.code,
      level: evidence ? 'warning' : 'info',
      title: caveat.title,
      message: caveat.message,
      evidence,
      citations: caveat.citations,
    });
  }

  if (modality === 'radioisotope' && !ctx.decayCorrected) {
    flags.push({
      code: 'not-decay-corrected',
      level: 'info',
      title: 'Values used as given (no decay correction)',
      message:
        'Counts compared with a dose standard counted at the same time are already decay-corrected; raw counts or %ID against a standard counted at injection need decay correction to the injection time.',
      evidence: null,
      citations: [NUDAT_ENSDF],
    });
  }
  flags.push({
    code: 'tracer-comparison',
    level: 'info',
    title: 'The label shapes the distribution',
    message:
      'Fluorescent, bioluminescent and radioactive tracers on the same EVs give different organ patterns; compare studies only with the same label.',
    evidence: null,
    citations: [LAZARO_IBANEZ_2021],
  });
  return flags;
}

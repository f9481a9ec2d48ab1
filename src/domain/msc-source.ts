import { z } from 'zod';
import { patchSchemaOf } from './patch-schema.ts';

/**
 * Tissue of origin of the mesenchymal stromal/stem cells. Umbilical cord and its Wharton's jelly are kept
 * apart because trials and the review (Li et al. 2025, Front Cell Dev Biol 13:1626996, Table 6) report them
 * separately; iPSC-derived MSCs appear as a source in registered trials. Umbilical cord blood is its own
 * source: a blood compartment, not cord tissue, whose MSCs are isolated at a much lower frequency than from
 * cord tissue (Bieback K et al. 2004, Stem Cells 22:625–634, doi:10.1634/stemcells.22-4-625); the review's
 * Table 5 lists it apart ("Umbilical cord blood", NCT02138331).
 */
export const TISSUES = [
  'umbilical-cord',
  'umbilical-cord-blood',
  'wharton-jelly',
  'bone-marrow',
  'adipose',
  'placenta',
  'dental-pulp',
  'ipsc',
  'other',
] as const;
export type Tissue = (typeof TISSUES)[number];

export const TISSUE_LABELS: Record<Tissue, string> = {
  'umbilical-cord': 'Umbilical cord',
  'umbilical-cord-blood': 'Umbilical cord blood',
  'wharton-jelly': "Wharton's jelly",
  'bone-marrow': 'Bone marrow',
  adipose: 'Adipose tissue',
  placenta: 'Placenta',
  'dental-pulp': 'Dental pulp',
  ipsc: 'iPSC-derived',
  other: 'Other',
};

export const CULTURE_FORMATS = ['2d-flask', '3d-spheroid', 'bioreactor-microcarrier'] as const;
export type CultureFormat = (typeof CULTURE_FORMATS)[number];

export const MEDIUM_SUPPLEMENTS = ['serum-free', 'ev-depleted-fbs', 'human-platelet-lysate'] as const;
export type MediumSupplement = (typeof MEDIUM_SUPPLEMENTS)[number];

export const PRECONDITIONINGS = ['none', 'hypoxia', 'cytokine-priming'] as const;
export type Preconditioning = (typeof PRECONDITIONINGS)[number];

export const mscSourceInputSchema = z.object({
  projectId: z.string().min(1),
  tissue: z.enum(TISSUES),
  donorCode: z.string().trim().min(1).max(100),
  passage: z.number().int().min(0).max(100).nullable().default(null),
  cultureFormat: z.enum(CULTURE_FORMATS).default('2d-flask'),
  mediumSupplement: z.enum(MEDIUM_SUPPLEMENTS).default('serum-free'),
  preconditioning: z.enum(PRECONDITIONINGS).default('none'),
  notes: z.string().max(5000).default(''),
});
export type MscSourceInput = z.input<typeof mscSourceInputSchema>;
export type MscSourceData = z.output<typeof mscSourceInputSchema>;
export const mscSourcePatchSchema = patchSchemaOf(mscSourceInputSchema.omit({ projectId: true }));
export type MscSourcePatch = z.output<typeof mscSourcePatchSchema>;

export interface MscSource extends MscSourceData {
  id: string;
  createdAt: string;
  updatedAt: string;
}

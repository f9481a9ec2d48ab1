import { z } from 'zod';
import { patchSchemaOf } from './patch-schema.ts';

export const projectInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).default(''),
});
export type ProjectInput = z.input<typeof projectInputSchema>;
export type ProjectData = z.output<typeof projectInputSchema>;
export const projectPatchSchema = patchSchemaOf(projectInputSchema);
export type ProjectPatch = z.output<typeof projectPatchSchema>;

export interface Project extends ProjectData {
  id: string;
  createdAt: string;
  updatedAt: string;
}

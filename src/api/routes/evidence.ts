import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINISTRATION_ROUTES } from '../../domain/administration-route.ts';
import { citationSchema } from '../../domain/citation.ts';
import {
  ADMINISTRATION_ROUTE_PROFILES,
  administrationRouteProfileSchema,
  CHARACTERIZATION_TECHNIQUES,
  CLEARANCE_MECHANISMS,
  characterizationTechniqueSchema,
  clearanceMechanismSchema,
  EV_PROPERTIES,
  EV_PROTEIN_MARKERS,
  EVIDENCE_LEVELS,
  evPropertySchema,
  evProteinMarkersSchema,
  ISOLATION_TECHNIQUE_SUMMARIES,
  isolationTechniqueSummarySchema,
  LABEL_MODALITY_PROFILES,
  labelModalityProfileSchema,
  mscSourceProfileSchema,
  neuroFindingSchema,
  SAFETY_NOTES,
  safetyNoteSchema,
} from '../../domain/evidence/index.ts';
import { EVIDENCE_SOURCES } from '../../domain/evidence-source.ts';
import { NEUROLOGICAL_DISORDER_SLUGS } from '../../domain/neurological-disorder.ts';
import { jsonDepthExceededAt } from '../../formats/ctgov/read-ctgov.ts';
import { importCtgovBytes } from '../../jobs/evidence-import-ctgov.ts';
import {
  batchEvidence,
  exportEvidence,
  searchEvidence,
  sourceProfilesWithCounts,
} from '../../jobs/evidence-views.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import { resolveDisorder } from '../../science/evidence/resolve-disorder.ts';
import { TRIAL_RELEVANCE, TRIAL_RELEVANCE_RULE } from '../../science/evidence/trial-relevance.ts';
import { ApiProblem, PROBLEM_TYPES } from '../problem.ts';
import { actorOf, found } from '../request-context.ts';
import { idParams, pageQuery, problemModel, problemResponses } from '../schemas.ts';

const tags = ['evidence'];

/** A CT.gov search page of 1000 studies (the API's largest pageSize) is ~10–25 MB of JSON. */
const IMPORT_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

// ---------------------------------------------------------------- models

const counts = z.record(z.string(), z.number().int());

const statusChangeModel = z.object({
  status: z.string(),
  at: z.string().nullable().describe('When the status was observed (YYYY-MM-DD)'),
  origin: z.enum(['curated', 'ctgov']),
  recordedAt: z.string(),
});

export const trialModel = z
  .object({
    nctId: z.string(),
    title: z.string(),
    officialTitle: z.string().nullable(),
    status: z.string().describe('CT.gov overall status (RECRUITING, COMPLETED, …)'),
    conditions: z.array(z.string()),
    phases: z.array(z.string()),
    firstPosted: z.string().nullable().describe('YYYY-MM-DD'),
    mscSource: z.enum(EVIDENCE_SOURCES),
    mscSourceRule: z.string().describe('Why the source was classified so (review entry or matched text)'),
    neurological: z.boolean(),
    neurologicalRule: z.string(),
    disorder: z.string().nullable(),
    locations: z.array(z.string()),
    countries: z.array(z.string()),
    interventions: z.array(
      z.object({
        type: z.string(),
        name: z.string(),
        description: z.string(),
        otherNames: z.array(z.string()),
      }),
    ),
    hasResults: z.boolean(),
    origin: z.enum(['curated', 'ctgov', 'both']),
    relevance: z.enum(TRIAL_RELEVANCE).describe(TRIAL_RELEVANCE_RULE),
    statusHistory: z.array(statusChangeModel),
    statusObservedAt: z.string().nullable(),
    citation: citationSchema,
    citations: z.array(citationSchema),
    importedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({
    id: 'EvidenceTrial',
    description: 'A registered MSC-EV trial with its classifications and citations.',
  });

const trialFacets = z.object({
  source: counts,
  phase: counts,
  status: counts,
  country: counts,
  year: counts,
  neurological: counts,
  disorder: counts,
});

export const findingModel = neuroFindingSchema
  .extend({ title: z.string(), citations: z.array(citationSchema) })
  .meta({
    id: 'EvidenceFinding',
    description: 'A neurological finding for MSC-EVs (Li et al. 2025, section 6).',
  });

const findingFacets = z.object({
  source: counts,
  disorder: counts,
  route: counts,
  evidenceLevel: counts,
  species: counts,
});

const sourceProfileModel = mscSourceProfileSchema
  .extend({
    markers: z.object({
      positive: z.array(z.string()),
      negative: z.array(z.string()),
      conflicting: mscSourceProfileSchema.shape.conflictingMarkers,
    }),
    findings: z.number().int(),
    trials: z.number().int(),
  })
  .meta({
    id: 'EvidenceSourceProfile',
    description: 'An MSC source (Li et al. 2025 Table 6) with evidence counts.',
  });

const importResultModel = z.object({
  rawFiles: z
    .array(
      z.object({
        source: z.string(),
        rawFileId: z.string(),
        sha256: z.string(),
        sizeBytes: z.number().int(),
      }),
    )
    .describe('The body as received, stored unchanged before parsing (GET /api/raw-files/:id/content)'),
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(
    z.object({
      path: z
        .string()
        .describe(
          'JSON path of the offending value, e.g. studies[3].protocolSection.identificationModule.nctId',
        ),
      message: z.string(),
      nctId: z.string().nullable(),
    }),
  ),
  studies: z.array(
    z.object({
      nctId: z.string(),
      outcome: z.enum(['imported', 'updated', 'unchanged']),
      statusChanged: z.boolean(),
    }),
  ),
});

const hitModel = z.object({
  kind: z.enum(['trial', 'finding', 'source', 'route', 'label']),
  id: z.string(),
  title: z.string(),
  snippet: z.string().describe('Matching words wrapped in ** (Markdown bold)'),
});

const matched = { matchedBy: z.array(z.enum(['source', 'disorder'])) };

const batchEvidenceModel = z
  .object({
    batchId: z.string(),
    source: z.enum(EVIDENCE_SOURCES).nullable(),
    sources: z.array(z.enum(EVIDENCE_SOURCES)),
    indication: z.string().nullable(),
    disorder: z.string().nullable(),
    findings: z.array(findingModel.extend(matched)),
    trials: z.array(trialModel.extend(matched)),
    routes: z.array(administrationRouteProfileSchema.extend({ findings: z.number().int() })),
    markers: z.object({
      positive: z.array(z.string()),
      negative: z.array(z.string()),
      conflicting: mscSourceProfileSchema.shape.conflictingMarkers,
      citations: z.array(citationSchema),
    }),
  })
  .meta({ id: 'BatchEvidence', description: "What a batch's MSC source and intended indication link to." });

// ---------------------------------------------------------------- queries

const neuroFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .describe('true: only neurological trials; false: only the others');

const trialQuery = pageQuery.extend({
  q: z.string().max(500).optional().describe('Full text: words, "phrases", -exclusions, OR'),
  condition: z.string().max(200).optional(),
  source: z.enum(EVIDENCE_SOURCES).optional(),
  phase: z.string().max(40).optional(),
  status: z.string().max(60).optional(),
  country: z.string().max(100).optional(),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  neuro: neuroFlag.optional(),
  disorder: z.string().max(200).optional().describe('Disorder slug or name'),
  origin: z.enum(['curated', 'ctgov', 'both']).optional(),
  relevance: z
    .enum([...TRIAL_RELEVANCE, 'all'])
    .optional()
    .describe('MSC-EV relevance (default relevant); pending = imported, not matching the rule'),
});

const findingQuery = pageQuery.extend({
  q: z.string().max(500).optional(),
  disorder: z.string().max(200).optional(),
  source: z.enum(EVIDENCE_SOURCES).optional(),
  route: z.enum(ADMINISTRATION_ROUTES).optional(),
  level: z.enum(EVIDENCE_LEVELS).optional(),
});

/** A disorder parameter read as a slug; 400 naming the parameter when it names no disorder. */
function disorderParam(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const slug = resolveDisorder(text);
  if (slug === null) {
    throw new ApiProblem({
      type: PROBLEM_TYPES.validation,
      title: 'Invalid request',
      status: 400,
      detail: `disorder "${text}" names no known disorder (known: ${NEUROLOGICAL_DISORDER_SLUGS.join(', ')})`,
      code: 'validation-error',
      in: 'querystring',
      errors: [{ path: ['disorder'], message: 'unknown disorder' }],
    });
  }
  return slug;
}

/**
 * /api/evidence: the curated MSC-EV evidence of Li et al. 2025 (Front Cell Dev Biol 13:1626996) and
 * registered trials (Table 5 + ClinicalTrials.gov imports): search, facets, matrix, timeline, exports,
 * reference tables; /api/batches/:id/evidence links a batch to it.
 */
/** The request's bytes as received, kept by the JSON parser of this plugin (see below). */
const RAW_BODY = Symbol('evlab.rawBody');
type WithRawBody = { [RAW_BODY]?: Buffer };

export const evidenceRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  // Raw uploads are stored unchanged before parsing (docs/conventions.md): this plugin's JSON parser keeps
  // the exact bytes of a CT.gov import for the blob store, then parses them like Fastify's own parser.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    const bytes = body as Buffer;
    (req as unknown as WithRawBody)[RAW_BODY] = bytes;
    if (bytes.length === 0) {
      done(
        Object.assign(new Error("Body cannot be empty when content-type is set to 'application/json'"), {
          statusCode: 400,
          code: 'FST_ERR_CTP_EMPTY_JSON_BODY',
        }),
      );
      return;
    }
    try {
      const text = bytes.toString('utf8');
      // Too deeply nested: leave it to the CT.gov reader, which refuses it with a 422 before any recursion.
      done(null, jsonDepthExceededAt(text) >= 0 ? undefined : JSON.parse(text));
    } catch {
      // Not JSON: the route still stores the bytes, then the CT.gov reader rejects them with the line and
      // byte offset of the problem (422), which Fastify's parser would not give.
      done(null, undefined);
    }
  });

  app.get(
    '/evidence/trials',
    {
      schema: {
        tags,
        summary: 'Registered trials with facets (source, phase, status, country, year, neurological)',
        querystring: trialQuery,
        response: {
          200: z.object({
            items: z.array(trialModel),
            total: z.number().int(),
            limit: z.number().int(),
            offset: z.number().int(),
            facets: trialFacets,
          }),
          400: problemModel,
        },
      },
    },
    async (req) => {
      const { neuro, disorder, ...rest } = req.query;
      const slug = disorderParam(disorder);
      return wb.store.evidence.listTrials({
        ...rest,
        ...(neuro !== undefined ? { neurological: neuro } : {}),
        ...(slug !== undefined ? { disorder: slug } : {}),
      });
    },
  );

  app.get(
    '/evidence/trials/:nctId',
    {
      schema: {
        tags,
        summary: 'One trial with its status history and citations',
        params: z.object({ nctId: z.string().min(1).max(40) }),
        response: { 200: trialModel, ...problemResponses },
      },
    },
    async (req) => found(await wb.store.evidence.getTrial(req.params.nctId), 'Trial', req.params.nctId),
  );

  app.get(
    '/evidence/findings',
    {
      schema: {
        tags,
        summary: 'Neurological findings (Li et al. 2025, section 6) with facets',
        querystring: findingQuery,
        response: {
          200: z.object({
            items: z.array(findingModel),
            total: z.number().int(),
            limit: z.number().int(),
            offset: z.number().int(),
            facets: findingFacets,
          }),
          400: problemModel,
        },
      },
    },
    async (req) => {
      const { source, disorder, level, ...rest } = req.query;
      const slug = disorderParam(disorder);
      return wb.store.evidence.listFindings({
        ...rest,
        ...(source !== undefined ? { sources: [source] } : {}),
        ...(slug !== undefined ? { disorder: slug } : {}),
        ...(level !== undefined ? { evidenceLevel: level } : {}),
      });
    },
  );

  app.get(
    '/evidence/findings/:id',
    {
      schema: {
        tags,
        summary: 'One finding',
        params: idParams,
        response: { 200: findingModel, ...problemResponses },
      },
    },
    async (req) => found(await wb.store.evidence.getFinding(req.params.id), 'Finding', req.params.id),
  );

  app.get(
    '/evidence/sources',
    {
      schema: {
        tags,
        summary: 'MSC source profiles with identity markers (Li et al. 2025, Table 6) and evidence counts',
        response: { 200: z.array(sourceProfileModel) },
      },
    },
    async () => sourceProfilesWithCounts(wb),
  );

  app.get(
    '/evidence/matrix',
    {
      schema: {
        tags,
        summary: 'Source × disorder evidence matrix (findings and trials per cell)',
        response: {
          200: z.object({
            sources: z.array(z.string()),
            disorders: z.array(z.string()),
            cells: z.array(
              z.object({
                source: z.string(),
                disorder: z.string(),
                findings: z.number().int(),
                trials: z.number().int(),
              }),
            ),
          }),
        },
      },
    },
    async () => wb.store.evidence.matrix(),
  );

  app.get(
    '/evidence/timeline',
    {
      schema: {
        tags,
        summary: 'Registered trials by first-posted year',
        response: {
          200: z.array(
            z.object({
              year: z.number().int(),
              total: z.number().int(),
              neurological: z.number().int(),
              bySource: counts,
            }),
          ),
        },
      },
    },
    async () => wb.store.evidence.timeline(),
  );

  app.get(
    '/evidence/search',
    {
      schema: {
        tags,
        summary: 'Search trials, findings, MSC sources, routes and labels',
        querystring: z.object({
          q: z.string().min(1).max(500),
          limit: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: z.object({ hits: z.array(hitModel) }), 400: problemModel },
      },
    },
    async (req) => ({ hits: await searchEvidence(wb, req.query.q, req.query.limit) }),
  );

  app.get(
    '/evidence/export',
    {
      schema: {
        tags,
        summary: 'Download trials or findings as CSV or JSON (citations included)',
        description: 'Content-Disposition: attachment; CSV is RFC 4180 with a header row.',
        querystring: z.object({
          dataset: z.enum(['trials', 'findings']),
          format: z.enum(['csv', 'json']).default('csv'),
        }),
      },
    },
    async (req, reply) => {
      const result = await exportEvidence(wb, req.query.dataset, req.query.format);
      return reply
        .header('content-type', result.contentType)
        .header('content-disposition', `attachment; filename="${result.fileName}"`)
        .send(result.body);
    },
  );

  app.post(
    '/evidence/import-ctgov',
    {
      bodyLimit: Math.min(IMPORT_BODY_LIMIT_BYTES, wb.maxUploadBytes),
      schema: {
        tags,
        summary: 'Import a ClinicalTrials.gov API v2 study or search page (JSON body)',
        description:
          'Upserts by NCT id; identical content changes nothing (counted as unchanged). Malformed studies are ' +
          'reported with their JSON path and the others are imported. A body that is not CT.gov JSON is 422.',
        body: z.unknown(),
        response: { 200: importResultModel, ...problemResponses, 413: problemModel, 422: problemModel },
      },
    },
    async (req) => {
      const bytes = (req as unknown as WithRawBody)[RAW_BODY] ?? Buffer.from(JSON.stringify(req.body));
      const summary = await importCtgovBytes(wb, bytes, 'request body', actorOf(req));
      return {
        rawFiles: summary.rawFiles,
        imported: summary.imported,
        updated: summary.updated,
        unchanged: summary.unchanged,
        errors: summary.errors.map((e) => ({ path: e.path, message: e.message, nctId: e.nctId })),
        studies: summary.studies,
      };
    },
  );

  // ---------------------------------------------------------------- reference tables

  app.get(
    '/evidence/routes',
    {
      schema: {
        tags,
        summary: 'Administration routes (Li et al. 2025, Table 4 and section 4.1)',
        response: { 200: z.array(administrationRouteProfileSchema) },
      },
    },
    async () => ADMINISTRATION_ROUTE_PROFILES,
  );

  app.get(
    '/evidence/labels',
    {
      schema: {
        tags,
        summary: 'EV labelling and imaging modalities (Li et al. 2025, section 4.2)',
        response: { 200: z.array(labelModalityProfileSchema) },
      },
    },
    async () => LABEL_MODALITY_PROFILES,
  );

  app.get(
    '/evidence/techniques',
    {
      schema: {
        tags,
        summary: 'Isolation (Table 2) and characterization (Table 3) techniques, EV protein markers',
        response: {
          200: z.object({
            isolation: z.array(isolationTechniqueSummarySchema),
            characterization: z.array(characterizationTechniqueSchema),
            proteinMarkers: evProteinMarkersSchema,
          }),
        },
      },
    },
    async () => ({
      isolation: ISOLATION_TECHNIQUE_SUMMARIES,
      characterization: CHARACTERIZATION_TECHNIQUES,
      proteinMarkers: EV_PROTEIN_MARKERS,
    }),
  );

  app.get(
    '/evidence/properties',
    {
      schema: {
        tags,
        summary: 'MSC-EV properties and their benefits (Li et al. 2025, Table 1)',
        response: { 200: z.array(evPropertySchema) },
      },
    },
    async () => EV_PROPERTIES,
  );

  app.get(
    '/evidence/clearance',
    {
      schema: {
        tags,
        summary: 'Clearance mechanisms and safety notes (Li et al. 2025, sections 4.3–4.4)',
        response: {
          200: z.object({ mechanisms: z.array(clearanceMechanismSchema), safety: z.array(safetyNoteSchema) }),
        },
      },
    },
    async () => ({ mechanisms: CLEARANCE_MECHANISMS, safety: SAFETY_NOTES }),
  );

  app.get(
    '/batches/:id/evidence',
    {
      schema: {
        tags,
        summary:
          "Evidence for a batch's MSC source and intended indication (findings, trials, routes, markers)",
        params: idParams,
        response: { 200: batchEvidenceModel, ...problemResponses },
      },
    },
    async (req) => found(await batchEvidence(wb, req.params.id), 'Batch', req.params.id),
  );
};

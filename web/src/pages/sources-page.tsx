/** MSC sources (donor/tissue/culture) per project: list and create. */
import { useMemo, useState } from 'react';
import {
  CULTURE_FORMATS,
  type CultureFormat,
  MEDIUM_SUPPLEMENTS,
  type MediumSupplement,
  mscSourceInputSchema,
  PRECONDITIONINGS,
  type Preconditioning,
  TISSUES,
  type Tissue,
} from '../../../src/domain/msc-source.ts';
import type { Project } from '../../../src/domain/project.ts';
import { api } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { Field } from '../components/field.tsx';
import { FilterSelect } from '../components/filter-select.tsx';
import { FormError } from '../components/form-error.tsx';
import { PagedView } from '../components/paged-view.tsx';
import { ProjectOptions } from '../components/select-options.tsx';
import { ApiView, Empty } from '../components/states.tsx';
import { VocabularySelect } from '../components/vocabulary-select.tsx';
import { toNumberOrNull } from '../lib/form-values.ts';
import { DASH, formatDateTime } from '../lib/format.ts';
import {
  CULTURE_FORMAT_LABELS,
  MEDIUM_SUPPLEMENT_LABELS,
  PRECONDITIONING_LABELS,
  TISSUE_LABELS,
} from '../lib/labels.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { useFormSubmit } from '../lib/use-form-submit.ts';
import { useOffsetQuery } from '../lib/use-offset-query.ts';
import { Link, useLocation } from '../router.tsx';

const PAGE_SIZE = 50;

function CreateSourceForm({
  projects,
  defaultProjectId,
  onCreated,
}: {
  projects: Project[];
  defaultProjectId?: string;
  onCreated: () => void;
}) {
  const [projectId, setProjectId] = useState(defaultProjectId ?? projects[0]?.id ?? '');
  const [tissue, setTissue] = useState<Tissue>('umbilical-cord');
  const [donorCode, setDonorCode] = useState('');
  const [passage, setPassage] = useState('');
  const [cultureFormat, setCultureFormat] = useState<CultureFormat>('2d-flask');
  const [mediumSupplement, setMediumSupplement] = useState<MediumSupplement>('serum-free');
  const [preconditioning, setPreconditioning] = useState<Preconditioning>('none');
  const [notes, setNotes] = useState('');
  const { busy, error, fieldError, submit } = useFormSubmit();

  if (projects.length === 0) {
    return (
      <Empty title="Create a project first">
        Sources belong to a project: create one on the <Link to="/">dashboard</Link> or run{' '}
        <code>npx evlab demo</code>.
      </Empty>
    );
  }

  return (
    <form
      className="form"
      aria-label="New MSC source"
      onSubmit={async (e) => {
        e.preventDefault();
        const input = {
          projectId,
          tissue,
          donorCode,
          passage: toNumberOrNull(passage),
          cultureFormat,
          mediumSupplement,
          preconditioning,
          notes,
        };
        const check = mscSourceInputSchema.safeParse(input);
        await submit(async () => {
          await api.createSource(input);
          setDonorCode('');
          setPassage('');
          setNotes('');
          onCreated();
        }, check);
      }}
    >
      <div className="form-grid">
        <Field label="Project" error={fieldError('projectId')}>
          <select value={projectId} onChange={(e) => setProjectId(e.target.value)}>
            <ProjectOptions projects={projects} />
          </select>
        </Field>
        <Field label="Tissue of origin" error={fieldError('tissue')}>
          <VocabularySelect values={TISSUES} labels={TISSUE_LABELS} value={tissue} onChange={setTissue} />
        </Field>
        <Field label="Donor code" error={fieldError('donorCode')}>
          <input
            value={donorCode}
            onChange={(e) => setDonorCode(e.target.value)}
            placeholder="e.g. UC-D07"
            required
          />
        </Field>
        <Field label="Passage number" error={fieldError('passage')}>
          <input
            inputMode="numeric"
            value={passage}
            onChange={(e) => setPassage(e.target.value)}
            placeholder="e.g. 4"
          />
        </Field>
        <Field label="Culture format" error={fieldError('cultureFormat')}>
          <VocabularySelect
            values={CULTURE_FORMATS}
            labels={CULTURE_FORMAT_LABELS}
            value={cultureFormat}
            onChange={setCultureFormat}
          />
        </Field>
        <Field label="Medium supplement" error={fieldError('mediumSupplement')}>
          <VocabularySelect
            values={MEDIUM_SUPPLEMENTS}
            labels={MEDIUM_SUPPLEMENT_LABELS}
            value={mediumSupplement}
            onChange={setMediumSupplement}
          />
        </Field>
        <Field label="Preconditioning" error={fieldError('preconditioning')}>
          <VocabularySelect
            values={PRECONDITIONINGS}
            labels={PRECONDITIONING_LABELS}
            value={preconditioning}
            onChange={setPreconditioning}
          />
        </Field>
        <Field label="Notes" error={fieldError('notes')}>
          <input value={notes} onChange={(e) => setNotes(e.target.value)} placeholder="optional" />
        </Field>
      </div>
      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create source'}
        </button>
      </div>
    </form>
  );
}

export function SourcesPage() {
  useDocumentTitle('MSC sources');
  const { search } = useLocation();
  const projectId = search.get('projectId') ?? undefined;
  const [offset, setOffset] = useOffsetQuery();
  const projects = useApi((signal) => api.listProjects({ limit: 1000 }, signal), []);
  const sources = useApi(
    (signal) => api.listSources({ projectId, limit: PAGE_SIZE, offset }, signal),
    [projectId, offset],
  );
  const projectById = useMemo(
    () => new Map((projects.data?.items ?? []).map((p) => [p.id, p])),
    [projects.data],
  );

  return (
    <div className="stack">
      <div className="page-head">
        <h1>MSC sources</h1>
        <div className="filters inline">
          <FilterSelect label="Project" param="projectId" value={projectId}>
            <ProjectOptions projects={projects.data?.items ?? []} />
          </FilterSelect>
        </div>
      </div>

      <section className="panel flush">
        <PagedView
          state={sources}
          what="MSC sources"
          pageSize={PAGE_SIZE}
          onOffset={setOffset}
          empty={
            <Empty title="No MSC sources yet — create one below or run the demo">
              A source records where the cells came from: tissue, donor, passage and culture conditions.
            </Empty>
          }
        >
          {(page) => (
            <table className="table" data-testid="sources-table">
              <thead>
                <tr>
                  <th>Donor</th>
                  <th>Tissue</th>
                  <th className="num">Passage</th>
                  <th>Culture format</th>
                  <th>Medium supplement</th>
                  <th>Preconditioning</th>
                  <th>Project</th>
                  <th>Notes</th>
                  <th>Created</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {page.items.map((s) => (
                  <tr key={s.id}>
                    <td className="mono strong">{s.donorCode}</td>
                    <td>{TISSUE_LABELS[s.tissue] ?? s.tissue}</td>
                    <td className="num">{s.passage === null ? DASH : `P${s.passage}`}</td>
                    <td>{CULTURE_FORMAT_LABELS[s.cultureFormat] ?? s.cultureFormat}</td>
                    <td>{MEDIUM_SUPPLEMENT_LABELS[s.mediumSupplement] ?? s.mediumSupplement}</td>
                    <td>{PRECONDITIONING_LABELS[s.preconditioning] ?? s.preconditioning}</td>
                    <td>{projectById.get(s.projectId)?.name ?? DASH}</td>
                    <td className="muted clip">{s.notes || DASH}</td>
                    <td className="nowrap">{formatDateTime(s.createdAt).slice(0, 10)}</td>
                    <td className="right nowrap">
                      <Link to={`/batches?sourceId=${s.id}`}>Batches →</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </PagedView>
      </section>

      <section className="panel">
        <h2>New MSC source</h2>
        <ApiView state={projects} what="projects">
          {(p) => (
            <CreateSourceForm
              key={projectId ?? ''}
              projects={p.items}
              defaultProjectId={projectId}
              onCreated={sources.reload}
            />
          )}
        </ApiView>
      </section>
    </div>
  );
}

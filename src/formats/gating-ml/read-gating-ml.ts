/**
 * Gating-ML 2.0 reader (Spidlen et al. 2015, doi:10.1002/cyto.a.22690; XML schemas at
 * http://www.isac-net.org/std/Gating-ML/v2.0/): spectrum matrices, transformations (flin, flog, fasinh,
 * logicle, hyperlog, fratio) and gates (Rectangle, Polygon, Ellipsoid, Quadrant, Boolean; parent_id).
 * Namespace prefixes are ignored (any prefix bound to the Gating-ML namespaces works); gates may sit at any
 * depth. Malformed XML or a gate that cannot be used is a FormatError naming the line where known.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { SpilloverMatrix } from '../../science/flow/compensation.ts';
import type {
  FlowGate,
  GateDimension,
  GatingDocument,
  RangeDimension,
} from '../../science/flow/flow-gate.ts';
import type { FlowTransform } from '../../science/flow/flow-transform.ts';
import { FormatError } from '../format-error.ts';

type Node = Record<string, unknown>;

const ARRAY_TAGS = new Set([
  'dimension',
  'vertex',
  'coordinate',
  'row',
  'entry',
  'divider',
  'value',
  'Quadrant',
  'position',
  'gateReference',
  'fcs-dimension',
  'spectrum',
  'coefficient',
  'transformation',
  'spectrumMatrix',
  'RectangleGate',
  'PolygonGate',
  'EllipsoidGate',
  'QuadrantGate',
  'BooleanGate',
]);

/**
 * Largest Gating-ML document read. The compliance files are ≤ 27 KB (../shared/reference/gatingml); 1 MB
 * holds a polygon of ~8,000 vertices. fast-xml-parser's validator + parser take ~190 ns per character and up
 * to ~350 ns on malformed input (measured by bench/fuzz-readers.bench.ts, issue 10): 1 MB stays under 0.4 s,
 * while the former 32 MB limit allowed parses of several seconds (the bound is 1 s per file).
 */
const MAX_BYTES = 1024 * 1024;

function list(x: unknown): Node[] {
  if (x === undefined || x === null) return [];
  return (Array.isArray(x) ? x : [x]) as Node[];
}

function attr(node: Node | undefined, name: string): string | undefined {
  const v = node?.[`@_${name}`];
  return v === undefined ? undefined : String(v);
}

export function readGatingMl(text: string, fileName: string): GatingDocument {
  if (text.length > MAX_BYTES)
    throw new FormatError('too-large', 'the Gating-ML file is larger than 1 MB', { file: fileName });
  if (text.trim() === '')
    throw new FormatError('empty-file', 'the Gating-ML file is empty', { file: fileName });
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new FormatError('malformed-row', `not well-formed XML: ${valid.err.msg}`, {
      file: fileName,
      line: valid.err.line,
    });
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (name) => ARRAY_TAGS.has(name),
  });
  let root: Node;
  try {
    root = parser.parse(text) as Node;
  } catch (error) {
    // the validator passes some documents the parser still refuses (e.g. a NUL inside <?xml …?>)
    throw new FormatError(
      'malformed-row',
      `not well-formed XML: ${error instanceof Error ? error.message.slice(0, 200) : 'unreadable'}`,
      { file: fileName },
    );
  }
  const top = root['Gating-ML'] as Node | undefined;
  if (!top || typeof top !== 'object') {
    throw new FormatError('not-this-format', 'no <Gating-ML> root element', { file: fileName, line: 1 });
  }
  const fail = (reason: string): never => {
    throw new FormatError('malformed-row', reason, { file: fileName });
  };
  const num = (v: string | undefined, what: string): number => {
    const n = v === undefined ? Number.NaN : Number(v.trim());
    if (v === undefined || v.trim() === '' || !Number.isFinite(n))
      fail(`${what}: "${v ?? ''}" is not a number`);
    return n;
  };
  const optNum = (v: string | undefined, what: string): number | undefined =>
    v === undefined ? undefined : num(v, what);

  // Collect elements by local name anywhere in the tree (gates may be wrapped, e.g. in <sample>).
  const found: Record<string, Node[]> = {};
  const walk = (node: Node, depth: number): void => {
    if (depth > 64) fail('XML nested too deeply');
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('@_') || key === '#text') continue;
      for (const child of list(value)) {
        if (typeof child !== 'object') continue;
        if (
          [
            'spectrumMatrix',
            'transformation',
            'RectangleGate',
            'PolygonGate',
            'EllipsoidGate',
            'QuadrantGate',
            'BooleanGate',
          ].includes(key)
        ) {
          const bucket = found[key] ?? [];
          bucket.push(child);
          found[key] = bucket;
        } else {
          walk(child, depth + 1);
        }
      }
    }
  };
  walk(top, 0);

  const spectrumMatrices = new Map<string, SpilloverMatrix>();
  for (const m of found.spectrumMatrix ?? []) {
    const id = attr(m, 'id') ?? fail('a spectrumMatrix has no id');
    const detectors = list((m.detectors as Node | undefined)?.['fcs-dimension']).map(
      (d) => attr(d, 'name') ?? '',
    );
    const fl = list((m.fluorochromes as Node | undefined)?.['fcs-dimension']).map(
      (d) => attr(d, 'name') ?? '',
    );
    const matrix = list(m.spectrum).map((s) =>
      list(s.coefficient).map((c) => num(attr(c, 'value'), `spectrumMatrix ${id} coefficient`)),
    );
    const fluorochromes = fl.length > 0 ? fl : detectors;
    if (matrix.length !== fluorochromes.length || matrix.some((r) => r.length !== detectors.length)) {
      fail(
        `spectrumMatrix ${id}: ${matrix.length} spectra for ${fluorochromes.length} fluorochromes × ${detectors.length} detectors`,
      );
    }
    spectrumMatrices.set(id, { detectors, fluorochromes, matrix });
  }

  const transforms = new Map<string, FlowTransform>();
  for (const t of found.transformation ?? []) {
    const id = attr(t, 'id') ?? fail('a transformation has no id');
    const p = (node: Node, k: string, def?: number) => {
      const v = attr(node, k);
      if (v === undefined && def !== undefined) return def;
      return num(v, `transformation ${id} ${k}`);
    };
    const body = (k: string) => t[k] as Node | undefined;
    let tr: FlowTransform | undefined;
    if (body('flin'))
      tr = { kind: 'flin', T: p(body('flin') as Node, 'T'), A: p(body('flin') as Node, 'A', 0) };
    else if (body('flog'))
      tr = { kind: 'flog', T: p(body('flog') as Node, 'T'), M: p(body('flog') as Node, 'M') };
    else if (body('fasinh')) {
      const b = body('fasinh') as Node;
      tr = { kind: 'fasinh', T: p(b, 'T'), M: p(b, 'M'), A: p(b, 'A', 0) };
    } else if (body('logicle') || body('hyperlog')) {
      const kind = body('logicle') ? 'logicle' : 'hyperlog';
      const b = body(kind) as Node;
      tr = { kind, T: p(b, 'T'), W: p(b, 'W'), M: p(b, 'M'), A: p(b, 'A', 0) };
    } else if (body('fratio')) {
      const b = body('fratio') as Node;
      const dims = list(b['fcs-dimension']).map((d) => attr(d, 'name') ?? '');
      if (dims.length !== 2) fail(`transformation ${id}: fratio needs two fcs-dimensions`);
      tr = {
        kind: 'fratio',
        A: p(b, 'A'),
        B: p(b, 'B'),
        C: p(b, 'C'),
        numerator: dims[0] as string,
        denominator: dims[1] as string,
      };
    } else {
      fail(
        `transformation ${id}: unsupported transform (${Object.keys(t)
          .filter((k) => !k.startsWith('@_'))
          .join(', ')})`,
      );
    }
    if (!tr) return fail(`transformation ${id}: unsupported transform`);
    transforms.set(id, tr);
  }

  const dimensionOf = (d: Node, gateId: string): GateDimension => {
    const compensationRef =
      attr(d, 'compensation-ref') ?? fail(`gate ${gateId}: a dimension has no compensation-ref`);
    const transformationRef = attr(d, 'transformation-ref');
    const fcs = list(d['fcs-dimension'])[0];
    const ratio = d['new-dimension'] as Node | undefined;
    const out: GateDimension = { compensationRef };
    if (transformationRef) out.transformationRef = transformationRef;
    if (fcs) out.name = attr(fcs, 'name') ?? fail(`gate ${gateId}: fcs-dimension without a name`);
    else if (ratio)
      out.ratioRef =
        attr(ratio, 'transformation-ref') ??
        fail(`gate ${gateId}: new-dimension without a transformation-ref`);
    else fail(`gate ${gateId}: a dimension names no fcs-dimension or new-dimension`);
    return out;
  };
  const base = (g: Node, kind: string): { id: string; parentId?: string } => {
    const id = attr(g, 'id') ?? fail(`a ${kind} has no id`);
    const parentId = attr(g, 'parent_id');
    return parentId ? { id, parentId } : { id };
  };

  const gates: FlowGate[] = [];
  for (const g of found.RectangleGate ?? []) {
    const b = base(g, 'RectangleGate');
    const dimensions: RangeDimension[] = list(g.dimension).map((d) => {
      const r: RangeDimension = dimensionOf(d, b.id);
      const min = optNum(attr(d, 'min'), `gate ${b.id} min`);
      const max = optNum(attr(d, 'max'), `gate ${b.id} max`);
      if (min !== undefined) r.min = min;
      if (max !== undefined) r.max = max;
      if (min === undefined && max === undefined) fail(`gate ${b.id}: a dimension has neither min nor max`);
      return r;
    });
    if (dimensions.length === 0) fail(`gate ${b.id}: no dimensions`);
    gates.push({ ...b, kind: 'rectangle', dimensions });
  }
  for (const g of found.PolygonGate ?? []) {
    const b = base(g, 'PolygonGate');
    const dims = list(g.dimension).map((d) => dimensionOf(d, b.id));
    if (dims.length !== 2) fail(`gate ${b.id}: a polygon needs exactly two dimensions`);
    const vertices = list(g.vertex).map((v) => {
      const c = list(v.coordinate).map((x) => num(attr(x, 'value'), `gate ${b.id} vertex`));
      if (c.length !== 2) fail(`gate ${b.id}: a vertex needs two coordinates`);
      return [c[0], c[1]] as [number, number];
    });
    if (vertices.length < 3) fail(`gate ${b.id}: a polygon needs at least three vertices`);
    gates.push({
      ...b,
      kind: 'polygon',
      dimensions: [dims[0] as GateDimension, dims[1] as GateDimension],
      vertices,
    });
  }
  for (const g of found.EllipsoidGate ?? []) {
    const b = base(g, 'EllipsoidGate');
    const dimensions = list(g.dimension).map((d) => dimensionOf(d, b.id));
    const mean = list((g.mean as Node | undefined)?.coordinate).map((x) =>
      num(attr(x, 'value'), `gate ${b.id} mean`),
    );
    const covariance = list((g.covarianceMatrix as Node | undefined)?.row).map((r) =>
      list(r.entry).map((x) => num(attr(x, 'value'), `gate ${b.id} covariance`)),
    );
    const distanceSquare = num(
      attr(g.distanceSquare as Node | undefined, 'value'),
      `gate ${b.id} distanceSquare`,
    );
    const n = dimensions.length;
    if (n < 2 || mean.length !== n || covariance.length !== n || covariance.some((r) => r.length !== n)) {
      fail(`gate ${b.id}: ${n} dimensions need a mean of ${n} and a ${n}×${n} covariance matrix`);
    }
    gates.push({ ...b, kind: 'ellipsoid', dimensions, mean, covariance, distanceSquare });
  }
  for (const g of found.QuadrantGate ?? []) {
    const b = base(g, 'QuadrantGate');
    const dividers = list(g.divider).map((d) => {
      const id = attr(d, 'id') ?? fail(`gate ${b.id}: a divider has no id`);
      const values = list(d.value).map((v) =>
        num(
          typeof v === 'object' ? String((v as Node)['#text'] ?? '') : String(v),
          `gate ${b.id} divider ${id}`,
        ),
      );
      return { id, dimension: dimensionOf(d, b.id), values };
    });
    const quadrants = list(g.Quadrant).map((q) => ({
      id: attr(q, 'id') ?? fail(`gate ${b.id}: a Quadrant has no id`),
      positions: list(q.position).map((p) => ({
        dividerRef: attr(p, 'divider_ref') ?? fail(`gate ${b.id}: a position has no divider_ref`),
        location: num(attr(p, 'location'), `gate ${b.id} location`),
      })),
    }));
    gates.push({ ...b, kind: 'quadrant', dividers, quadrants });
  }
  for (const g of found.BooleanGate ?? []) {
    const b = base(g, 'BooleanGate');
    const op =
      (['and', 'or', 'not'] as const).find((k) => g[k] !== undefined) ?? fail(`gate ${b.id}: no and/or/not`);
    const refs = list((g[op] as Node).gateReference).map((r) => ({
      ref: attr(r, 'ref') ?? fail(`gate ${b.id}: a gateReference has no ref`),
      complement: attr(r, 'use-as-complement') === 'true',
    }));
    if (op === 'not' ? refs.length !== 1 : refs.length < 2)
      fail(`gate ${b.id}: "${op}" with ${refs.length} operand(s)`);
    gates.push({ ...b, kind: 'boolean', op, refs });
  }
  return { transforms, spectrumMatrices, gates };
}

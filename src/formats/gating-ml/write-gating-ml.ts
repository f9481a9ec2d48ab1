/**
 * Gating-ML 2.0 writer: the inverse of read-gating-ml.ts, with the standard prefixes gating:, transforms:
 * and data-type: (Gating-ML 2.0 §2). Numbers are written with full precision (shortest round-trip form).
 */
import type {
  FlowGate,
  GateDimension,
  GatingDocument,
  RangeDimension,
} from '../../science/flow/flow-gate.ts';

const NS = {
  gating: 'http://www.isac-net.org/std/Gating-ML/v2.0/gating',
  transforms: 'http://www.isac-net.org/std/Gating-ML/v2.0/transformations',
  dataType: 'http://www.isac-net.org/std/Gating-ML/v2.0/datatypes',
};

function esc(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

function dimensionXml(d: GateDimension | RangeDimension, tag = 'gating:dimension', extra = ''): string {
  const r = d as RangeDimension;
  const attrs = [
    `gating:compensation-ref="${esc(d.compensationRef)}"`,
    d.transformationRef ? `gating:transformation-ref="${esc(d.transformationRef)}"` : '',
    r.min !== undefined ? `gating:min="${r.min}"` : '',
    r.max !== undefined ? `gating:max="${r.max}"` : '',
    extra,
  ]
    .filter(Boolean)
    .join(' ');
  const inner = d.ratioRef
    ? `<data-type:new-dimension data-type:transformation-ref="${esc(d.ratioRef)}" />`
    : `<data-type:fcs-dimension data-type:name="${esc(d.name ?? '')}" />`;
  return `<${tag} ${attrs}>${inner}`;
}

function gateXml(g: FlowGate): string {
  const head = (tag: string) =>
    `  <gating:${tag} gating:id="${esc(g.id)}"${g.parentId ? ` gating:parent_id="${esc(g.parentId)}"` : ''}>`;
  const lines: string[] = [];
  if (g.kind === 'rectangle') {
    lines.push(head('RectangleGate'));
    for (const d of g.dimensions) lines.push(`    ${dimensionXml(d)}</gating:dimension>`);
    lines.push('  </gating:RectangleGate>');
  } else if (g.kind === 'polygon') {
    lines.push(head('PolygonGate'));
    for (const d of g.dimensions) lines.push(`    ${dimensionXml(d)}</gating:dimension>`);
    for (const [x, y] of g.vertices) {
      lines.push(
        `    <gating:vertex><gating:coordinate data-type:value="${x}" /><gating:coordinate data-type:value="${y}" /></gating:vertex>`,
      );
    }
    lines.push('  </gating:PolygonGate>');
  } else if (g.kind === 'ellipsoid') {
    lines.push(head('EllipsoidGate'));
    for (const d of g.dimensions) lines.push(`    ${dimensionXml(d)}</gating:dimension>`);
    lines.push(
      `    <gating:mean>${g.mean.map((m) => `<gating:coordinate data-type:value="${m}" />`).join('')}</gating:mean>`,
    );
    lines.push('    <gating:covarianceMatrix>');
    for (const row of g.covariance) {
      lines.push(
        `      <gating:row>${row.map((v) => `<gating:entry data-type:value="${v}" />`).join('')}</gating:row>`,
      );
    }
    lines.push('    </gating:covarianceMatrix>');
    lines.push(`    <gating:distanceSquare data-type:value="${g.distanceSquare}" />`);
    lines.push('  </gating:EllipsoidGate>');
  } else if (g.kind === 'quadrant') {
    lines.push(head('QuadrantGate'));
    for (const d of g.dividers) {
      const open = dimensionXml(d.dimension, 'gating:divider', `gating:id="${esc(d.id)}"`);
      lines.push(
        `    ${open}${d.values.map((v) => `<gating:value>${v}</gating:value>`).join('')}</gating:divider>`,
      );
    }
    for (const q of g.quadrants) {
      const pos = q.positions
        .map(
          (p) =>
            `<gating:position gating:divider_ref="${esc(p.dividerRef)}" gating:location="${p.location}" />`,
        )
        .join('');
      lines.push(`    <gating:Quadrant gating:id="${esc(q.id)}">${pos}</gating:Quadrant>`);
    }
    lines.push('  </gating:QuadrantGate>');
  } else {
    lines.push(head('BooleanGate'));
    const refs = g.refs
      .map(
        (r) =>
          `<gating:gateReference gating:ref="${esc(r.ref)}"${r.complement ? ' gating:use-as-complement="true"' : ''} />`,
      )
      .join('');
    lines.push(`    <gating:${g.op}>${refs}</gating:${g.op}>`);
    lines.push('  </gating:BooleanGate>');
  }
  return lines.join('\n');
}

export function writeGatingMl(doc: GatingDocument): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<gating:Gating-ML xmlns:gating="${NS.gating}" xmlns:transforms="${NS.transforms}" xmlns:data-type="${NS.dataType}">`,
  ];
  for (const [id, m] of doc.spectrumMatrices) {
    out.push(`  <transforms:spectrumMatrix transforms:id="${esc(id)}">`);
    const dims = (names: string[]) =>
      names.map((n) => `<data-type:fcs-dimension data-type:name="${esc(n)}" />`).join('');
    out.push(`    <transforms:fluorochromes>${dims(m.fluorochromes)}</transforms:fluorochromes>`);
    out.push(`    <transforms:detectors>${dims(m.detectors)}</transforms:detectors>`);
    for (const row of m.matrix) {
      out.push(
        `    <transforms:spectrum>${row.map((v) => `<transforms:coefficient transforms:value="${v}" />`).join('')}</transforms:spectrum>`,
      );
    }
    out.push('  </transforms:spectrumMatrix>');
  }
  for (const [id, t] of doc.transforms) {
    let body: string;
    switch (t.kind) {
      case 'flin':
        body = `<transforms:flin transforms:T="${t.T}" transforms:A="${t.A}" />`;
        break;
      case 'flog':
        body = `<transforms:flog transforms:T="${t.T}" transforms:M="${t.M}" />`;
        break;
      case 'fasinh':
        body = `<transforms:fasinh transforms:T="${t.T}" transforms:M="${t.M}" transforms:A="${t.A}" />`;
        break;
      case 'logicle':
      case 'hyperlog':
        body = `<transforms:${t.kind} transforms:T="${t.T}" transforms:W="${t.W}" transforms:M="${t.M}" transforms:A="${t.A}" />`;
        break;
      case 'fratio':
        body = `<transforms:fratio transforms:A="${t.A}" transforms:B="${t.B}" transforms:C="${t.C}"><data-type:fcs-dimension data-type:name="${esc(t.numerator)}" /><data-type:fcs-dimension data-type:name="${esc(t.denominator)}" /></transforms:fratio>`;
        break;
    }
    out.push(`  <transforms:transformation transforms:id="${esc(id)}">${body}</transforms:transformation>`);
  }
  for (const g of doc.gates) out.push(gateXml(g));
  out.push('</gating:Gating-ML>', '');
  return out.join('\n');
}

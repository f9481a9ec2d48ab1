/**
 * The one frame every plot renders into: the plot's own <div> (ref'd by usePlot) and the shared export
 * buttons, SVG and PNG (web/src/lib/plot-export.ts). Every plot uses PlotBox or, where the chart lives in a
 * container of its own, PlotExportButtons: one implementation, one wording ("Download … as SVG").
 */
import { type HTMLAttributes, type RefObject, useState } from 'react';
import { safeFileName } from '../lib/csv.ts';
import { downloadPng, downloadSvg, plotSvg } from '../lib/plot-export.ts';

/** SVG and PNG download buttons for the plot rendered inside `target`. */
export function PlotExportButtons({
  target,
  name,
  label = name,
}: {
  target: RefObject<HTMLElement | null>;
  /** Names the downloaded files. */
  name: string;
  /** What the plot shows, for the buttons' accessible names (defaults to `name`). */
  label?: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const file = safeFileName(name);
  const svg = () => (target.current ? plotSvg(target.current) : null);
  return (
    <div className="plot-export">
      <button
        type="button"
        className="button small"
        aria-label={`Download ${label} as SVG`}
        onClick={() => {
          const s = svg();
          if (s) downloadSvg(s, file);
        }}
      >
        SVG
      </button>
      <button
        type="button"
        className="button small"
        aria-label={`Download ${label} as PNG`}
        onClick={async () => {
          const s = svg();
          if (!s) return;
          try {
            await downloadPng(s, file);
            setError(null);
          } catch (e) {
            setError((e as Error).message);
          }
        }}
      >
        PNG
      </button>
      {error ? (
        <span className="text-error small" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function PlotBox({
  plotRef,
  name,
  ...divProps
}: {
  plotRef: RefObject<HTMLDivElement | null>;
  /** What the plot shows; names the downloaded files and the buttons. */
  name: string;
} & HTMLAttributes<HTMLDivElement>) {
  return (
    <div className="plot-box">
      <div ref={plotRef} {...divProps} />
      <PlotExportButtons target={plotRef} name={name} />
    </div>
  );
}

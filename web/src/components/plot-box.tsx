/**
 * The one frame every plot renders into: the plot's own <div> (ref'd by usePlot) and the shared export
 * buttons, SVG and PNG (web/src/lib/plot-export.ts). Every plot in web/src/plots uses it.
 */
import { type HTMLAttributes, type RefObject, useState } from 'react';
import { safeFileName } from '../lib/csv.ts';
import { downloadPng, downloadSvg, plotSvg } from '../lib/plot-export.ts';

export function PlotBox({
  plotRef,
  name,
  ...divProps
}: {
  plotRef: RefObject<HTMLDivElement | null>;
  /** What the plot shows; names the downloaded files and the buttons. */
  name: string;
} & HTMLAttributes<HTMLDivElement>) {
  const [error, setError] = useState<string | null>(null);
  const file = safeFileName(name);
  const svg = () => (plotRef.current ? plotSvg(plotRef.current) : null);
  return (
    <div className="plot-box">
      <div ref={plotRef} {...divProps} />
      <div className="plot-export">
        <button
          type="button"
          className="button small"
          aria-label={`Download ${name} as SVG`}
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
          aria-label={`Download ${name} as PNG`}
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
    </div>
  );
}

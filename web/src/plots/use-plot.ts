/**
 * Renders an Observable Plot chart into a ref'd div and redraws it when its inputs or the container width
 * change. Charts receive the current width so they fill their panel.
 */
import { type DependencyList, type RefObject, useEffect, useRef, useState } from 'react';

export function usePlot(
  render: (width: number) => Element | null,
  deps: DependencyList,
): RefObject<HTMLDivElement | null> {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    const measure = () => setWidth(Math.floor(node.clientWidth / 8) * 8);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    return () => observer.disconnect();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to redraw.
  useEffect(() => {
    const node = ref.current;
    if (!node || width === 0) return;
    const chart = render(width);
    // Observable Plot names its mark groups with aria-label on plain <g> elements, which ARIA does not
    // allow on elements without a role (axe: aria-prohibited-attr); give them the group role.
    if (chart)
      for (const g of chart.querySelectorAll('g[aria-label]:not([role])')) g.setAttribute('role', 'group');
    if (chart) node.replaceChildren(chart);
    else node.replaceChildren();
    return () => chart?.remove();
  }, [...deps, width]);

  return ref;
}

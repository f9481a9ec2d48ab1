/**
 * Spread on a container that may scroll sideways (wide tables): keyboard users can focus it and scroll it
 * with the arrow keys (WCAG 2.1.1; axe rule scrollable-region-focusable).
 */
export const SCROLLABLE = { tabIndex: 0 } as const;

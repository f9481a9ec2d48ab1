/**
 * In-page navigation for long workbench pages (Isolation planner, PK): a sticky row of links to the page's
 * sections, so a scientist can jump straight to the simulator or the dose calculator.
 */
import { useEffect } from 'react';

export interface PageSection {
  id: string;
  label: string;
}

export function SectionNav({ sections, label }: { sections: readonly PageSection[]; label: string }) {
  // A link such as /pk#dosing opened from elsewhere: the browser looked for the anchor before the page
  // rendered it, so scroll once the sections exist.
  // Sections above it may still grow as their data arrives, so repeat for a moment unless the user scrolls.
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (!id || !sections.some((s) => s.id === id)) return;
    const scroll = () => document.getElementById(id)?.scrollIntoView();
    const timers = [0, 400, 1200].map((ms) => window.setTimeout(scroll, ms));
    const stop = () => {
      for (const t of timers) window.clearTimeout(t);
    };
    const userEvents = ['wheel', 'touchstart', 'keydown', 'mousedown'] as const;
    for (const e of userEvents) window.addEventListener(e, stop, { once: true, passive: true });
    return () => {
      stop();
      for (const e of userEvents) window.removeEventListener(e, stop);
    };
  }, [sections]);
  return (
    <nav className="section-nav" aria-label={label}>
      {sections.map((s) => (
        <a key={s.id} href={`#${s.id}`}>
          {s.label}
        </a>
      ))}
    </nav>
  );
}

import { useEffect } from 'react';

/** Sets the browser tab title ("UC-EV-001 · evlab") so several open tabs stay distinguishable. */
export function useDocumentTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · evlab` : 'evlab';
  }, [title]);
}

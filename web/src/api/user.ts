/**
 * The acting user's name. Until accounts exist the server records whatever name the X-Evlab-User header
 * carries in the audit trail; the header bar lets the scientist set it once, and it is kept in localStorage.
 */
import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'evlab.user';
const CHANGE_EVENT = 'evlab:user-change';

export function getUserName(): string {
  try {
    return window.localStorage.getItem(STORAGE_KEY)?.trim() ?? '';
  } catch {
    return '';
  }
}

export function setUserName(name: string): void {
  const trimmed = name.trim();
  try {
    if (trimmed) window.localStorage.setItem(STORAGE_KEY, trimmed);
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private browsing without storage: the name lives for this page only.
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener('storage', onChange);
  };
}

export function useUserName(): string {
  return useSyncExternalStore(subscribe, getUserName, () => '');
}

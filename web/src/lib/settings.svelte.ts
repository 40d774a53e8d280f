const KEY = 'gongzhi.largeText';

function read(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

/** Large text scales the root font size, so every rem-based size grows with it. */
export const largeText = $state({ on: typeof window !== 'undefined' && read() });

export function setLargeText(on: boolean): void {
  largeText.on = on;
  document.documentElement.classList.toggle('large-text', on);
  try {
    localStorage.setItem(KEY, on ? '1' : '0');
  } catch {
    // Private mode: the choice lasts for this visit only.
  }
}

/**
 * `/` anywhere on a page (outside a text field) moves the focus to the page's search box:
 * the header's, or the search form of the page itself (home, search, 404).
 */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches('input, textarea, select');
}

document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
  const box = document.querySelector<HTMLInputElement>('[data-search-input], main input[name="q"], .site-search input[name="q"]');
  if (!box) return;
  event.preventDefault();
  box.focus();
  box.select();
});

export {};

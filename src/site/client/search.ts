/**
 * /search/?q=…: start the search with the query from the address (the search forms on the
 * home and 404 pages submit here). Pagefind's <pagefind-input> renders its own <input>.
 */
const query = new URLSearchParams(location.search).get('q')?.trim();
if (query) {
  customElements.whenDefined('pagefind-input').then(() => {
    const tryFill = (attempt: number) => {
      const input = document.querySelector<HTMLInputElement>('pagefind-input input');
      if (!input) {
        if (attempt < 50) setTimeout(() => tryFill(attempt + 1), 50);
        return;
      }
      input.value = query;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    };
    tryFill(0);
  });
}

export {};

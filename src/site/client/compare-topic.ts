/**
 * A topic page (/compare/<topicId>/): choose the jurisdictions to show. The choice is in
 * the address, ?j=<id>,<id> (columns in tree order whatever the order there); with every
 * jurisdiction shown the parameter is dropped. Without this script the checkboxes stay
 * hidden and every column shows.
 */
const picker = document.querySelector<HTMLFieldSetElement>('[data-picker]');
const boxes = [...document.querySelectorAll<HTMLInputElement>('[data-picker] input[name="j"]')];
const columns = [...document.querySelectorAll<HTMLElement>('[data-cols] > [data-j]')];
const rows = [...document.querySelectorAll<HTMLElement>('.cmp-obl tbody tr[data-j]')];
const all = boxes.map((b) => b.value);

/** The ids of ?j= (comma-separated, or repeated) that are columns of this page; all of them when none is. */
function fromAddress(): string[] {
  const asked = new URLSearchParams(location.search)
    .getAll('j')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim());
  const known = all.filter((id) => asked.includes(id));
  return known.length > 0 ? known : all;
}

function show(ids: string[]) {
  const on = new Set(ids);
  for (const box of boxes) box.checked = on.has(box.value);
  for (const column of columns) column.hidden = !on.has(column.dataset.j!);
  for (const row of rows) row.hidden = !on.has(row.dataset.j!);
  document.documentElement.dataset.columns = String(on.size);
}

function toAddress(ids: string[]) {
  const url = new URL(location.href);
  if (ids.length === all.length) url.searchParams.delete('j');
  else url.searchParams.set('j', ids.join(','));
  // keep the comma readable: ?j=150623,610922
  const search = url.searchParams.toString().replace(/%2C/gi, ',');
  history.replaceState(null, '', `${url.pathname}${search ? `?${search}` : ''}${url.hash}`);
}

if (picker && boxes.length > 0) {
  picker.hidden = false;
  show(fromAddress());
  picker.addEventListener('change', (event) => {
    let ids = boxes.filter((b) => b.checked).map((b) => b.value);
    if (ids.length === 0) {
      // at least one column: the one just unchecked stays
      const box = event.target as HTMLInputElement;
      ids = [box.value];
    }
    show(ids);
    toAddress(ids);
  });
  picker.querySelector('[data-picker-all]')?.addEventListener('click', () => {
    show(all);
    toAddress(all);
  });
}

export {};

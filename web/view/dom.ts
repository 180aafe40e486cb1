// Building the page's elements: text is always inserted as text (a text node), never parsed as
// HTML, so a model's answer, a prompt, a model or group name shows as what it is.
export type Child = Node | string | number | null | undefined | false | readonly Child[];

/** Attributes the page sets; event handlers are attached as listeners, never as attributes. */
export interface Attrs {
  class?: string;
  href?: string;
  id?: string;
  type?: string;
  name?: string;
  value?: string;
  title?: string;
  placeholder?: string;
  for?: string;
  colspan?: number;
  selected?: boolean;
  download?: string;
  data?: Record<string, string>;
  onclick?: (event: MouseEvent) => void;
  onsubmit?: (event: SubmitEvent) => void;
  onchange?: (event: Event) => void;
}

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child as readonly Child[]) append(parent, c);
    return;
  }
  parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs) as [keyof Attrs, Attrs[keyof Attrs]][]) {
    if (value === undefined || value === false) continue;
    if (key === 'onclick') el.addEventListener('click', value as (e: Event) => void);
    else if (key === 'onsubmit') el.addEventListener('submit', value as (e: Event) => void);
    else if (key === 'onchange') el.addEventListener('change', value as (e: Event) => void);
    else if (key === 'data') for (const [k, v] of Object.entries(value as Record<string, string>)) el.dataset[k] = v;
    else if (key === 'selected') (el as unknown as HTMLOptionElement).selected = true;
    else if (key === 'value') (el as unknown as HTMLInputElement).value = String(value);
    else el.setAttribute(key, String(value));
  }
  for (const child of children) append(el, child);
  return el;
}

/** Replaces the children of `el`. */
export function show(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  for (const child of children) append(el, child);
}

/** A form of filters: submitting it hands its data to `onSubmit` instead of loading a page. */
export function filtersForm(onSubmit: (data: FormData) => void, ...children: Child[]): HTMLFormElement {
  const form = h(
    'form',
    {
      class: 'filters',
      onsubmit: (e) => {
        e.preventDefault();
        onSubmit(new FormData(form));
      },
    },
    ...children,
  );
  return form;
}

/** A `<select>` of `options` (value, shown text), with an empty first choice unless `empty` is null. */
export function select(name: string, options: readonly (string | [string, string])[], current: string | undefined | null, empty: string | null = 'any'): HTMLSelectElement {
  return h(
    'select',
    { name },
    empty !== null ? h('option', { value: '' }, empty) : null,
    options.map((o) => {
      const [value, text] = typeof o === 'string' ? [o, o] : o;
      return h('option', { value, selected: value === current }, text);
    }),
  );
}

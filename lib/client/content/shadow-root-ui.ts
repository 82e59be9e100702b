// The sidebar's shadow root, as WXT's createShadowRootUi built it for us (an open shadow root on a
// <sidedesk-sidebar> element appended to the body, WXT's style reset, key events kept from the
// page), without the anchors, positions and auto-mounting we do not use: those weighed 2.5 KB
// gzipped of the content script's 40 KB budget (docs/design.md "Performance budgets").
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

interface Options<Mounted> {
  /** The host element's tag: a custom element name. */
  name: string;
  css: string;
  onMount(container: HTMLElement, shadow: ShadowRoot, host: HTMLElement): Mounted;
  onRemove?(mounted: Mounted | undefined): void;
}

export interface ShadowRootUi<Mounted> {
  shadow: ShadowRoot;
  mount(): void;
  remove(): void;
  readonly mounted: Mounted | undefined;
}

// Gmail's and Outlook's keyboard shortcuts must not fire while the user types in our fields.
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'];

export function createShadowRootUi<Mounted>(ctx: ContentScriptContext, options: Options<Mounted>): ShadowRootUi<Mounted> {
  const host = document.createElement(options.name);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  // Nothing of the page's styles reaches in through inheritance either.
  style.textContent = `:host{all:initial !important;}\n${options.css}`;
  const container = document.createElement('div');
  shadow.append(style, container);
  for (const type of ISOLATED_EVENTS) shadow.addEventListener(type, (event) => event.stopPropagation());
  let mounted: Mounted | undefined;
  const remove = () => {
    options.onRemove?.(mounted);
    host.remove();
    container.replaceChildren();
    mounted = undefined;
  };
  ctx.onInvalidated(remove);
  return {
    shadow,
    mount() {
      document.body.append(host);
      mounted = options.onMount(container, shadow, host);
    },
    remove,
    get mounted() {
      return mounted;
    },
  };
}

/**
 * What a page was rendered with on the server (its clock and the site's address), so that the browser's first
 * render, the one React hydrates, produces the same HTML. The hooks below read these values through
 * useSyncExternalStore's server snapshot: React uses it on the server and while hydrating, then re-renders with the
 * browser's own values. Without server rendering (staff pages, client-side navigation) the browser's values are used
 * from the start.
 */
import { useSyncExternalStore } from 'react';

interface RenderContext {
  /** The server's clock when it rendered the page, in ms. */
  now: number;
  /** The site's public address, e.g. https://thi.vinhlinh.gov.vn. */
  origin: string;
}

let rendered: RenderContext = { now: 0, origin: '' };

/** Set on the server before each render and in the browser before hydrating. */
export function setRenderContext(ctx: RenderContext): void {
  rendered = ctx;
}

export function renderedNow(): number {
  return rendered.now;
}

const noSubscription = () => () => {};

/** The address of this site: the browser's own, or the server's public address in the server-rendered HTML. */
export function useOrigin(): string {
  return useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => rendered.origin,
  );
}

/**
 * False in the server's HTML and in the browser's first render of it (the one React hydrates), true from then on
 * and in any page the browser renders itself. Parts that depend on the visitor (their session) or on the moment
 * (which side of the voting window the present is on) are drawn only once it is true, so that the hydrated render
 * never differs from the server's (React's error #418).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

import { useEffect } from 'react';

/**
 * Scrollable regions must take keyboard focus (WCAG 2.1.1): every scrolling part of an Ant Design table under `el`
 * gets tabIndex 0, the region role and `label`, wherever and whenever a screen draws one.
 */
export function useFocusableTableScroll(el: HTMLElement | null, label: string): void {
  useEffect(() => {
    if (!el) return;
    const mark = () => {
      for (const n of el.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body')) {
        if (n.getAttribute('tabindex') !== '0') n.setAttribute('tabindex', '0');
        if (!n.hasAttribute('role')) n.setAttribute('role', 'region');
        if (n.getAttribute('aria-label') !== label) n.setAttribute('aria-label', label);
      }
    };
    mark();
    // Only added nodes are watched: the attributes set above do not trigger it again.
    const observer = new MutationObserver(mark);
    observer.observe(el, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [el, label]);
}

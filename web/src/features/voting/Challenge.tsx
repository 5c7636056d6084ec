import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';

/** What the form holding the widget asks of it. */
export interface ChallengeHandle {
  /** The solved challenge's payload, waiting for the work to finish (and starting it if it has not). */
  solution(): Promise<string>;
  /** Drops the spent payload and solves a fresh challenge: every request needs its own. */
  renew(): void;
}

interface AltchaElement extends HTMLElement {
  configure(options: Record<string, unknown>): void;
  getState(): string;
  verify(): Promise<unknown>;
  reset(): void;
}

/** The widget could not solve a challenge (it could not fetch one, or the work failed). */
export class ChallengeFailed extends Error {
  constructor() {
    super('challenge failed');
    this.name = 'ChallengeFailed';
  }
}

type StateEvent = CustomEvent<{ state: string; payload: string | null }>;

/**
 * The `altcha` widget and its strings in the page's language load here, once a dialog needs them, so that no public
 * page carries them; both modules in parallel.
 */
function loadWidget(lang: 'vi' | 'en'): Promise<unknown> {
  return Promise.all([import('altcha'), lang === 'en' ? import('altcha/i18n/en') : import('altcha/i18n/vi')]);
}

/**
 * The proof-of-work check (ALTCHA, `GET /api/challenge`): the browser starts solving as soon as the widget shows and
 * the widget says so in the page's language; the form awaits `solution()` when it sends.
 */
export function Challenge({ lang, ref }: { lang: 'vi' | 'en'; ref: Ref<ChallengeHandle> }) {
  const host = useRef<HTMLDivElement>(null);
  const widget = useRef<AltchaElement | null>(null);
  const payload = useRef<string | null>(null);
  const waiting = useRef<{ resolve: (p: string) => void; reject: (e: Error) => void }[]>([]);

  useEffect(() => {
    let gone = false;
    const box = host.current!;
    const onState = (ev: Event) => {
      const { state, payload: p } = (ev as StateEvent).detail;
      if (state === 'verified' && p) {
        payload.current = p;
        for (const w of waiting.current.splice(0)) w.resolve(p);
      } else {
        payload.current = null;
        if (state === 'error') for (const w of waiting.current.splice(0)) w.reject(new ChallengeFailed());
      }
    };
    void loadWidget(lang).then(() => {
      if (gone) return;
      const el = document.createElement('altcha-widget') as AltchaElement;
      el.setAttribute('challenge', '/api/challenge');
      el.setAttribute('language', lang);
      el.setAttribute('auto', 'onload');
      el.setAttribute('name', 'altcha');
      el.addEventListener('statechange', onState);
      box.replaceChildren(el);
      widget.current = el;
      el.addEventListener('load', () => el.configure({ hideFooter: true }), { once: true });
    });
    return () => {
      gone = true;
      widget.current?.removeEventListener('statechange', onState);
      widget.current = null;
      box.replaceChildren();
    };
  }, [lang]);

  useImperativeHandle(ref, () => ({
    solution() {
      if (payload.current) return Promise.resolve(payload.current);
      return new Promise<string>((resolve, reject) => {
        waiting.current.push({ resolve, reject });
        const el = widget.current;
        if (el && el.getState?.() !== 'verifying') void el.verify();
      });
    },
    renew() {
      payload.current = null;
      const el = widget.current;
      if (!el) return;
      el.reset();
      void el.verify();
    },
  }));

  return <div ref={host} className="vote-challenge" data-testid="vote-challenge" />;
}

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { EntryRules } from '@core/contest.ts';
import { evaluateVideo, VIDEO_RULES, type VideoFailure, type VideoProbe, type VideoRule } from '@core/video-policy.ts';
import type { UploadHandle } from './uploader.ts';
import type { ProbeOutcome } from './video-probe.ts';

/** The rules the browser can judge from the header; integrity and decode are the server's. */
const BROWSER_RULES: readonly VideoRule[] = VIDEO_RULES.filter((r) => r !== 'integrity' && r !== 'decode');

type RuleState = 'passed' | 'failed' | 'unchecked';
interface RuleCheck {
  rule: VideoRule;
  state: RuleState;
  failure?: VideoFailure;
}

/**
 * Every browser rule with its outcome. A rule that could not be judged because a more basic one failed (no 16:9
 * picture, so no resolution; not an MP4, so nothing read) is shown as not checked, never as passed.
 */
function ruleChecks(probe: VideoProbe, failures: readonly VideoFailure[]): RuleCheck[] {
  const failed = new Map(failures.map((f) => [f.rule, f]));
  const skipped = new Set<VideoRule>();
  if (failed.has('container')) {
    if (probe.container === 'unknown' || !probe.video)
      ['video_track', 'resolution', 'aspect_ratio'].forEach((r) => skipped.add(r as VideoRule));
    if (probe.container === 'unknown' || probe.durationSec === null) skipped.add('duration');
  }
  if (failed.has('video_track')) ['resolution', 'aspect_ratio'].forEach((r) => skipped.add(r as VideoRule));
  if (failed.has('aspect_ratio')) skipped.add('resolution');
  if (failed.has('resolution') && !(probe.video && probe.video.displayWidth > 0 && probe.video.displayHeight > 0))
    skipped.add('aspect_ratio');
  return BROWSER_RULES.map((rule) => {
    const failure = failed.get(rule);
    if (failure) return { rule, state: 'failed', failure };
    return { rule, state: skipped.has(rule) ? 'unchecked' : 'passed' };
  });
}

export type UploadState =
  | { step: 'idle' }
  | { step: 'probing'; file: File }
  | {
      step: 'checked';
      file: File;
      probe: VideoProbe;
      unreadable: boolean;
      checks: RuleCheck[];
      ok: boolean;
      ms: number;
    }
  | {
      step: 'uploading';
      file: File;
      sent: number;
      total: number;
      bytesPerSec: number | null;
      secondsLeft: number | null;
      paused: boolean;
      retrying: boolean;
    }
  | { step: 'failed'; file: File; message: string | null; status: number | null }
  | { step: 'canceled' };

interface Sample {
  at: number;
  bytes: number;
}

/** Speed over the last few seconds, so that a burst or a stall does not make the estimate jump. */
function speedOf(samples: Sample[]): number | null {
  if (samples.length < 2) return null;
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  const dt = (last.at - first.at) / 1000;
  return dt >= 0.5 ? Math.max(0, (last.bytes - first.bytes) / dt) : null;
}

/** Checks a chosen file in the browser, then uploads it resumably; both libraries are loaded only when needed. */
export function useEntryUpload(
  entryId: number,
  rules: EntryRules,
  lang: 'vi' | 'en',
  onUploaded: () => Promise<unknown> | void,
) {
  const [state, setState] = useState<UploadState>({ step: 'idle' });
  const handle = useRef<UploadHandle | null>(null);
  const samples = useRef<Sample[]>([]);
  const generation = useRef(0);
  // The upload's callbacks outlive the render that started them: they call the page's latest `onUploaded`.
  const onUploadedRef = useRef(onUploaded);
  useLayoutEffect(() => {
    onUploadedRef.current = onUploaded;
  }, [onUploaded]);

  useEffect(() => () => handle.current?.dispose(), []);

  const choose = useCallback(
    async (file: File) => {
      const gen = ++generation.current;
      setState({ step: 'probing', file });
      const started = performance.now();
      let outcome: ProbeOutcome;
      try {
        const { probeVideo } = await import('./video-probe.ts');
        outcome = await probeVideo(file);
      } catch {
        outcome = {
          kind: 'unreadable',
          probe: {
            container: 'unknown',
            majorBrand: null,
            sizeBytes: file.size,
            durationSec: null,
            video: null,
            audio: null,
          },
        };
      }
      if (gen !== generation.current) return;
      const all = evaluateVideo(outcome.probe, rules);
      // What the browser could not read is left to the server; the size is known either way.
      // The container (read from the first bytes) and the size are known even when the rest could not be read.
      const known = new Set<VideoRule>(['container', 'size']);
      const failures = outcome.kind === 'unreadable' ? all.filter((f) => known.has(f.rule)) : all;
      const checks =
        outcome.kind === 'unreadable'
          ? BROWSER_RULES.map((rule): RuleCheck => {
              const failure = failures.find((f) => f.rule === rule);
              return failure
                ? { rule, state: 'failed', failure }
                : { rule, state: known.has(rule) ? 'passed' : 'unchecked' };
            })
          : ruleChecks(outcome.probe, failures);
      setState({
        step: 'checked',
        file,
        probe: outcome.probe,
        unreadable: outcome.kind === 'unreadable',
        checks,
        ok: failures.length === 0,
        ms: performance.now() - started,
      });
    },
    [rules],
  );

  const upload = useCallback(
    async (file: File) => {
      const gen = ++generation.current;
      samples.current = [];
      setState({
        step: 'uploading',
        file,
        sent: 0,
        total: file.size,
        bytesPerSec: null,
        secondsLeft: null,
        paused: false,
        retrying: false,
      });
      const { startUpload } = await import('./uploader.ts');
      if (gen !== generation.current) return;
      const live = () => gen === generation.current;
      const patch = (p: Partial<Extract<UploadState, { step: 'uploading' }>>) =>
        setState((s) => (live() && s.step === 'uploading' ? { ...s, ...p } : s));
      handle.current = startUpload({
        entryId,
        file,
        lang,
        onProgress(sent, total) {
          const now = performance.now();
          const list = samples.current;
          list.push({ at: now, bytes: sent });
          while (list.length > 2 && now - list[0]!.at > 8000) list.shift();
          const bytesPerSec = speedOf(list);
          patch({
            sent,
            total,
            bytesPerSec,
            secondsLeft: bytesPerSec && bytesPerSec > 0 ? (total - sent) / bytesPerSec : null,
            retrying: false,
          });
        },
        onRetrying: () => patch({ retrying: true }),
        onFlowing: () => patch({ retrying: false }),
        async onSuccess() {
          if (!live()) return;
          handle.current = null;
          // The bar stays until the entry says what the server does with the file (checking it), never "unfinished".
          await Promise.resolve(onUploadedRef.current()).catch(() => {});
          if (live()) setState({ step: 'idle' });
        },
        onError(message, status) {
          if (!live()) return;
          handle.current = null;
          setState({ step: 'failed', file, message, status });
          onUploadedRef.current();
        },
      });
    },
    [entryId, lang],
  );

  const pause = useCallback(() => {
    handle.current?.pause();
    samples.current = [];
    setState((s) => (s.step === 'uploading' ? { ...s, paused: true, bytesPerSec: null, secondsLeft: null } : s));
  }, []);

  const resume = useCallback(() => {
    handle.current?.resume();
    setState((s) => (s.step === 'uploading' ? { ...s, paused: false } : s));
  }, []);

  const cancel = useCallback(() => {
    generation.current++;
    handle.current?.cancel();
    handle.current = null;
    setState({ step: 'canceled' });
    onUploadedRef.current();
  }, []);

  const reset = useCallback(() => {
    generation.current++;
    setState({ step: 'idle' });
  }, []);

  return { state, choose, upload, pause, resume, cancel, reset };
}

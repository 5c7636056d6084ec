/**
 * The server's whole verdict on a video file against a contest's rules: our probe and integrity checks, the rules
 * of `core/video-policy.ts` (the same code the browser runs), then a decode of the first and last second with
 * ffmpeg. The upload flow and the `check-video` command both call this, so they always agree.
 */
import type { EntryRules } from '@core/contest.ts';
import { evaluateVideo, sortFailures, type VideoFailure, type VideoProbe } from '@core/video-policy.ts';
import { DEFAULT_MAX_PIXELS, decodeCheck, type DecodeCheckOptions } from './decode-check.ts';
import { probeVideoFile, type Integrity } from './mp4-probe.ts';

export interface VideoCheck {
  ok: boolean;
  failures: VideoFailure[];
  probe: VideoProbe;
  integrity: Integrity;
}

export interface CheckVideoOptions extends Omit<DecodeCheckOptions, 'format'> {
  /** Decode the first and last second with ffmpeg (default true). Skipped when the container or integrity failed. */
  decode?: boolean;
}

/**
 * The decoder's pixel cap: the largest size the rules allow, with room for coded padding, and never below the default.
 */
function pixelCap(rules: EntryRules): number {
  const largest = Math.max(0, ...rules.allowedResolutions.map((r) => r.width * r.height));
  return Math.max(DEFAULT_MAX_PIXELS, Math.ceil(largest * 1.1));
}

export async function checkVideoFile(
  path: string,
  rules: EntryRules,
  opts: CheckVideoOptions = {},
): Promise<VideoCheck> {
  const { probe, integrity } = await probeVideoFile(path);
  let failures = evaluateVideo(probe, rules);
  if (integrity.problems.length) {
    // When the index could not be read, "no video track" or "unknown duration" would only repeat the integrity
    // problem in vaguer words.
    failures = failures.filter(
      (f) => !(f.rule === 'video_track' && !probe.video) && !(f.rule === 'duration' && probe.durationSec === null),
    );
    failures.push(...integrity.problems.map((p): VideoFailure => ({ rule: 'integrity', message: p.message })));
  }
  const structuralFailure = failures.some((f) => f.rule === 'container' || f.rule === 'integrity');
  if (opts.decode !== false && !structuralFailure && integrity.ok && probe.video) {
    const cap = opts.maxPixels ?? pixelCap(rules);
    if (probe.video.codedWidth * probe.video.codedHeight > cap) {
      const size = `${probe.video.codedWidth}×${probe.video.codedHeight}`;
      failures.push({
        rule: 'decode',
        message: {
          vi: (
            `Khung hình ${size} lớn hơn mức hệ thống giải mã thử; ` +
            'hãy xuất lại video ở độ phân giải thể lệ yêu cầu rồi tải lên lại.'
          ).normalize('NFC'),
          en:
            `The ${size} picture is larger than the test decoder accepts; ` +
            'export the video again at a resolution the rules allow and upload it again.',
        },
      });
    } else {
      const decoded = await decodeCheck(path, {
        ...opts,
        maxPixels: cap,
        format: probe.container === 'mov' ? 'mov' : 'mp4',
      });
      if (!decoded.ok && decoded.message) failures.push({ rule: 'decode', message: decoded.message });
    }
  }
  failures = sortFailures(failures);
  return { ok: failures.length === 0, failures, probe, integrity };
}

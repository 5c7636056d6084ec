/** Addresses for sharing a published entry and the snippet that embeds its player in another site. */

export function entryPageUrl(origin: string, slug: string, entryId: number): string {
  return `${origin}/c/${encodeURIComponent(slug)}/e/${entryId}`;
}

function embedUrl(origin: string, entryId: number): string {
  return `${origin}/embed/${entryId}`;
}

export function facebookShareUrl(pageUrl: string): string {
  return `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(pageUrl)}`;
}

function escapeAttr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A 16:9 <iframe> that shrinks with the portal's column, for pasting into the district portal's article editor. */
export function embedSnippet(origin: string, entryId: number, title: string): string {
  return (
    `<iframe src="${escapeAttr(embedUrl(origin, entryId))}" title="${escapeAttr(title)}" width="640" height="360" ` +
    `style="border:0;max-width:100%;aspect-ratio:16/9;height:auto" ` +
    `allow="fullscreen; picture-in-picture" allowfullscreen loading="lazy"></iframe>`
  );
}

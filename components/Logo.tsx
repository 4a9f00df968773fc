// The toolbar icon's own drawing (public/icon.svg, also the source of every PNG size), so the popup, the
// pages and the injected row share one look. Our own static file, not user input: safe to inline.
import iconSvg from '@/public/icon.svg?raw';

export function Logo({ size = 22 }: { size?: number }) {
  const svg = iconSvg
    .replace(/<title>.*?<\/title>/, '')
    .replace(/width="128" height="128"/, `width="${size}" height="${size}"`);
  return <span class="logo" aria-hidden="true" dangerouslySetInnerHTML={{ __html: svg }} />;
}

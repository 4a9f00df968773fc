import { render } from 'preact';
import '@/components/site-row/site-row.css';
import { RowFrame } from '@/components/site-row/RowFrame';
import { rowFrameServices } from '@/lib/browser/row-frame-services';
import { frameSiteOf } from '@/lib/sites/row-frame';

// The site comes from the frame's URL and must be the one the browser says embeds it; else nothing is drawn.
const site = frameSiteOf(location.search, location.ancestorOrigins);
if (site) {
  if (site.lang) document.documentElement.lang = site.lang;
  // The row's panel takes the site's own dark (site-row.css).
  document.documentElement.dataset.site = site.adapter.id;
  render(
    <RowFrame adapter={site.adapter} pageOrigin={site.pageOrigin} services={rowFrameServices(site.adapter.id)} />,
    document.getElementById('row')!,
  );
}

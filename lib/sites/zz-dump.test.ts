// @vitest-environment happy-dom
import { readFileSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { decodeBuiltinCatalogue } from '../catalogue/builtin';
import { buildTitleIndex } from '../catalogue/match';
import { normalizeTitle } from '../catalogue/titles';
import { findTiles, readTiles, readRow } from './read';
import { loadPage } from './testing';
import { NETFLIX, PRIME } from './adapters';

it('dump', () => {
  const { films } = decodeBuiltinCatalogue(readFileSync('public/catalogue/movielens.json', 'utf8'));
  const index = buildTitleIndex(films);
  const out: string[] = [];
  for (const file of ['netflix/browse-2020-latam', 'netflix/browse-2022', 'netflix/browse-2023-it', 'netflix/browse-2026-05', 'netflix/browse-2026-06', 'netflix/search-2026-06', 'netflix/search-new-ui-2026-07', 'netflix/top10-row-new-ui-2026-07', 'prime/detail-de-2026-03']) {
    const adapter = file.startsWith('prime') ? PRIME : NETFLIX;
    loadPage(readFileSync(`../shared/pages/${file}.html`, 'utf8'));
    out.push(`=== ${file}`);
    for (const { tile, reading: r } of readTiles(adapter, findTiles(adapter, [document]))) {
      const heading = readRow(tile, adapter.rowEvidence).heading;
      const href = (tile.matches('a') ? tile : tile.querySelector('a'))?.getAttribute('href')?.replace(/\?.*jbv=/, '?jbv=').slice(0, 30) ?? '';
      if (!r) { out.push(`  (skipped) | ${heading}`); continue; }
      const c = index.candidates(normalizeTitle(r.title));
      const m = index.match(r.title, r.year, r.kind, { recent: r.recent });
      out.push(`  ${JSON.stringify(r.title)} | ${r.year ?? ''} | ${r.kind ?? ''}${r.recent ? ' new' : ''} | ${heading.slice(0, 40)} | ${href} => ${m ? m.id : '-'} || ${c.map((f) => `${f.id}:${f.title}(${f.year})#${f.ratingCount}`).join('; ')}`);
    }
  }
  writeFileSync('/tmp/wt14/dump.txt', out.join('\n'));
}, 120000);

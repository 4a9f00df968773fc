// The content script on a page of 100,000 tiles, after a reading, in headless Chromium with the built
// extension (issue 21): the longest task that runs MoodReel's code, MoodReel's main-thread time per minute
// while the page sits still and while it is scrolled, the heap's growth, and whether the badges on the tiles in
// view are right once the page is scrolled far down.
//
// The page has no script of its own besides a mark at its load, so every task on its main thread after
// load that runs JavaScript is MoodReel's; the tasks are read from a Chrome trace (RunTask on the page's
// renderer main thread, with the JavaScript events nested in it). The longest task of any kind after load
// (rendering included, which MoodReel's changes and the bench's own scrolling both cause) is reported too.
import fs from 'node:fs';
import path from 'node:path';
import { TMP_DIR, launchExtension, sleep, startStaticServer } from '../harness/index.mjs';

const round = (v, digits = 1) => (Number.isFinite(v) ? Math.round(v * 10 ** digits) / 10 ** digits : null);

/** Titles on the page: every fourth a catalogue film (several fit a happy mood), the rest unknown. */
const FILMS = [
  'Toy Story',
  'Forrest Gump',
  'Moana',
  'Coco',
  'Paddington 2',
  'Superbad',
  'Ace Ventura: Pet Detective',
  'The Grand Budapest Hotel',
  'Die Hard',
  'Heat',
  'The Shining',
  'The Shawshank Redemption',
];
const ROW = 25;
const ROW_HEIGHT = 180;

function titleAt(n) {
  return n % 4 === 0 ? FILMS[(n / 4) % FILMS.length] : `Unlisted Show ${n}`;
}

/**
 * A Netflix-like home page (the 2026 markup the adapter reads) of `tiles` tiles in rows of 25. Each row's
 * tiles sit in a slider moved by a transform, as Netflix's rows do (so each row is a stacking context).
 */
function bigPage(tiles) {
  const parts = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Home - Netflix</title><style>',
    'body{margin:0;background:#141414;color:#fff;font:14px sans-serif}',
    `section{height:${ROW_HEIGHT}px;overflow:hidden;white-space:nowrap;padding-left:40px}`,
    '.slider{transform:translate3d(0,0,0)}',
    'h2{font-size:16px;margin:6px 0;height:20px}',
    '[data-virtual-slot]{display:inline-block;margin-right:6px}',
    'a{position:relative;display:block;width:220px;height:124px;background:#333;color:#ddd;overflow:hidden}',
    '</style></head><body><main data-uia="browse-page-sections">',
  ];
  for (let r = 0; r * ROW < tiles; r++) {
    parts.push(`<section data-uia="carousel-row-section-${r}"><h2>Row ${r}</h2><div class="slider">`);
    for (let i = r * ROW; i < Math.min(tiles, (r + 1) * ROW); i++) {
      const title = titleAt(i);
      parts.push(
        `<div data-virtual-slot="${i % ROW}"><a data-uia="standard-card" href="/browse?jbv=${80_000_000 + i}" aria-label="${title}"><span aria-hidden="true">${title}</span></a></div>`,
      );
    }
    parts.push('</div></section>');
  }
  parts.push(
    '</main><script>addEventListener("load", () => console.timeStamp("bench:loaded"));</script></body></html>',
  );
  return parts.join('');
}

const READING = (emotion) => ({
  emotion,
  probabilities: ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'].map((e) =>
    e === emotion ? 0.82 : 0.03,
  ),
  backend: 'wasm',
  cnnMs: 1,
  detectMs: 1,
  totalMs: 1,
  frames: 8,
  faces: 1,
  source: 'camera',
  at: Date.now(),
});

/**
 * The page's renderer main-thread tasks from a trace: each one's length, how long it ran JavaScript (the page
 * has none after load: MoodReel's), and whether it was a rendering frame (paint), which a script of ours may
 * join (a requestAnimationFrame callback) without the frame's painting being ours.
 */
function tasksOf(events, pid) {
  const main = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === pid)
      .map((e) => e.tid),
  );
  const onMain = (e) => e.pid === pid && main.has(e.tid) && e.ph === 'X';
  const tasks = events
    .filter((e) => e.name === 'ThreadControllerImpl::RunTask' && onMain(e))
    .map((e) => ({ ts: e.ts, end: e.ts + e.dur, ms: e.dur / 1000, scriptMs: 0, frame: false, bench: false, spans: [] }))
    .sort((a, b) => a.ts - b.ts);
  const JS = new Set([
    'FunctionCall',
    'RunMicrotasks',
    'TimerFire',
    'EvaluateScript',
    'FireIdleCallback',
    'FireAnimationFrame',
  ]);
  const FRAME = new Set(['Paint', 'PrePaint', 'Commit', 'AnimationFrame']);
  const inner = events.filter((e) => (JS.has(e.name) || FRAME.has(e.name)) && onMain(e)).sort((a, b) => a.ts - b.ts);
  let t = 0;
  for (const e of inner) {
    while (t < tasks.length && tasks[t].end < e.ts) t++;
    const task = tasks[t];
    if (!task || task.ts > e.ts) continue;
    if (FRAME.has(e.name)) task.frame = true;
    // The bench's own evaluations over CDP (its marks, its checks) are not MoodReel's.
    else if (e.name === 'EvaluateScript' && !String(e.args?.data?.url ?? '').startsWith('chrome-extension://'))
      task.bench = true;
    else task.spans.push([e.ts, e.ts + e.dur]);
  }
  for (const task of tasks) {
    // The JavaScript's time in the task, nested calls counted once.
    let reach = -Infinity;
    for (const [from, to] of task.spans) {
      if (to <= reach) continue;
      task.scriptMs += (to - Math.max(from, reach)) / 1000;
      reach = to;
    }
    delete task.spans;
  }
  return tasks;
}

/**
 * Every task between two marks. A task of ours: one that ran MoodReel's script, whole, or in a rendering frame
 * only the script's own part. Also the longest task of any kind (rendering included).
 */
function phase(tasks, from, to, minutes = 1) {
  const inside = tasks.filter((task) => task.ts >= from && task.ts < to);
  const ours = inside
    .filter((task) => task.scriptMs > 0 && !task.bench)
    .map((task) => (task.frame ? task.scriptMs : task.ms));
  const total = ours.reduce((sum, ms) => sum + ms, 0);
  return {
    'longest task of ours ms': round(Math.max(0, ...ours)),
    'our tasks > 50 ms': ours.filter((ms) => ms > 50).length,
    'our main-thread ms': round(total),
    'our ms per minute': round(total / minutes),
    'longest task of any kind ms': round(Math.max(0, ...inside.map((task) => task.ms))),
  };
}

/**
 * The tiles whose tops are in the viewport now: each one's title, how many hosts it holds, and the accessible
 * name of its badge (null: none), read through CDP (closed roots), without reading the whole page.
 */
async function tilesInView(page, cdp) {
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: `(() => {
      const first = Math.max(0, Math.floor(scrollY / ${ROW_HEIGHT}));
      const rows = [...document.querySelectorAll('section')].slice(first, first + Math.ceil(innerHeight / ${ROW_HEIGHT}));
      return rows.flatMap((row) => [...row.querySelectorAll('a')]).filter((tile) => {
        const box = tile.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth;
      });
    })()`,
  });
  const { result: items } = await cdp.send('Runtime.getProperties', { objectId: result.objectId, ownProperties: true });
  const seen = [];
  for (const item of items) {
    if (!/^\d+$/.test(item.name) || !item.value?.objectId) continue;
    const { node } = await cdp.send('DOM.describeNode', { objectId: item.value.objectId, depth: -1, pierce: true });
    const attributes = (n) =>
      Object.fromEntries((n.attributes ?? []).flatMap((v, i, a) => (i % 2 ? [] : [[v, a[i + 1]]])));
    const hosts = (node.children ?? []).filter((child) => child.localName === 'moodreel-badge');
    let badge = null;
    const walk = (n) => {
      if (attributes(n)['data-testid'] === 'fit-badge') badge = attributes(n)['aria-label'] ?? '';
      for (const child of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) walk(child);
    };
    hosts.forEach(walk);
    seen.push({ title: attributes(node)['aria-label'], hosts: hosts.length, badge });
  }
  await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
  return seen;
}

/** Which of the page's catalogue titles the background badges for the stored reading (its own answer). */
async function fitting(harness) {
  const page = await harness.context.newPage();
  await page.goto(harness.url('options.html'));
  const answer = await page.evaluate(
    (titles) =>
      chrome.runtime.sendMessage({
        moodreel: 'match-titles',
        target: 'background',
        request: { titles: titles.map((title) => ({ title })) },
      }),
    FILMS,
  );
  await page.close();
  return new Set(FILMS.filter((_, i) => answer.results[i]));
}

/**
 * The page of `tiles` tiles after a reading, and the same page with Netflix turned off in MoodReel (the
 * baseline: what the page costs by itself, loading and scrolling, with the same steps).
 */
export async function benchBigPage({ tiles = 100_000, idleS = 60 } = {}) {
  const dir = path.join(TMP_DIR, 'bench-big-page');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'index.html');
  fs.writeFileSync(file, bigPage(tiles));
  const server = await startStaticServer({ mounts: { '/browse': file } });
  try {
    const baseline = await onePage(server, tiles, { idleS: 5, siteOn: false });
    const withMoodReel = await onePage(server, tiles, { idleS, siteOn: true });
    return {
      ...withMoodReel,
      'without MoodReel (Netflix off): longest task of any kind ms': Object.fromEntries(
        Object.entries(baseline)
          .filter(([, value]) => value && typeof value === 'object' && 'longest task of any kind ms' in value)
          .map(([name, value]) => [name, value['longest task of any kind ms']]),
      ),
    };
  } finally {
    await server.close();
  }
}

async function onePage(server, tiles, { idleS, siteOn }) {
  const harness = await launchExtension({ netLog: false, hostMap: { 'www.netflix.com': server.port } });
  const setReading = (emotion) =>
    harness.serviceWorker.evaluate((value) => chrome.storage.local.set({ latestReading: value }), READING(emotion));
  try {
    await setReading('happy');
    if (!siteOn)
      await harness.serviceWorker.evaluate(() =>
        chrome.storage.sync.set({ sites: { netflix: false, prime: true, disney: true } }),
      );
    const page = await harness.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    const cdp = await harness.context.newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', (event) => events.push(...event.value));
    await cdp.send('Tracing.start', {
      traceConfig: {
        includedCategories: [
          'toplevel',
          'devtools.timeline',
          'v8.execute',
          ...(process.env.BIG_PAGE_DEBUG ? ['blink', 'disabled-by-default-devtools.timeline'] : []),
        ],
      },
      transferMode: 'ReportEvents',
    });
    const mark = (name) => page.evaluate((text) => console.timeStamp(text), name);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize / 1e6;
    };
    const hosts = () => page.evaluate(() => document.querySelectorAll('moodreel-badge').length);
    const started = Date.now();
    await page.goto('http://www.netflix.com/browse', { timeout: 180_000 });
    const loadedS = (Date.now() - started) / 1000;
    // Settled: hosts on the tiles near the viewport, and no change for two seconds.
    let last = -1;
    for (let stable = 0; stable < 4 && Date.now() - started < 120_000;) {
      const now = await hosts();
      stable = now > 0 && now === last ? stable + 1 : 0;
      last = now;
      await sleep(500);
    }
    const settledS = (Date.now() - started) / 1000;
    const heapStart = await heap();
    await mark('bench:idle');
    await sleep(idleS * 1000);
    await mark('bench:scroll');
    const scrollStarted = Date.now();
    for (let step = 0; step < 20; step++) {
      await page.mouse.wheel(0, 1_500);
      await sleep(400);
    }
    // Far down the page at once (the End key, a scrollbar drag), then a moment to follow.
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight * 0.6));
    await sleep(3_000);
    const scrollMinutes = (Date.now() - scrollStarted) / 60_000;
    await mark('bench:check');
    const shouldFit = await fitting(harness);
    const inView = await tilesInView(page, cdp);
    const wrong = inView.filter((tile) => tile.hosts !== 1 || Boolean(tile.badge) !== shouldFit.has(tile.title));
    await mark('bench:mood');
    await setReading('sad');
    await sleep(5_000);
    await mark('bench:end');
    const heapEnd = await heap();
    const hostsEnd = await hosts();
    await cdp.send('Tracing.end');
    await new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    const stamps = Object.fromEntries(
      events.filter((e) => e.name === 'TimeStamp').map((e) => [e.args?.data?.message, { ts: e.ts, pid: e.pid }]),
    );
    const loaded = stamps['bench:loaded'];
    if (!loaded) throw new Error('the page never marked its load in the trace');
    const tasks = tasksOf(events, loaded.pid);
    if (process.env.BIG_PAGE_DEBUG) {
      for (const task of tasks.filter(
        (t) => t.ts > loaded.ts && !t.bench && (t.frame ? t.scriptMs : t.ms) > 40 && t.scriptMs > 0,
      )) {
        const inner = {};
        for (const e of events)
          if (
            e.pid === loaded.pid &&
            e.ph === 'X' &&
            e.ts >= task.ts &&
            e.ts < task.end &&
            e.name !== 'ThreadControllerImpl::RunTask'
          )
            inner[e.name] = (inner[e.name] ?? 0) + e.dur / 1000;
        const layouts = events
          .filter(
            (e) =>
              e.pid === loaded.pid &&
              (e.name === 'Layout' || e.name === 'UpdateLayoutTree') &&
              e.ts >= task.ts &&
              e.ts < task.end &&
              e.dur > 5000,
          )
          .map(
            (e) =>
              `${e.name} ${(e.dur / 1000).toFixed(0)}ms ${JSON.stringify(e.args?.beginData ?? e.args?.elementCount ?? e.args ?? {}).slice(0, 160)}`,
          );
        if (layouts.length) console.log('[debug] layouts', layouts.join(' | '));
        const phaseName = Object.entries(stamps)
          .filter(([, v]) => v.ts <= task.ts)
          .sort((a, b) => b[1].ts - a[1].ts)[0]?.[0];
        console.log(
          `[debug] ${siteOn ? 'on' : 'off'} ${phaseName} ${task.ms.toFixed(0)} ms:`,
          Object.entries(inner)
            .sort((a, b) => b[1] - a[1])
            .slice(0, 8)
            .map(([n, d]) => `${n} ${d.toFixed(0)}`)
            .join(', '),
        );
      }
    }
    const at = (name) => stamps[name]?.ts ?? Infinity;
    return {
      tiles,
      'page load s': round(loadedS),
      'load to settled s': round(settledS - loadedS),
      'hosts (tiles near the viewport)': hostsEnd,
      'first pass (load to idle)': phase(tasks, loaded.ts, at('bench:idle')),
      [`sitting still, ${idleS} s`]: phase(tasks, at('bench:idle'), at('bench:scroll'), idleS / 60),
      'scrolled (20 wheel steps, then 60 % down at once)': phase(
        tasks,
        at('bench:scroll'),
        at('bench:check'),
        scrollMinutes,
      ),
      'a new reading (redraw)': phase(tasks, at('bench:mood'), at('bench:end')),
      'heap MB (after GC)': `${round(heapStart, 2)} → ${round(heapEnd, 2)}`,
      'tiles in view checked': inView.length,
      'tiles in view wrong': wrong.length,
      'wrong examples': wrong.slice(0, 3),
    };
  } finally {
    await harness.close();
  }
}

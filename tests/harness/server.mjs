// A static fixture server on 127.0.0.1.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/**
 * A static server on 127.0.0.1 (random port). `mounts` maps URL prefixes to folders or files:
 * `{ '/': 'tests/fixtures/streaming-demo', '/browse': '.../index.html', '/faces/': FACES_DIR }`.
 * The longest matching prefix wins; a folder serves its index.html for '/'.
 * @param {import('./index.d.mts').ServerOptions} [options]
 */
export async function startStaticServer(options = {}) {
  const mounts = Object.entries(options.mounts ?? {}).sort((a, b) => b[0].length - a[0].length);
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ url: url.href, path: url.pathname, host: req.headers.host ?? '', method: req.method ?? 'GET' });
    const file = resolveMount(mounts, decodeURIComponent(url.pathname));
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const headers = {
      'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...(options.headers ?? {}),
    };
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    url: (p = '/') => `http://127.0.0.1:${port}${p.startsWith('/') ? p : `/${p}`}`,
    requests,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function resolveMount(mounts, pathname) {
  for (const [prefix, target] of mounts) {
    if (pathname !== prefix && !pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) continue;
    let stat;
    try {
      stat = fs.statSync(target);
    } catch {
      return null;
    }
    if (stat.isFile()) return pathname === prefix ? target : null;
    const rest = pathname.slice(prefix.length).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(target, rest);
    if (!file.startsWith(path.resolve(target) + path.sep) && file !== path.resolve(target)) return null;
    try {
      const inner = fs.statSync(file);
      if (inner.isFile()) return file;
      if (inner.isDirectory() && fs.existsSync(path.join(file, 'index.html'))) return path.join(file, 'index.html');
    } catch {
      return null;
    }
    return null;
  }
  return null;
}

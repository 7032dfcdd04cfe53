// serve.mjs — a static file server on loopback for the built page (used by scripts/start.sh and
// the browser tests). Serves only files under the given folder, gzip-compressed when the client
// accepts it, as a static host would; a bad request gets a 4xx answer and never stops the server.
//   node scripts/serve.mjs build/web/site 8080
import { createServer } from 'node:http';
import { open } from 'node:fs/promises';
import { join, extname, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';

const gzip = promisify(gzipCallback);

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
                '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png',
                '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8' };
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.wasm', '.json', '.svg', '.txt']);
const NOT_FOUND = new Set(['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'ELOOP']);
const CACHE_ENTRIES = 64;

// A short answer that ends a request early: status, text, extra headers.
class Reply {
  constructor(status, text, headers = {}) { Object.assign(this, { status, text, headers }); }
}

// The absolute file a request path names; throws a Reply for a path it will not serve. The root
// check compares with a trailing separator, so a sibling such as /site2 is not inside /site.
function fileFor(base, rawPath) {
  let path;
  try { path = decodeURIComponent(rawPath); } catch { throw new Reply(400, 'bad request'); }
  if (!path.startsWith('/') || path.includes('\0')) throw new Reply(400, 'bad request');
  const file = join(base, path);
  const inside = base.endsWith(sep) ? base : base + sep;
  if (file !== base && !file.startsWith(inside)) throw new Reply(403, 'forbidden');
  return path.endsWith('/') ? join(file, 'index.html') : file;
}

// True when Accept-Encoding lists gzip with a non-zero quality.
function acceptsGzip(header = '') {
  return header.split(',').some((part) => {
    const [name, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return name === 'gzip' && !(q && Number(q.slice(2)) === 0);
  });
}

// Gzipped bodies by file path; an entry is reused only while the file's mtime and size match,
// since the site is rebuilt under a running server. Oldest entries go first past CACHE_ENTRIES.
const gzipCache = new Map();
async function gzipped(file, stats, body) {
  const stamp = `${stats.mtimeMs}:${stats.size}`;
  const hit = gzipCache.get(file);
  gzipCache.delete(file);
  const gz = hit?.stamp === stamp ? hit.gz : await gzip(body);
  gzipCache.set(file, { stamp, gz });
  if (gzipCache.size > CACHE_ENTRIES) gzipCache.delete(gzipCache.keys().next().value);
  return gz;
}

// The bytes and stats of `file`, read through one handle so both describe the same version.
async function read(file) {
  let handle;
  try {
    handle = await open(file);
    const stats = await handle.stat();
    return stats.isDirectory() ? { stats } : { stats, body: await handle.readFile() };
  } catch (e) {
    if (NOT_FOUND.has(e.code)) throw new Reply(404, 'not found');
    if (e.code === 'EACCES' || e.code === 'EPERM') throw new Reply(403, 'forbidden');
    throw e;
  } finally {
    await handle?.close();
  }
}

async function answer(base, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    throw new Reply(405, 'method not allowed', { Allow: 'GET, HEAD' });
  const q = req.url.indexOf('?');
  const [rawPath, query] = q < 0 ? [req.url, ''] : [req.url.slice(0, q), req.url.slice(q)];
  const file = fileFor(base, rawPath);
  const { stats, body } = await read(file);
  if (!body) {
    // A folder named without its trailing slash moves to the slash form, so the page's relative
    // links resolve inside it.
    if (rawPath.endsWith('/')) throw new Reply(404, 'not found');
    throw new Reply(301, 'moved', { Location: `${rawPath}/${query}` });
  }

  const ext = extname(file);
  const headers = { 'Content-Type': TYPES[ext] || 'application/octet-stream', 'Cache-Control': 'no-cache' };
  let payload = body;
  if (COMPRESSIBLE.has(ext)) {
    headers.Vary = 'Accept-Encoding';
    if (acceptsGzip(req.headers['accept-encoding'])) {
      payload = await gzipped(file, stats, body);
      headers['Content-Encoding'] = 'gzip';
    }
  }
  headers['Content-Length'] = payload.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : payload);
}

// Answers a request that `answer` gave up on: its Reply, or 500 for anything unexpected.
function refuse(req, res, e) {
  if (res.headersSent) return res.destroy();
  if (!(e instanceof Reply)) console.error(`serve.mjs: ${req.method} ${req.url}: ${e?.stack || e}`);
  const { status, text, headers } = e instanceof Reply ? e : new Reply(500, 'internal error');
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8',
                          'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(req.method === 'HEAD' ? undefined : text);
}

// Serve `root` on 127.0.0.1:`port` (0 = any free port); resolves to { url, close }.
export async function serve(root, port = 0) {
  const base = resolve(root);
  // A reply that cannot be sent (headers already out, or unsendable) drops the connection.
  const server = createServer((req, res) => {
    answer(base, req, res).catch((e) => refuse(req, res, e)).catch(() => res.destroy());
  });
  await new Promise((ok, fail) => { server.once('error', fail); server.listen(port, '127.0.0.1', ok); });
  // Idle keep-alive connections would otherwise hold the process open after close on Node 18.
  return { url: `http://127.0.0.1:${server.address().port}/`,
           close: () => { server.close(); server.closeIdleConnections(); } };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [root = 'build/web/site', port = '8080'] = process.argv.slice(2);
  const { url } = await serve(root, Number(port));
  console.log(`Attention Explorer is served at ${url}  (Ctrl+C to stop)`);
}

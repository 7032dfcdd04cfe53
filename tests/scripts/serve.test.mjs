// serve.test.mjs — tests of scripts/serve.mjs, the static server behind scripts/start.sh and the
// browser tests. It serves a temporary site and speaks to it with raw node:http requests, so paths
// go out verbatim and gzip bodies arrive undecoded: bad paths get 4xx answers and leave the server
// up, gzip and identity bodies match the files byte for byte, and a rebuilt file is served fresh.
//   node tests/scripts/serve.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { serve } from '../../scripts/serve.mjs';

const GZIP = { 'Accept-Encoding': 'gzip, deflate, br' };

// One request on its own connection (agent: false), so no keep-alive socket outlives the tests.
// A request left unanswered fails after five seconds instead of hanging the run.
function get(port, path, { method = 'GET', headers = {} } = {}) {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.setTimeout(5000, () => req.destroy(new Error(`${method} ${path}: no answer`)));
    req.end();
  });
}

// A stand-in for the built module: the wasm magic and version, then a few hundred KB of
// repetitive, hence compressible, bytes.
function fakeWasm() {
  const body = Buffer.alloc(300 * 1024);
  for (let i = 0; i < body.length; i++) body[i] = (i * 7 + (i >> 10)) & 0x3f;
  return Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), body]);
}

describe('serve.mjs', () => {
  let dir, site, server, port;
  const file = (name) => readFileSync(join(site, name));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'attention-serve-'));
    site = join(dir, 'site');
    mkdirSync(join(site, 'sub'), { recursive: true });
    writeFileSync(join(site, 'index.html'),
                  '<!doctype html><title>Attention Explorer</title><script src="app.js"></script>\n');
    writeFileSync(join(site, 'app.js'), 'console.log("attention");\n'.repeat(200));
    writeFileSync(join(site, 'app.wasm'), fakeWasm());
    writeFileSync(join(site, 'sub', 'index.html'), '<!doctype html><title>sub</title>\n');
    // A sibling whose name extends the root's: a bare prefix check would let it through.
    mkdirSync(join(dir, 'site2'));
    writeFileSync(join(dir, 'site2', 'secret.txt'), 'not served\n');
    server = await serve(site, 0);
    port = Number(new URL(server.url).port);
  });

  after(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers malformed and escaping paths with 4xx and stays up', async () => {
    const cases = [['/%', 400], ['/%E0%A4%A', 400], ['/a%00b', 400], ['/..%2f..%2fetc/passwd', 403],
                   ['/../site2/secret.txt', 403], ['/%2e%2e/site2/secret.txt', 403], ['/missing.js', 404]];
    for (const [path, status] of cases) {
      const res = await get(port, path);
      assert.equal(res.status, status, path);
      assert.doesNotMatch(res.body.toString(), /not served/, path);
    }
    const res = await get(port, '/');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, file('index.html'));
  });

  it('answers other methods with 405 and Allow: GET, HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await get(port, '/index.html', { method });
      assert.equal(res.status, 405, method);
      assert.equal(res.headers.allow, 'GET, HEAD');
    }
    assert.equal((await get(port, '/')).status, 200);
  });

  it('sends gzip bodies that decompress to the files, with their compressed length', async () => {
    for (const name of ['index.html', 'app.js', 'app.wasm']) {
      const res = await get(port, `/${name}`, { headers: GZIP });
      assert.equal(res.status, 200, name);
      assert.equal(res.headers['content-encoding'], 'gzip', name);
      assert.equal(res.headers.vary, 'Accept-Encoding', name);
      assert.equal(res.headers['cache-control'], 'no-cache', name);
      assert.equal(Number(res.headers['content-length']), res.body.length, name);
      assert.deepEqual(gunzipSync(res.body), file(name), name);
    }
    const wasm = await get(port, '/app.wasm', { headers: GZIP });
    assert.equal(wasm.headers['content-type'], 'application/wasm');
    assert.ok(wasm.body.length < file('app.wasm').length / 4, `${wasm.body.length} bytes gzipped`);
  });

  it('sends the identity bytes without gzip in Accept-Encoding', async () => {
    for (const headers of [{}, { 'Accept-Encoding': 'identity' }, { 'Accept-Encoding': 'gzip;q=0, br' }]) {
      for (const name of ['index.html', 'app.js', 'app.wasm']) {
        const res = await get(port, `/${name}`, { headers });
        assert.equal(res.status, 200, name);
        assert.equal(res.headers['content-encoding'], undefined, name);
        assert.equal(res.headers.vary, 'Accept-Encoding', name);
        assert.equal(Number(res.headers['content-length']), res.body.length, name);
        assert.deepEqual(res.body, file(name), name);
      }
    }
  });

  it('answers HEAD with the GET headers and no body', async () => {
    for (const headers of [{}, GZIP]) {
      const full = await get(port, '/app.wasm', { headers });
      const head = await get(port, '/app.wasm', { method: 'HEAD', headers });
      assert.equal(head.status, 200);
      assert.equal(head.body.length, 0);
      for (const h of ['content-type', 'content-length', 'content-encoding', 'vary', 'cache-control'])
        assert.equal(head.headers[h], full.headers[h], h);
    }
  });

  it('resolves folders to index.html and moves a slashless folder to its slash form', async () => {
    const res = await get(port, '/sub/');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, file('sub/index.html'));
    const moved = await get(port, '/sub?x=1');
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.location, '/sub/?x=1');
    assert.equal((await get(port, '/sub/missing.html')).status, 404);
  });

  it('serves a rebuilt file fresh, gzipped or not', async () => {
    const js = join(site, 'app.js');
    const fetchBoth = async () => [gunzipSync((await get(port, '/app.js', { headers: GZIP })).body),
                                   (await get(port, '/app.js')).body];
    await fetchBoth();
    writeFileSync(js, 'console.log("rebuilt");\n'.repeat(300));
    for (const body of await fetchBoth()) assert.deepEqual(body, file('app.js'));

    // Same size, new content: only the mtime tells the versions apart, so move it on explicitly
    // rather than trust the clock to have ticked between the two writes.
    const same = 'console.log("REBUILT");\n'.repeat(300);
    writeFileSync(js, same);
    utimesSync(js, new Date(), new Date(Date.now() + 10_000));
    for (const body of await fetchBoth()) assert.equal(body.toString(), same);
  });
});

// site_archive.test.mjs — the site archive as a teacher's host gets it: unzipped, served by a plain
// static server (Python's http.server, which knows nothing of the explorer), it gives the same page.
//   node tests/package/site_archive.test.mjs BUILD VERSION
// Builds the site-archive target, unpacks attention-explorer-site-VERSION.zip, checks its files
// (every page file with a .gz copy that decompresses to it, the hosts' README), serves it and
// waits for attention.ready; attention.about().version must be VERSION.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { launch, openExplorer, checker } from '../browser/harness.mjs';

const [build, version] = process.argv.slice(2);
const { check, report } = checker();
execFileSync('cmake', ['--build', build, '--target', 'site-archive'], { stdio: 'ignore' });
const name = `attention-explorer-site-${version}`;
const archive = join(build, `${name}.zip`);
check(`the archive is named ${name}.zip`, existsSync(archive));

const root = mkdtempSync(join(tmpdir(), 'attention-site-'));
execFileSync('/usr/bin/python3', ['-m', 'zipfile', '-e', archive, root]);
const dir = join(root, name);
const files = readdirSync(dir);
check('it unpacks into one folder', readdirSync(root).length === 1 && files.length > 0, readdirSync(root).join(', '));
for (const page of ['index.html', 'style.css', 'attention.js', 'attention-explorer.js', 'attention-explorer.wasm']) {
  check(`it holds ${page}`, files.includes(page));
  const gz = `${page}.gz`;
  check(`${gz} decompresses to ${page}`, files.includes(gz) &&
        gunzipSync(readFileSync(join(dir, gz))).equals(readFileSync(join(dir, page))));
}
const readme = files.includes('README.md') ? readFileSync(join(dir, 'README.md'), 'utf8') : '';
check('its README names the version and the .wasm MIME type', readme.includes(version) && readme.includes('application/wasm'));

// A free port for the plain server, then wait until it answers.
const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => { const p = probe.address().port; probe.close(() => resolve(p)); });
});
const server = spawn('/usr/bin/python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir],
                     { stdio: 'ignore' });
const url = `http://127.0.0.1:${port}/`;
for (let i = 0; i < 100; i++) {
  try { if ((await fetch(url)).ok) break; } catch { /* not listening yet */ }
  await new Promise((r) => setTimeout(r, 100));
}
const context = await launch();
try {
  const wasm = await fetch(`${url}attention-explorer.wasm`);
  check('the plain server sends .wasm as application/wasm', wasm.headers.get('content-type') === 'application/wasm',
        wasm.headers.get('content-type'));
  const { page, errors } = await openExplorer(context, url);
  check('the served archive reaches attention.ready', (await page.evaluate(() => window.attention.framesDrawn())) > 0);
  const about = await page.evaluate(() => window.attention.about());
  check(`attention.about().version is ${version}`, about.version === version, JSON.stringify(about));
  const state = await page.evaluate(() => window.attention.state());
  check('the scenario it writes records the version', state.explorer_version === version, state.explorer_version);
  check('no errors in the console', errors.length === 0, errors.join(' | '));
} finally {
  await context.close();
  server.kill();
  rmSync(root, { recursive: true, force: true });
}
report();

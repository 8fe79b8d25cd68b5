import { readFileSync } from 'node:fs';
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import { commandSchema } from './commands.js';
import { CHART_NAMES, ChartCache, type ChartName } from './charts.js';
import { WebError, type WebExercise } from './exercise.js';
import { LiveHub, viewFor } from './hub.js';
import type { Role } from './roles.js';
import type { TokenBook } from './tokens.js';

/** Largest command body accepted, in bytes: a command is a few fields of bounded text. */
export const MAX_BODY_BYTES = 16 * 1024;

/** Seconds between keep-alive comments on a live stream, so idle proxies and browsers keep it open. */
const KEEP_ALIVE_SECONDS = 15;

/** The pages' policy: only this server's own script, style, images and connections; no inline code, no framing. */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
/** Generated documents (charts, the report) carry their own inline styles and nothing else. */
const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'";

const ASSETS: Record<string, { type: string; body: string }> = {
  'app.js': { type: 'text/javascript; charset=utf-8', body: readAsset('app.js') },
  'app.css': { type: 'text/css; charset=utf-8', body: readAsset('app.css') },
};
const PAGE = readAsset('page.html');

function readAsset(name: string): string {
  return readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
}

type Env = { Variables: { role: Role } };

/**
 * The console's HTTP routes (Hono). Every page and call lives under `/r/<token>/`; the
 * token decides the role, and every request is checked for it: an unknown token gets
 * 403 and nothing else, a role asking for another role's data or command gets 403.
 */
export function webApp(exercise: WebExercise, tokens: TokenBook, hub: LiveHub): Hono<Env> {
  const app = new Hono<Env>();
  const charts = new ChartCache();

  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cache-Control', 'no-store');
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', PAGE_CSP);
  });

  app.get('/assets/:name', (c) => {
    const asset = ASSETS[c.req.param('name')];
    return asset ? c.body(asset.body, 200, { 'Content-Type': asset.type }) : c.text('not found', 404);
  });

  app.use('/r/:token/*', async (c, next) => {
    const role = tokens.roleOf(c.req.param('token') ?? '');
    if (!role) return c.text('403: this link is not valid for this exercise; ask the controller for yours', 403);
    c.set('role', role);
    return next();
  });
  app.get('/r/:token', (c) => c.redirect(`/r/${encodeURIComponent(c.req.param('token'))}/`));

  app.get('/r/:token/', (c) => c.html(PAGE));
  app.get('/r/:token/state', (c) => c.json(viewFor(exercise, c.get('role'))));
  app.get('/r/:token/events', (c) =>
    streamSSE(c, async (stream) => {
      await hub.attach(c.get('role'), stream);
      while (!stream.aborted && !stream.closed) {
        await idle(KEEP_ALIVE_SECONDS * 1000);
        if (!stream.aborted && !stream.closed) await stream.write(': keep-alive\n\n');
      }
    }),
  );

  app.post('/r/:token/command', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: `a command is at most ${MAX_BODY_BYTES} bytes` }, 413) }), async (c) => {
    try {
      checkSameOrigin(c);
      if (!(c.req.header('Content-Type') ?? '').startsWith('application/json')) throw new WebError(415, 'send the command as application/json');
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        throw new WebError(400, 'the command is not valid JSON');
      }
      const parsed = commandSchema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new WebError(400, `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
      }
      const reply = exercise.perform(c.get('role'), parsed.data);
      return c.json({ ...reply, version: exercise.version });
    } catch (error) {
      if (error instanceof WebError) return c.json({ error: error.message }, error.status);
      throw error;
    }
  });

  app.get('/r/:token/chart/:file', (c) => {
    const role = c.get('role');
    const name = c.req.param('file').replace(/\.svg$/, '') as ChartName;
    if (role.kind === 'team') return c.text('403: charts show every nation; they are on the projector', 403);
    if (!CHART_NAMES.includes(name)) return c.text('not found', 404);
    if (exercise.session.now <= 0) return c.text('no chart before the clock moves', 404);
    const svg = charts.get(exercise.session, exercise.version)[name];
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Content-Security-Policy': DOCUMENT_CSP });
  });

  app.get('/r/:token/:handOut{report|debrief}', (c) => {
    const role = c.get('role');
    if (role.kind !== 'controller' && role.kind !== 'evaluator') return c.text('403: the after-action report is for the controller and evaluators', 403);
    const ended = exercise.ended;
    if (!ended) return c.text('the after-action report is written when the controller ends the exercise', 404);
    if (c.req.param('handOut') === 'debrief') return c.body(readFileSync(ended.debriefPath, 'utf8'), 200, { 'Content-Type': 'text/plain; charset=utf-8' });
    const isHtml = ended.reportPath.endsWith('.html');
    return c.body(readFileSync(ended.reportPath, 'utf8'), 200, {
      'Content-Type': isHtml ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
      'Content-Security-Policy': DOCUMENT_CSP,
    });
  });

  app.notFound((c) => c.text('not found', 404));
  app.onError((error, c) => {
    console.error(`crisis-sim serve: ${error.stack ?? error.message}`);
    return c.text('500: the server failed on this request; the exercise log is intact', 500);
  });
  return app;
}

/** A browser's cross-site POST carries a foreign Origin: refused, so a page elsewhere cannot drive the exercise. */
function checkSameOrigin(c: Context): void {
  const origin = c.req.header('Origin');
  if (origin === undefined) return;
  const host = c.req.header('Host');
  if (origin !== `http://${host}`) throw new WebError(403, 'a command must come from the console page itself');
}

export interface RunningServer {
  server: ServerType;
  port: number;
  close(): Promise<void>;
}

/** Listens on `host:port` (port 0 picks a free one) and resolves once it accepts connections. */
export function listen(app: Hono<Env>, hub: LiveHub, host: string, port: number): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
      resolve({
        server,
        port: info.port,
        close: () =>
          new Promise((done) => {
            hub.close();
            server.close(() => done());
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once('error', reject);
  });
}

/** Waits without keeping the process alive: a stopped server exits at once, not at the next keep-alive. */
function idle(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

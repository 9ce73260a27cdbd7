/**
 * Probes `GET /api/health` of a listening server every `intervalMs` while something else runs, and reports the worst
 * wait: from when a probe was due to when its answer came. Counting from when it was due, not from when it was sent,
 * matters when the server runs in the probing process (tests): a blocked event loop also delays the sending, and a
 * probe timed from its send would miss the stall.
 */
import http from 'node:http';

export interface ProbeFigures {
  probes: number;
  worstMs: number;
  medianMs: number;
}

function probeOnce(baseUrl: string, agent: http.Agent, started = performance.now()): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseUrl}/api/health`, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(performance.now() - started));
    });
    request.on('error', reject);
  });
}

/** Probe until `work` settles (sequentially: the next probe starts `intervalMs` after the last answer). */
export async function probeHealthDuring(
  baseUrl: string,
  work: () => Promise<unknown>,
  intervalMs = 10,
): Promise<ProbeFigures & { result: unknown }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  let done = false;
  const running = work().finally(() => {
    done = true;
  });
  const probing = (async () => {
    await probeOnce(baseUrl, agent); // warm the connection before counting
    while (!done) {
      const due = performance.now() + intervalMs;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
      if (done) break;
      latencies.push(await probeOnce(baseUrl, agent, due));
    }
  })();
  const [result] = await Promise.all([running, probing]);
  agent.destroy();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    result,
    probes: latencies.length,
    worstMs: sorted[sorted.length - 1] ?? 0,
    medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
  };
}

/** Sends a raw body to a listening server and resolves with the status (or the socket error's code). */
export function sendRawBody(
  baseUrl: string,
  method: string,
  path: string,
  body: string | Buffer,
  headers: Record<string, string>,
  options: { chunked?: boolean } = {},
): Promise<{ status: number | string; text: string }> {
  return new Promise((resolve) => {
    const request = http.request(
      `${baseUrl}${path}`,
      {
        method,
        headers: {
          'content-type': 'application/json',
          ...(options.chunked ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
          ...headers,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ status: error.code ?? 'error', text: '' }));
    if (options.chunked) {
      const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body);
      const step = 64 * 1024;
      let offset = 0;
      const writeMore = () => {
        while (offset < buffer.length) {
          const chunk = buffer.subarray(offset, offset + step);
          offset += step;
          if (!request.write(chunk)) {
            request.once('drain', writeMore);
            return;
          }
        }
        request.end();
      };
      writeMore();
    } else {
      request.end(body);
    }
  });
}

import http from 'node:http';

/** A JSON POST on a keep-alive agent; a non-200 answer rejects. */
export function postJson(
  agent: http.Agent,
  url: string,
  body: unknown,
  token?: string,
): Promise<unknown> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
          ...(token && { authorization: `Bearer ${token}` }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const reply = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200)
            reject(new Error(`${url} answered ${res.statusCode}: ${reply}`));
          else resolve(JSON.parse(reply) as unknown);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

/** Database requests an emulator has served so far (its stats endpoint). */
export async function databaseCalls(url: string): Promise<number> {
  const res = await fetch(`${url}/_emulator/stats`);
  const { actions } = (await res.json()) as { actions: Record<string, number> };
  return Object.entries(actions)
    .filter(([a]) => a.startsWith('database.'))
    .reduce((n, [, c]) => n + c, 0);
}

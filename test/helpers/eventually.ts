/**
 * Retries `check` until it stops throwing. Not a timing assertion: the deadline only bounds
 * how long a broken build waits before failing (latency is measured by `npm run bench`).
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

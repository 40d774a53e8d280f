/** What is needed of a response (an http.ServerResponse, or any Writable). */
export interface WatchedWritable {
  readonly writableNeedDrain: boolean;
  destroy(error?: Error): unknown;
  on(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain', listener: () => void): unknown;
}

/**
 * Destroys `out` once its buffer has stayed full, with nothing taken by the reader, for
 * `timeoutMs`: a client that stopped reading holds nothing (a transaction, a connection) for
 * longer. A slow reader that keeps taking data is left alone. Watching ends when `out` closes.
 */
export function destroyWhenStalled(out: WatchedWritable, timeoutMs: number, onStall?: () => void): void {
  let progressAt = Date.now();
  const madeProgress = () => {
    progressAt = Date.now();
  };
  const timer = setInterval(
    () => {
      if (!out.writableNeedDrain) return madeProgress();
      if (Date.now() - progressAt < timeoutMs) return;
      stop();
      onStall?.();
      out.destroy();
    },
    Math.max(10, Math.min(1000, timeoutMs / 5)),
  );
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    out.off('drain', madeProgress);
  };
  out.on('drain', madeProgress);
  out.on('close', stop);
}

import DataLoader from 'dataloader';
import type { Context } from './context.js';

/**
 * A DataLoader that lives for one request, for per-row facts that are not relations
 * (MikroORM's own dataloader batches those): one query for the whole page.
 */
export function requestLoader<K, V>(
  ctx: Context,
  name: string,
  batch: (keys: readonly K[]) => Promise<V[]>,
): DataLoader<K, V> {
  let loader = ctx.loaders.get(name) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader(batch);
    ctx.loaders.set(name, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

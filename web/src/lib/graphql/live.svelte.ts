import { client, onLiveReconnect } from './client';
import { NeedChangedSubscription } from './needs';

/**
 * Calls `onchange` with the id of each need raised or changed in the area's subtree, over
 * the live connection, and with `null` after the connection comes back from a drop (any need
 * may have changed meanwhile). `areaId` is read inside an effect: the subscription follows it,
 * and `null` pauses it. Call from component setup.
 */
export function onNeedChanged(areaId: () => string | null, onchange: (needId: string | null) => void): void {
  $effect(() => {
    const id = areaId();
    if (!id) return;
    const sub = client.subscription(NeedChangedSubscription, { areaId: id }).subscribe((result) => {
      const need = result.data?.needChanged;
      if (need) onchange(need.id);
    });
    const stopListening = onLiveReconnect(() => onchange(null));
    return () => {
      sub.unsubscribe();
      stopListening();
    };
  });
}

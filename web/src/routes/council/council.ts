import { areasWhere, homeCommunity, type Me } from '#lib/session.svelte';
import type { AreaCapability } from '#lib/i18n/labels';

interface Place {
  id: string;
  name: string;
  kind: string;
}

/** The community (or village) an area lies in: itself, or its ancestor of that kind. */
export function communityOf(area: Place & { ancestors?: Place[] }): Place | null {
  if (area.kind === 'COMMUNITY' || area.kind === 'VILLAGE') return area;
  return area.ancestors?.find((a) => a.kind === 'COMMUNITY' || a.kind === 'VILLAGE') ?? null;
}

/**
 * The communities where the server lets me do `capability`, read from the areas of my roles (a
 * resident's building gives its community), my home community first; each once. A role on a
 * whole street gives none: such a person picks the community (see ProposeTopicForm).
 */
export function communitiesWhere(me: Me, capability: AreaCapability): Place[] {
  const found: Place[] = [];
  for (const area of areasWhere(me, capability)) {
    const community = communityOf(area);
    if (community && !found.some((f) => f.id === community.id)) found.push(community);
  }
  const home = homeCommunity(me)?.id;
  return found.sort((a, b) => Number(b.id === home) - Number(a.id === home));
}

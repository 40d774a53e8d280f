import { m } from '#lib/paraglide/messages.js';
import type { IconName } from '#lib/components/Icon.svelte';
import { canSomewhere, deadlineStreets, type Me } from '#lib/session.svelte';

/** A page of the app as the navigation and the home page's shortcuts offer it. */
interface AppLink {
  href: string;
  /** Its name in the navigation. */
  nav: () => string;
  /** Its shortcut on the home page. */
  tile: () => string;
  icon?: IconName;
  /** Shown when the server lets me (see session.svelte.ts); to every signed-in person when absent. */
  shown?: (me: Me) => boolean;
}

/** The signed-in pages, in the order both lists show them. */
const APP_LINKS: AppLink[] = [
  { href: '/needs/new', nav: m.nav_raise_need, tile: m.home_go_raise_need, icon: 'megaphone' },
  { href: '/needs', nav: m.nav_my_needs, tile: m.home_go_my_needs, icon: 'list' },
  { href: '/needs/nearby', nav: m.nav_nearby_needs, tile: m.home_go_nearby_needs, icon: 'home' },
  {
    href: '/needs/inbox',
    nav: m.nav_need_inbox,
    tile: m.home_go_need_inbox,
    icon: 'inbox',
    shown: (me) => canSomewhere(me, 'HANDLE_NEEDS'),
  },
  {
    href: '/needs/dashboard',
    nav: m.nav_need_dashboard,
    tile: m.home_go_need_dashboard,
    icon: 'chart',
    shown: (me) => canSomewhere(me, 'VIEW_NEED_STATS'),
  },
  {
    href: '/needs/deadlines',
    nav: m.nav_need_deadlines,
    tile: m.home_go_need_deadlines,
    icon: 'clock',
    // In the lists for those who set them; those who may only read them
    // open the page from the dashboard.
    shown: (me) => deadlineStreets(me).some((s) => s.canEdit),
  },
  { href: '/together', nav: m.nav_together, tile: m.home_go_together, icon: 'handshake' },
  { href: '/council', nav: m.council_nav, tile: m.council_home_go, icon: 'talk' },
  { href: '/volunteer', nav: m.volunteer_nav, tile: m.volunteer_home_go, icon: 'health' },
  { href: '/areas', nav: m.nav_areas, tile: m.home_go_areas },
  { href: '/users', nav: m.nav_users, tile: m.home_go_users, shown: (me) => canSomewhere(me, 'SEARCH_PEOPLE') },
  { href: '/audit', nav: m.nav_audit, tile: m.home_go_audit, shown: (me) => canSomewhere(me, 'VIEW_AUDIT_LOG') },
];

export const linksFor = (me: Me): AppLink[] => APP_LINKS.filter((l) => !l.shown || l.shown(me));

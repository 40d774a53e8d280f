import { AppError, ErrorCode } from './errors.js';

/**
 * Each subscription costs work on every event it listens to, so one client cannot open
 * thousands: at most this many per WebSocket, and per person (anonymous visitors count by
 * address) across their sockets on this instance.
 */
export const SUBSCRIPTIONS_PER_SOCKET = 20;
export const SUBSCRIPTIONS_PER_PERSON = 50;

/** What a socket holds: its open subscriptions, as graphql-ws keeps them (by id). */
interface Socket {
  subscriptions: Record<string, unknown>;
}

const tooMany = () =>
  new AppError(ErrorCode.RATE_LIMITED, {
    key: 'tooManySubscriptions',
    params: { perSocket: SUBSCRIPTIONS_PER_SOCKET, perPerson: SUBSCRIPTIONS_PER_PERSON },
  });

/** The sockets of each person on this instance; one per app. */
export class SubscriptionQuota {
  private readonly socketsByPerson = new Map<string, Set<Socket>>();
  private readonly personOf = new WeakMap<Socket, string>();

  /** `person`: the viewer's id, or the address of an anonymous visitor. */
  join(socket: Socket, person: string): void {
    this.personOf.set(socket, person);
    let sockets = this.socketsByPerson.get(person);
    if (!sockets) this.socketsByPerson.set(person, (sockets = new Set()));
    sockets.add(socket);
  }

  leave(socket: Socket): void {
    const person = this.personOf.get(socket);
    if (person === undefined) return;
    const sockets = this.socketsByPerson.get(person);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.socketsByPerson.delete(person);
  }

  /**
   * Called once the new subscription is among the socket's own (graphql-ws registers it
   * before asking): the error refusing it, or null when it is within both limits.
   */
  refusal(socket: Socket): AppError | null {
    const count = (s: Socket) => Object.keys(s.subscriptions).length;
    if (count(socket) > SUBSCRIPTIONS_PER_SOCKET) return tooMany();
    const person = this.personOf.get(socket);
    const sockets = person === undefined ? [socket] : [...(this.socketsByPerson.get(person) ?? [socket])];
    const total = sockets.reduce((sum, s) => sum + count(s), 0);
    return total > SUBSCRIPTIONS_PER_PERSON ? tooMany() : null;
  }
}

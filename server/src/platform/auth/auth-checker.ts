import { createParameterDecorator, type AuthChecker } from 'type-graphql';
import type { Context } from '../context.js';
import { unauthenticated } from '../errors.js';
import type { Viewer } from './viewer.js';

/**
 * `@Authorized()` means "signed in". What someone may do on an area is decided by
 * `requireRole` in platform/scope, because it depends on the area the operation touches.
 */
export const authChecker: AuthChecker<Context> = ({ context }) => {
  if (!context.viewer) throw unauthenticated();
  return true;
};

/** The signed-in viewer; use on operations that are also `@Authorized()`. */
export function CurrentViewer() {
  return createParameterDecorator<Context>(({ context }): Viewer => {
    if (!context.viewer) throw unauthenticated();
    return context.viewer;
  });
}

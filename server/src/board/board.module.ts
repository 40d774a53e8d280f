import type { Feature } from '../media/media.module.js';
import { ObjectionAuditAction, ObjectionAuditTarget } from './board.audit.js';
import { OBJECTION_AUDIT_READING } from './board.audit-reading.js';
import { NotificationObjectionResolver } from './board.notifications.js';
import { registerResultPdfRoute } from './board.pdf.js';
import { BoardResolver, BoardTodosResolver, ObjectionResolver, VoteBoardResolver } from './board.resolver.js';
import { Objection } from './objection.entity.js';

/** The public board (公示栏): published results with objections, resolutions' progress, minutes. */
export const boardModule: Feature = {
  entities: [Objection],
  resolvers: [BoardResolver, ObjectionResolver, VoteBoardResolver, BoardTodosResolver, NotificationObjectionResolver],
  routes: registerResultPdfRoute,
  auditVocabulary: {
    prefix: 'OBJECTION',
    actions: ObjectionAuditAction,
    targets: ObjectionAuditTarget,
    reading: OBJECTION_AUDIT_READING,
  },
};

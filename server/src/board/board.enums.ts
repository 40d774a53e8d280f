import { registerEnumType } from 'type-graphql';

export enum ObjectionAction {
  ANSWER = 'ANSWER',
}
registerEnumType(ObjectionAction, {
  name: 'ObjectionAction',
  description: 'What the viewer may do with an objection now',
});

export enum BoardItemKind {
  /** A vote's published result (公示). */
  VOTE_RESULT = 'VOTE_RESULT',
  /** A resolution recorded, or a progress update of one. */
  RESOLUTION = 'RESOLUTION',
  /** A meeting's published minutes. */
  MINUTES = 'MINUTES',
}
registerEnumType(BoardItemKind, { name: 'BoardItemKind' });

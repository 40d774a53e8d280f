import { registerEnumType } from 'type-graphql';

/** What an append-only entry of a service record says happened. */
export enum RecordEntryKind {
  /** Hours computed at a check-out. */
  RECORDED = 'RECORDED',
  /** A forgotten check-out closed by the organiser. */
  CLOSED_BY_ORGANISER = 'CLOSED_BY_ORGANISER',
  /** 补录 from a paper sign-in sheet. */
  PAPER_RECORDED = 'PAPER_RECORDED',
  /** The organiser verified the recorded hours as they were. */
  VERIFIED = 'VERIFIED',
  /** The organiser verified other hours than recorded, with a reason. */
  CORRECTED = 'CORRECTED',
  /** A volunteer's correction request accepted. */
  CORRECTION_ACCEPTED = 'CORRECTION_ACCEPTED',
}
registerEnumType(RecordEntryKind, { name: 'RecordEntryKind' });

export enum CorrectionStatus {
  OPEN = 'OPEN',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}
registerEnumType(CorrectionStatus, { name: 'CorrectionStatus' });

export enum StarAwardStatus {
  /** On the community's board for its notice period. */
  PUBLICIZING = 'PUBLICIZING',
  AWARDED = 'AWARDED',
  /** Staff upheld an objection during the notice period. */
  WITHHELD = 'WITHHELD',
}
registerEnumType(StarAwardStatus, { name: 'StarAwardStatus' });

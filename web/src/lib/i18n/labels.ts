import { m } from '#lib/paraglide/messages.js';
import type { graphql } from '#lib/graphql/graphql';
import type { IconName } from '#lib/components/Icon.svelte';

// The enums come from the schema: a value the server adds makes each Record below miss a label,
// which fails `npm run check:web`. The lists (ROLES, NEED_STATUSES, …) are a Record's keys, in
// the order the UI shows them.
type SchemaEnum<Name extends Parameters<typeof graphql.scalar>[0]> = ReturnType<typeof graphql.scalar<Name>>;
export type AreaKind = SchemaEnum<'AreaKind'>;
export type Role = SchemaEnum<'Role'>;
export type AreaCapability = SchemaEnum<'AreaCapability'>;
export type AuditAction = SchemaEnum<'AuditAction'>;
export type AuditTarget = SchemaEnum<'AuditTarget'>;
export type NotificationKind = SchemaEnum<'NotificationKind'>;
export type NeedStatus = SchemaEnum<'NeedStatus'>;
export type NeedCategory = SchemaEnum<'NeedCategory'>;
export type Urgency = SchemaEnum<'Urgency'>;
export type NeedChannel = SchemaEnum<'NeedChannel'>;
export type NeedAction = SchemaEnum<'NeedAction'>;
export type NeedEventKind = SchemaEnum<'NeedEventKind'>;

const keysOf = <K extends string>(record: Record<K, unknown>): K[] => Object.keys(record) as K[];

const kindLabels: Record<AreaKind, () => string> = {
  STREET: m.kind_street,
  COMMUNITY: m.kind_community,
  VILLAGE: m.kind_village,
  GRID: m.kind_grid,
  BUILDING: m.kind_building,
};

const roleLabels: Record<Role, () => string> = {
  RESIDENT: m.role_resident,
  VOLUNTEER: m.role_volunteer,
  UNIT_REP: m.role_unit_rep,
  GRID_WORKER: m.role_grid_worker,
  STAFF: m.role_staff,
  COMMITTEE_MEMBER: m.role_committee_member,
  ADMIN: m.role_admin,
};

export const ROLES = keysOf(roleLabels);

const auditActionLabels: Record<AuditAction, () => string> = {
  AREA_CREATE: m.audit_action_area_create,
  AREA_RENAME: m.audit_action_area_rename,
  ROLE_ASSIGN: m.audit_action_role_assign,
  ROLE_REVOKE: m.audit_action_role_revoke,
  NEED_DEADLINE_SET: m.audit_action_need_deadline_set,
  NEED_ACCEPT: m.audit_action_need_accept,
  NEED_ASSIGN: m.audit_action_need_assign,
  NEED_START: m.audit_action_need_start,
  NEED_RESOLVE: m.audit_action_need_resolve,
  NEED_REJECT: m.audit_action_need_reject,
  NEED_ESCALATE: m.audit_action_need_escalate,
  NEED_CONFIRM: m.audit_action_need_confirm,
  NEED_REOPEN: m.audit_action_need_reopen,
  ACCOUNT_PASSWORD_RESET: m.audit_action_account_password_reset,
  PROJECT_CREATE: m.audit_action_project_create,
  PROJECT_UPDATE: m.audit_action_project_update,
  PROJECT_SET_STATUS: m.audit_action_project_set_status,
  PROJECT_ADD_NEEDS: m.audit_action_project_add_needs,
  PROJECT_ADD_TASK: m.audit_action_project_add_task,
  PROJECT_COMPLETE_TASK: m.audit_action_project_complete_task,
  PROJECT_CONTRIBUTE: m.audit_action_project_contribute,
  PROJECT_ADD_PHOTOS: m.audit_action_project_add_photos,
  UNIT_CREATE: m.audit_action_unit_create,
  UNIT_REPRESENTATIVE_ADD: m.audit_action_unit_representative_add,
  UNIT_REPRESENTATIVE_REMOVE: m.audit_action_unit_representative_remove,
  UNIT_REPORT_IN_ACCEPT: m.audit_action_unit_report_in_accept,
  UNIT_REPORT_IN_DECLINE: m.audit_action_unit_report_in_decline,
  PLEDGE_CONFIRM: m.audit_action_pledge_confirm,
  VOTE_OPEN: m.audit_action_vote_open,
  VOTE_CLOSE: m.audit_action_vote_close,
  VOTE_PAPER_BALLOT: m.audit_action_vote_paper_ballot,
  OFFER_RESOURCE_OFFER: m.audit_action_offer_resource_offer,
  OFFER_RESOURCE_WITHDRAW: m.audit_action_offer_resource_withdraw,
  OFFER_SERVICE_PUBLISH: m.audit_action_offer_service_publish,
  OFFER_SERVICE_CLOSE: m.audit_action_offer_service_close,
  OFFER_PLEDGE_REQUEST: m.audit_action_offer_pledge_request,
  OFFER_PLEDGE_REQUEST_DECLINE: m.audit_action_offer_pledge_request_decline,
  MEETING_SCHEDULE: m.audit_action_meeting_schedule,
  MEETING_INVITE: m.audit_action_meeting_invite,
  MEETING_CANCEL: m.audit_action_meeting_cancel,
  MEETING_CHECK_IN_OTHER: m.audit_action_meeting_check_in_other,
  MEETING_WRITE_MINUTES: m.audit_action_meeting_write_minutes,
  MEETING_PUBLISH_MINUTES: m.audit_action_meeting_publish_minutes,
  OBJECTION_ANSWER: m.audit_action_objection_answer,
  RESOLUTION_RECORD: m.audit_action_resolution_record,
  RESOLUTION_UPDATE_PROGRESS: m.audit_action_resolution_update_progress,
  RESOLUTION_MAKE_PROJECT: m.audit_action_resolution_make_project,
  HOUSEHOLD_REGISTER: m.audit_action_household_register,
  HOUSEHOLD_MEMBER_SET: m.audit_action_household_member_set,
  HOUSEHOLD_MEMBER_REMOVE: m.audit_action_household_member_remove,
  HOUSEHOLD_REPRESENTATIVE_SET: m.audit_action_household_representative_set,
  HOUSEHOLD_FLOOR_AREA_SET: m.audit_action_household_floor_area_set,
  COMMITTEE_CREATE: m.audit_action_committee_create,
  COMMITTEE_MEMBER_ADD: m.audit_action_committee_member_add,
  COMMITTEE_MEMBER_REMOVE: m.audit_action_committee_member_remove,
  TOPIC_ADMIT: m.audit_action_topic_admit,
  TOPIC_DECLINE: m.audit_action_topic_decline,
  TOPIC_ADVANCE_STAGE: m.audit_action_topic_advance_stage,
  TOPIC_THRESHOLD_SET: m.audit_action_topic_threshold_set,
  ATTENDANCE_CHECK_IN: m.audit_action_attendance_check_in,
  ATTENDANCE_CHECK_OUT: m.audit_action_attendance_check_out,
  ATTENDANCE_CLOSE_CHECK_OUT: m.audit_action_attendance_close_check_out,
  ATTENDANCE_RECORD_PAPER: m.audit_action_attendance_record_paper,
  ACTIVITY_CREATE: m.audit_action_activity_create,
  ACTIVITY_UPDATE: m.audit_action_activity_update,
  ACTIVITY_CANCEL: m.audit_action_activity_cancel,
  ACTIVITY_ADD_SHIFT: m.audit_action_activity_add_shift,
  ACTIVITY_SET_CAPACITY: m.audit_action_activity_set_capacity,
  CERTIFICATE_ISSUE: m.audit_action_certificate_issue,
  CERTIFICATE_REVOKE: m.audit_action_certificate_revoke,
  RECORD_VERIFY: m.audit_action_record_verify,
  RECORD_VERIFY_SHIFT: m.audit_action_record_verify_shift,
  RECORD_REQUEST_CORRECTION: m.audit_action_record_request_correction,
  RECORD_ANSWER_CORRECTION: m.audit_action_record_answer_correction,
  RECORD_EXPORT_HOURS: m.audit_action_record_export_hours,
  RECORD_WITHHOLD_STAR: m.audit_action_record_withhold_star,
  TEAM_CREATE: m.audit_action_team_create,
  TEAM_APPROVE_MEMBER: m.audit_action_team_approve_member,
  TEAM_DECLINE_MEMBER: m.audit_action_team_decline_member,
  TEAM_LEAVE: m.audit_action_team_leave,
  TEAM_SET_ROLE: m.audit_action_team_set_role,
  VOLUNTEER_BECOME: m.audit_action_volunteer_become,
  VOLUNTEER_UPDATE: m.audit_action_volunteer_update,
  VOLUNTEER_RECORD_CONSENT: m.audit_action_volunteer_record_consent,
  VOLUNTEER_ADD_NOTE: m.audit_action_volunteer_add_note,
};

const auditTargetLabels: Record<AuditTarget, () => string> = {
  AREA: m.audit_target_area,
  ROLE_ASSIGNMENT: m.audit_target_role_assignment,
  NEED: m.audit_target_need,
  NEED_DEADLINE_POLICY: m.audit_target_need_deadline_policy,
  USER: m.audit_target_user,
  PROJECT: m.audit_target_project,
  PROJECT_TASK: m.audit_target_project_task,
  CONTRIBUTION: m.audit_target_contribution,
  UNIT: m.audit_target_unit,
  REPORT_IN: m.audit_target_report_in,
  PLEDGE: m.audit_target_pledge,
  VOTE: m.audit_target_vote,
  RESOURCE: m.audit_target_resource,
  SERVICE: m.audit_target_service,
  PLEDGE_REQUEST: m.audit_target_pledge_request,
  MEETING: m.audit_target_meeting,
  OBJECTION: m.audit_target_objection,
  RESOLUTION: m.audit_target_resolution,
  HOUSEHOLD: m.audit_target_household,
  COMMITTEE: m.audit_target_committee,
  TOPIC: m.audit_target_topic,
  TOPIC_THRESHOLD: m.audit_target_topic_threshold,
  SHIFT_ATTENDANCE: m.audit_target_shift_attendance,
  ACTIVITY: m.audit_target_activity,
  CERTIFICATE: m.audit_target_certificate,
  CORRECTION_REQUEST: m.audit_target_correction_request,
  HOURS_EXPORT: m.audit_target_hours_export,
  SERVICE_RECORD: m.audit_target_service_record,
  SHIFT_RECORDS: m.audit_target_shift_records,
  STAR_AWARD: m.audit_target_star_award,
  TEAM: m.audit_target_team,
  VOLUNTEER_PROFILE: m.audit_target_volunteer_profile,
};

export const kindLabel = (kind: AreaKind): string => kindLabels[kind]();
export const roleLabel = (role: Role): string => roleLabels[role]();
export const auditActionLabel = (action: AuditAction): string => auditActionLabels[action]();
export const auditTargetLabel = (target: AuditTarget): string => auditTargetLabels[target]();

export const AUDIT_ACTIONS = keysOf(auditActionLabels);

const notificationKindLabels: Record<NotificationKind, () => string> = {
  NEED_RAISED: m.notification_kind_need_raised,
  NEED_ACCEPTED: m.notification_kind_need_accepted,
  NEED_ASSIGNED: m.notification_kind_need_assigned,
  NEED_ASSIGNED_TO_YOU: m.notification_kind_need_assigned_to_you,
  NEED_RESOLVED: m.notification_kind_need_resolved,
  NEED_REOPENED: m.notification_kind_need_reopened,
  NEED_REJECTED: m.notification_kind_need_rejected,
  NEED_AUTO_CLOSED: m.notification_kind_need_auto_closed,
  NEED_DUE_SOON: m.notification_kind_need_due_soon,
  NEED_OVERDUE: m.notification_kind_need_overdue,
  NEED_ESCALATED_TO_YOU: m.notification_kind_need_escalated_to_you,
  REPORT_IN_RECEIVED: m.notification_kind_report_in_received,
  REPORT_IN_ACCEPTED: m.notification_kind_report_in_accepted,
  REPORT_IN_DECLINED: m.notification_kind_report_in_declined,
  UNIT_REPRESENTATIVE_ADDED: m.notification_kind_unit_representative_added,
  PLEDGE_REQUESTED: m.notification_kind_pledge_requested,
  PLEDGE_MADE: m.notification_kind_pledge_made,
  PLEDGE_SETTLED: m.notification_kind_pledge_settled,
  PLEDGE_WITHDRAWN: m.notification_kind_pledge_withdrawn,
  PLEDGE_OVERDUE: m.notification_kind_pledge_overdue,
  COMMITTEE_MEMBER_ADDED: m.notification_kind_committee_member_added,
  TOPIC_PROPOSED: m.notification_kind_topic_proposed,
  TOPIC_ADMITTED: m.notification_kind_topic_admitted,
  TOPIC_DECLINED: m.notification_kind_topic_declined,
  MEETING_SCHEDULED: m.notification_kind_meeting_scheduled,
  VOTE_OPENED: m.notification_kind_vote_opened,
  RESULT_PUBLISHED: m.notification_kind_result_published,
  OBJECTION_LODGED: m.notification_kind_objection_lodged,
  OBJECTION_ANSWERED: m.notification_kind_objection_answered,
  RESOLUTION_ASSIGNED: m.notification_kind_resolution_assigned,
  RESOLUTION_OVERDUE: m.notification_kind_resolution_overdue,
  VOLUNTEER_CONSENT_NEEDED: m.notification_kind_volunteer_consent_needed,
  TEAM_JOIN_REQUESTED: m.notification_kind_team_join_requested,
  TEAM_MEMBER_APPROVED: m.notification_kind_team_member_approved,
  TEAM_MEMBER_DECLINED: m.notification_kind_team_member_declined,
  SHIFT_PROMOTED: m.notification_kind_shift_promoted,
  PROMOTION_EXPIRED: m.notification_kind_promotion_expired,
  ACTIVITY_CANCELLED: m.notification_kind_activity_cancelled,
  HOURS_VERIFIED: m.notification_kind_hours_verified,
  CORRECTION_REQUESTED: m.notification_kind_correction_requested,
  CORRECTION_ACCEPTED: m.notification_kind_correction_accepted,
  CORRECTION_REJECTED: m.notification_kind_correction_rejected,
  CORRECTION_OVERDUE: m.notification_kind_correction_overdue,
  STAR_PUBLICIZED: m.notification_kind_star_publicized,
  STAR_AWARDED: m.notification_kind_star_awarded,
  CERTIFICATE_REVOKED: m.notification_kind_certificate_revoked,
};
/** In the order the preferences list them (the server says which may be chosen). */
export const NOTIFICATION_KINDS = keysOf(notificationKindLabels);
export const notificationKindLabel = (kind: NotificationKind): string => notificationKindLabels[kind]();

/** Which kinds of area may sit directly inside an area of this kind. */
export function childKinds(kind: AreaKind | null): AreaKind[] {
  switch (kind) {
    case null:
      return ['STREET'];
    case 'STREET':
      return ['COMMUNITY', 'VILLAGE'];
    case 'COMMUNITY':
    case 'VILLAGE':
      return ['GRID'];
    case 'GRID':
      return ['BUILDING'];
    case 'BUILDING':
      return [];
  }
}

// ---------- needs ----------

/** Channels a worker records when raising a need for someone (代办). */
export const PROXY_CHANNELS: NeedChannel[] = ['PHONE', 'WALK_IN', 'HOTLINE_12345', 'GRID_PATROL'];

const statusLabels: Record<NeedStatus, () => string> = {
  SUBMITTED: m.need_status_submitted,
  ACCEPTED: m.need_status_accepted,
  ASSIGNED: m.need_status_assigned,
  IN_PROGRESS: m.need_status_in_progress,
  RESOLVED: m.need_status_resolved,
  CLOSED: m.need_status_closed,
  REJECTED: m.need_status_rejected,
};
const categoryLabels: Record<NeedCategory, () => string> = {
  ELDERLY_CARE: m.need_category_elderly_care,
  CHILD_CARE: m.need_category_child_care,
  DISABILITY: m.need_category_disability,
  REPAIR: m.need_category_repair,
  ENVIRONMENT: m.need_category_environment,
  SAFETY: m.need_category_safety,
  DISPUTE: m.need_category_dispute,
  EMPLOYMENT: m.need_category_employment,
  HEALTH: m.need_category_health,
  EDUCATION: m.need_category_education,
  CULTURE: m.need_category_culture,
  OTHER: m.need_category_other,
};
/** A picture for each category (see Icon.svelte), next to (never instead of) its name. */
const categoryIcons: Record<NeedCategory, IconName> = {
  ELDERLY_CARE: 'elderly',
  CHILD_CARE: 'child',
  DISABILITY: 'disability',
  REPAIR: 'repair',
  ENVIRONMENT: 'leaf',
  SAFETY: 'shield',
  DISPUTE: 'talk',
  EMPLOYMENT: 'briefcase',
  HEALTH: 'health',
  EDUCATION: 'book',
  CULTURE: 'music',
  OTHER: 'chat',
};
const urgencyLabels: Record<Urgency, () => string> = {
  LOW: m.need_urgency_low,
  NORMAL: m.need_urgency_normal,
  HIGH: m.need_urgency_high,
  CRITICAL: m.need_urgency_critical,
};
const channelLabels: Record<NeedChannel, () => string> = {
  APP: m.need_channel_app,
  PHONE: m.need_channel_phone,
  WALK_IN: m.need_channel_walk_in,
  HOTLINE_12345: m.need_channel_hotline,
  GRID_PATROL: m.need_channel_grid_patrol,
};
const needActionLabels: Record<NeedAction, () => string> = {
  TAKE: m.need_action_take,
  ACCEPT: m.need_action_accept,
  ASSIGN: m.need_action_assign,
  START: m.need_action_start,
  RESOLVE: m.need_action_resolve,
  CONFIRM: m.need_action_confirm,
  REOPEN: m.need_action_reopen,
  REJECT: m.need_action_reject,
  ESCALATE: m.need_action_escalate,
  SUPPORT: m.need_action_support,
  COMMENT: m.need_action_comment,
};
const eventKindLabels: Record<NeedEventKind, () => string> = {
  RAISED: m.need_event_raised,
  TRANSITION: m.need_event_transition,
  ESCALATED: m.need_event_escalated,
  COMMENT: m.need_event_comment,
  AUTO_CLOSED: m.need_event_auto_closed,
  PLEDGED: m.need_event_pledged,
  PLEDGE_SETTLED: m.need_event_pledge_settled,
  PLEDGE_WITHDRAWN: m.need_event_pledge_withdrawn,
};

export const NEED_STATUSES = keysOf(statusLabels);
/** Statuses where something is still to be done. */
export const OPEN_NEED_STATUSES: NeedStatus[] = ['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED'];
export const NEED_CATEGORIES = keysOf(categoryLabels);
export const URGENCIES = keysOf(urgencyLabels);
export const NEED_CHANNELS = keysOf(channelLabels);

export const needStatusLabel = (s: NeedStatus): string => statusLabels[s]();
export const needCategoryLabel = (c: NeedCategory): string => categoryLabels[c]();
export const needCategoryIcon = (c: NeedCategory): IconName => categoryIcons[c];
export const urgencyLabel = (u: Urgency): string => urgencyLabels[u]();
export const needChannelLabel = (c: NeedChannel): string => channelLabels[c]();
export const needActionLabel = (a: NeedAction): string => needActionLabels[a]();
export const needEventKindLabel = (k: NeedEventKind): string => eventKindLabels[k]();

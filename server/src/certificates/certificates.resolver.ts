import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  Float,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { IsOptional } from 'class-validator';
import { hoursFromMinutes } from '../activities/activities.rules.js';
import { Notification } from '../notifications/notification.entity.js';
import { User } from '../people/user.entity.js';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { requestLoader } from '../platform/loaders.js';
import { Connection, PageArgs } from '../platform/pagination.js';
import { RateLimited } from '../platform/rate-limit.js';
import { OptionalText, RequiredText } from '../platform/validation.js';
import { VolunteerSummary } from '../records/volunteer-summary.type.js';
import { Certificate } from './certificate.entity.js';
import {
  CERTIFICATE_ISSUE_RATE_LIMIT,
  CERTIFICATE_REVOKE_REASON_MAX,
  CERTIFICATE_VERIFY_RATE_LIMIT,
} from './certificates.limits.js';
import { certificatePdfUrl } from './certificates.pdf.js';
import {
  CERTIFICATE_SUBJECT,
  issueCertificate,
  listCertificates,
  revokeCertificate,
  seesCertificate,
  verifyCertificate,
} from './certificates.service.js';

@ObjectType()
class CertificateConnection extends Connection(Certificate) {}

@ObjectType({ description: 'What a certificate states, for anyone holding its number' })
export class CertificateVerification {
  @Field()
  code: string;

  @Field({ description: 'Masked, e.g. 王*明' })
  holder: string;

  @Field(() => Float)
  hours: number;

  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field()
  issuer: string;

  @Field()
  issuedAt: Date;

  @Field()
  revoked: boolean;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Field(() => String, { nullable: true })
  revokeReason: string | null;
}

@ArgsType()
class CertificatesArgs extends PageArgs {
  @Field(() => ID)
  areaId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @OptionalText(50)
  search?: string | null;
}

@ArgsType()
class IssueCertificateArgs {
  @Field()
  from: Date;

  @Field()
  to: Date;
}

@ArgsType()
class RevokeCertificateArgs {
  @Field()
  @RequiredText(40)
  code: string;

  @Field()
  @RequiredText(CERTIFICATE_REVOKE_REASON_MAX)
  reason: string;
}

@Resolver(() => Certificate)
export class CertificatesResolver {
  @Authorized()
  @Query(() => CertificateConnection, {
    description: 'MANAGE_VOLUNTEERS over the area: certificates of volunteers of its subtree',
  })
  certificates(@Args() args: CertificatesArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return listCertificates(em, viewer, args);
  }

  @RateLimited(CERTIFICATE_VERIFY_RATE_LIMIT)
  @Query(() => CertificateVerification, { nullable: true, description: 'public, rate limited; null when unknown' })
  async verifyCertificate(@Arg('code') code: string, @Ctx() { em }: Context): Promise<CertificateVerification | null> {
    if (code.length > 40) return null;
    const certificate = await verifyCertificate(em, code);
    if (!certificate) return null;
    return {
      code: certificate.code,
      holder: certificate.maskedHolderName,
      hours: hoursFromMinutes(certificate.minutes),
      from: certificate.periodFrom,
      to: certificate.periodTo,
      issuer: certificate.issuer,
      issuedAt: certificate.issuedAt,
      revoked: !!certificate.revokedAt,
      revokedAt: certificate.revokedAt ?? null,
      revokeReason: certificate.revokeReason ?? null,
    };
  }

  @Authorized()
  @RateLimited(CERTIFICATE_ISSUE_RATE_LIMIT)
  @Mutation(() => Certificate, {
    description: 'the volunteer, for their own verified hours in the period; free of charge',
  })
  issueCertificate(@Args() args: IssueCertificateArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return issueCertificate(em, viewer, args);
  }

  @Authorized()
  @Mutation(() => Certificate, { description: "MANAGE_VOLUNTEERS over the holder's community" })
  revokeCertificate(@Args() args: RevokeCertificateArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return revokeCertificate(em, viewer, args);
  }

  @FieldResolver(() => User)
  holder(@Root() certificate: Certificate) {
    return certificate.holder.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => Float)
  hours(@Root() certificate: Certificate) {
    return hoursFromMinutes(certificate.minutes);
  }

  @FieldResolver(() => String, { description: '/certificates/<code>.pdf: the holder and staff' })
  pdfUrl(@Root() certificate: Certificate) {
    return certificatePdfUrl(certificate);
  }
}

@Resolver(() => VolunteerSummary)
export class VolunteerSummaryCertificatesResolver {
  @FieldResolver(() => [Certificate], { description: "The viewer's certificates, newest first" })
  certificates(@Root() summary: VolunteerSummary, @Ctx() { em }: Context) {
    return em.find(Certificate, { holder: summary.userId }, { orderBy: { issuedAt: 'desc', id: 'desc' } });
  }
}

/** Notification.certificate: the certificate it is about (CERTIFICATE_REVOKED), to its holder and staff. */
@Resolver(() => Notification)
export class NotificationCertificateResolver {
  @FieldResolver(() => Certificate, {
    nullable: true,
    description: 'The certificate the notification is about (CERTIFICATE_REVOKED)',
  })
  async certificate(@Root() notification: Notification, @Ctx() ctx: Context): Promise<Certificate | null> {
    if (notification.subjectType !== CERTIFICATE_SUBJECT || !notification.subjectId) return null;
    const certificate = await requestLoader<number, Certificate | null>(ctx, 'notificationCertificate', async (ids) => {
      const rows = await ctx.em.find(Certificate, { id: { $in: [...ids] } });
      return ids.map((id) => rows.find((row) => row.id === id) ?? null);
    }).load(notification.subjectId);
    return certificate && (await seesCertificate(ctx.viewer, certificate)) ? certificate : null;
  }
}

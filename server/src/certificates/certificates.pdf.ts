import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { hoursFromMinutes } from '../activities/activities.rules.js';
import { chinaDay, chinaMinute } from '../platform/china-time.js';
import { notFound } from '../platform/errors.js';
import { negotiateLocale, type Locale } from '../platform/i18n/locale.js';
import { translate, type MessageKey } from '../platform/i18n/messages.js';
import { renderPdf } from '../platform/pdf.js';
import type { RouteDeps } from '../platform/rest.js';
import { Certificate } from './certificate.entity.js';
import { CERTIFICATE_PDF_ACTIVITIES_MAX } from './certificates.limits.js';
import { normaliseCode } from './certificates.rules.js';
import { certificateActivities, seesCertificate } from './certificates.service.js';

/** Where the holder and staff download it. */
export const certificatePdfUrl = (certificate: Pick<Certificate, 'code'>) => `/certificates/${certificate.code}.pdf`;

/** The public check a certificate's QR opens. */
export const verifyPath = (code: string) => `/verify/${code}`;

/** 志愿服务证明 as a PDF: what the certificate states as issued, the activities by name, and a QR to the public check. */
export async function certificatePdf(
  certificate: Certificate,
  activities: readonly { title: string; day: string }[],
  origin: string,
  locale: Locale,
): Promise<Buffer> {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const verifyUrl = `${origin}${verifyPath(certificate.code)}`;
  const qr = await QRCode.toBuffer(verifyUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
  const listed = activities.slice(0, CERTIFICATE_PDF_ACTIVITIES_MAX);
  return renderPdf({ title: `${t('certificatePdf.title')} ${certificate.code}`, author: certificate.issuer }, (pdf) => {
    pdf.title(t('certificatePdf.title'));
    if (certificate.revokedAt) {
      pdf.heading(
        t('certificatePdf.revoked', { at: chinaMinute(certificate.revokedAt), reason: certificate.revokeReason ?? '' }),
      );
    }
    pdf.image(qr, 100);
    pdf.pairs([
      [t('certificatePdf.code'), certificate.code],
      [t('certificatePdf.name'), certificate.holderName],
      [t('certificatePdf.idNumber'), certificate.maskedIdNumber ?? '—'],
      [t('certificatePdf.number'), certificate.volunteerNumber],
      [t('certificatePdf.period'), `${chinaDay(certificate.periodFrom)} — ${chinaDay(certificate.periodTo)}`],
      [t('certificatePdf.hours'), hoursFromMinutes(certificate.minutes)],
      [t('certificatePdf.activityCount'), certificate.activityCount],
    ]);
    pdf.text(t('certificatePdf.intro'));
    pdf.heading(t('certificatePdf.activities'));
    pdf.table({
      headers: [t('certificatePdf.activity'), t('certificatePdf.date')],
      widths: [4, 1.2],
      rows: listed.map((activity) => [activity.title, activity.day]),
    });
    if (activities.length > listed.length)
      pdf.text(t('certificatePdf.more', { count: activities.length - listed.length }));
    pdf.pairs([
      [t('certificatePdf.organisations'), certificate.organisations.join('、')],
      [t('certificatePdf.issuer'), certificate.issuer],
      [t('certificatePdf.issuedAt'), chinaDay(certificate.issuedAt)],
    ]);
    pdf.text(t('certificatePdf.verify', { url: verifyUrl }));
  });
}

/**
 * GET /certificates/<code>.pdf: the holder and staff with MANAGE_VOLUNTEERS over the holder's
 * community; anyone else (signed out too) gets 404, as for an unknown code.
 */
export async function registerCertificatePdfRoute(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  app.get<{ Params: { file: string } }>('/certificates/:file', async (request, reply) => {
    const match = /^(.{1,40})\.pdf$/i.exec(request.params.file);
    if (!match) throw notFound();
    const em = deps.orm.em.fork();
    const viewer = await deps.viewerOf(em, request);
    const certificate = await em.findOne(Certificate, { code: normaliseCode(match[1]!) });
    if (!certificate || !(await seesCertificate(viewer, certificate))) throw notFound();
    const locale = negotiateLocale(request.headers['accept-language']);
    const body = await certificatePdf(
      certificate,
      await certificateActivities(em, certificate),
      `${request.protocol}://${request.host}`,
      locale,
    );
    return reply
      .header('content-disposition', `inline; filename="${certificate.code}.pdf"`)
      .header('cache-control', 'private, no-cache')
      .type('application/pdf')
      .send(body);
  });
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../platform/errors.js';
import { negotiateLocale, type Locale } from '../platform/i18n/locale.js';
import { translate, type MessageKey } from '../platform/i18n/messages.js';
import { findById } from '../platform/ids.js';
import { renderPdf, type PdfCell } from '../platform/pdf.js';
import type { RouteDeps } from '../platform/rest.js';
import { idsOnPath } from '../platform/scope.js';
import { Electorate } from '../votes/votes.enums.js';
import { Vote, VoteOption } from '../votes/vote.entity.js';
import { chinaDateTime } from './board.notifications.js';
import { Objection } from './objection.entity.js';

/** The printable result's URL: there once the result is published (公示), null before. */
export const resultPdfUrl = (vote: Pick<Vote, 'id' | 'publishedAt'>) =>
  vote.publishedAt ? `/votes/${vote.id}/result.pdf` : null;

/** What the 公示 states: the vote as counted when it closed, and its objections with their answers. */
export interface ResultNotice {
  vote: Vote;
  /** The area's names from the street down. */
  areaNames: string[];
  options: VoteOption[];
  objections: Objection[];
}

/** A published vote's notice in four statements; null when there is no such vote or it is not published. */
export async function gatherResultNotice(em: EntityManager, voteId: string): Promise<ResultNotice | null> {
  const vote = await findById(em, Vote, voteId);
  if (!vote?.publishedAt) return null;
  const ids = idsOnPath(vote.areaPath);
  const areas = await em.execute<{ name: string }[]>(
    'select name from area where id = any(?::int[]) order by array_position(?::int[], id)',
    [`{${ids.join(',')}}`, `{${ids.join(',')}}`],
  );
  const options = await em.find(VoteOption, { vote: vote.id }, { orderBy: { position: 'asc' } });
  const objections = await em.find(Objection, { vote: vote.id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  return { vote, areaNames: areas.map((area) => area.name), options, objections };
}

const area = (value: number | null | undefined) =>
  value === null || value === undefined ? null : Number(value).toFixed(2);
const share = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '—');

/** The 公示 as a PDF in the reader's language (the vote's own text as it was written). */
export function resultNoticePdf(
  { vote, areaNames, options, objections }: ResultNotice,
  locale: Locale,
): Promise<Buffer> {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const words = (prefix: string, value: string) => t(`${prefix}${value}` as MessageKey);
  const owners = vote.electorate === Electorate.OWNERS;
  const cast = vote.ballotsCastAtClose ?? 0;
  const pairs: [string, PdfCell][] = [
    [t('resultPdf.vote'), vote.title],
    [t('resultPdf.area'), areaNames.join(' ')],
    ...(vote.description ? [[t('resultPdf.description'), vote.description] as [string, PdfCell]] : []),
    [t('resultPdf.electorate'), words('resultPdf.electorate.', vote.electorate)],
    [
      t('resultPdf.rule'),
      `${words('resultPdf.rule.', vote.rulePreset)}${vote.rulePreset === 'CUSTOM' ? `（${words('resultPdf.threshold.', vote.threshold)}）` : ''}`,
    ],
    [t('resultPdf.ballot'), t(vote.secret ? 'resultPdf.secret' : 'resultPdf.open')],
    [t('resultPdf.window'), `${chinaDateTime(vote.opensAt)} — ${chinaDateTime(vote.closedAt ?? vote.closesAt)}`],
    [t('resultPdf.eligible'), vote.eligibleCount],
    [t('resultPdf.cast'), cast],
    [t('resultPdf.turnout'), share(cast, vote.eligibleCount)],
    ...(owners
      ? ([
          [t('resultPdf.eligibleArea'), area(vote.eligibleArea)],
          [t('resultPdf.participatingArea'), area(vote.participatingAreaAtClose)],
        ] as [string, PdfCell][])
      : []),
    [t('resultPdf.outcome'), vote.outcome ? words('resultPdf.outcome.', vote.outcome) : '—'],
    [
      t('resultPdf.publicity'),
      `${chinaDateTime(vote.publishedAt!)} — ${vote.publicityEndsAt ? chinaDateTime(vote.publicityEndsAt) : ''}`,
    ],
  ];
  return renderPdf({ title: `${vote.title} ${t('resultPdf.title')}` }, (pdf) => {
    pdf.title(t('resultPdf.title'));
    pdf.pairs(pairs);
    pdf.heading(t('resultPdf.results'));
    pdf.table({
      headers: [t('resultPdf.option'), t('resultPdf.count'), ...(owners ? [t('resultPdf.optionArea')] : [])],
      widths: owners ? [4, 1, 1.5] : [4, 1],
      rows: options.map((option) => [
        option.label,
        option.countAtClose ?? 0,
        ...(owners ? [area(option.areaAtClose ?? 0)] : []),
      ]),
    });
    pdf.heading(t('resultPdf.objections'));
    pdf.table({
      headers: [t('resultPdf.objectionAt'), t('resultPdf.objection'), t('resultPdf.answer')],
      widths: [1.3, 3, 3],
      rows: objections.map((o) => [chinaDateTime(o.createdAt), o.reason, o.answer ?? t('resultPdf.unanswered')]),
      empty: t('resultPdf.noObjections'),
    });
  });
}

/** GET /votes/:id/result.pdf: the 公示 of a published result, for anyone; not published (or no such vote): 404. */
export async function registerResultPdfRoute(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  app.get<{ Params: { id: string } }>('/votes/:id/result.pdf', async (request, reply) => {
    const notice = await gatherResultNotice(deps.orm.em.fork(), request.params.id);
    if (!notice) throw notFound();
    const locale = negotiateLocale(request.headers['accept-language']);
    const body = await resultNoticePdf(notice, locale);
    const name = `${notice.vote.title}-${translate(locale, 'resultPdf.title')}.pdf`;
    return reply
      .header(
        'content-disposition',
        `inline; filename="vote-${notice.vote.id}-result.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
      )
      .header('cache-control', 'no-cache')
      .type('application/pdf')
      .send(body);
  });
}

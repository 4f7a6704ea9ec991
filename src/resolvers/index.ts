import type { Resolvers } from '../generated/graphql';
import { IndicatorOwner, IndicatorType, MemberType, indicatorQueries } from './indicators';
import { AlertType, analysisQueries } from './analysis';
import { accessQueries, ViewerType } from './access';
import { AuditRecordType, auditQueries } from './audit';
import {
  IndicatorNoticeType,
  NoticeSubscriptionType,
  WebhookDeliveryType,
  noticeMutations,
  noticeQueries,
  noticeSubscriptions,
} from './notices';
import { ChangeRequestType, IndicatorVersionRecordType, governanceMutations, governanceQueries } from './governance';
import { ChangeRequestImpact, IndicatorLineage, lineageQueries } from './lineage';
import { Query } from './query';
import { exportQueries } from './export';
import { IndicatorTargets } from './targets';
import { AskAnswerType, askQueries } from './ask';
import { DateScalar, DecimalScalar } from './scalars';

/** The hand-written resolvers; the model's entity types and lists come from src/resolvers/entities.ts. */
export const resolvers: Resolvers = {
  Query: {
    ...Query,
    ...indicatorQueries,
    ...analysisQueries,
    ...accessQueries,
    ...auditQueries,
    ...noticeQueries,
    ...governanceQueries,
    ...lineageQueries,
    ...exportQueries,
    ...askQueries,
  },
  AskAnswer: AskAnswerType as never,
  Mutation: { ...governanceMutations, ...noticeMutations },
  ChangeRequest: { ...ChangeRequestType, ...ChangeRequestImpact },
  IndicatorVersionRecord: IndicatorVersionRecordType,
  Subscription: { ...noticeSubscriptions },
  IndicatorNotice: IndicatorNoticeType,
  NoticeSubscription: NoticeSubscriptionType,
  WebhookDelivery: WebhookDeliveryType,
  AuditRecord: AuditRecordType,
  Viewer: ViewerType,
  Alert: AlertType,
  Indicator: { ...IndicatorType, ...IndicatorLineage, ...IndicatorTargets },
  IndicatorOwner,
  Member: MemberType as never,
  Decimal: DecimalScalar,
  Date: DateScalar,
};

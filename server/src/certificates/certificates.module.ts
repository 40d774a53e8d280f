import type { Feature } from '../media/media.module.js';
import { Certificate } from './certificate.entity.js';

/** Certificates (志愿服务证明): issued free for a period, checked by anyone, revoked with a reason. */
export const certificatesModule: Feature = {
  entities: [Certificate],
};

import type { Feature } from '../media/media.module.js';
import { Objection } from './objection.entity.js';

/** The public board (公示栏): published results with objections, resolutions' progress, minutes. */
export const boardModule: Feature = {
  entities: [Objection],
};

/** All graders, by unit. A unit appears here once its graders exist. */
import { Grader } from '../harness';
import { graders as u01 } from './01_rnn';

export const graderUnits: Record<string, Grader[]> = {
  '01_rnn': u01,
};

export const allGraders: Grader[] = Object.values(graderUnits).flat();

/** All graders, by unit. A unit appears here once its graders exist. */
import { Grader } from '../harness';
import { graders as u01 } from './01_rnn';
import { graders as u02 } from './02_lstm';
import { graders as u03 } from './03_gru';
import { graders as u04 } from './04_text';
import { graders as u05 } from './05_seq2seq';
import { graders as u06 } from './06_timeseries';
import { graders as u07 } from './07_sentiment';
import { graders as u08 } from './08_compare';
import { graders as u09 } from './09_advanced';

export const graderUnits: Record<string, Grader[]> = {
  '01_rnn': u01,
  '02_lstm': u02,
  '03_gru': u03,
  '04_text': u04,
  '05_seq2seq': u05,
  '06_timeseries': u06,
  '07_sentiment': u07,
  '08_compare': u08,
  '09_advanced': u09,
};

export const allGraders: Grader[] = Object.values(graderUnits).flat();

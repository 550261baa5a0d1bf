import { gradeUnit } from '../suite';
import { graders } from '../graders/01_rnn';

gradeUnit('01_rnn', graders);

import { gradeUnit } from '../suite';
import { graders } from '../graders/05_seq2seq';

gradeUnit('05_seq2seq', graders);

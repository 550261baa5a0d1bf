import { gradeUnit } from '../suite';
import { graders } from '../graders/02_lstm';

gradeUnit('02_lstm', graders);

import { gradeUnit } from '../suite';
import { graders } from '../graders/08_compare';

gradeUnit('08_compare', graders);

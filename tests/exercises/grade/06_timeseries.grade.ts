import { gradeUnit } from '../suite';
import { graders } from '../graders/06_timeseries';

gradeUnit('06_timeseries', graders);

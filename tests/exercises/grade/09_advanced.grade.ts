import { gradeUnit } from '../suite';
import { graders } from '../graders/09_advanced';

gradeUnit('09_advanced', graders);

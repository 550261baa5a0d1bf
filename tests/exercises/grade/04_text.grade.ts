import { gradeUnit } from '../suite';
import { graders } from '../graders/04_text';

gradeUnit('04_text', graders);

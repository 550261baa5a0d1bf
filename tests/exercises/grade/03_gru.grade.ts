import { gradeUnit } from '../suite';
import { graders } from '../graders/03_gru';

gradeUnit('03_gru', graders);

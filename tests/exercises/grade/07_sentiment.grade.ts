import { gradeUnit } from '../suite';
import { graders } from '../graders/07_sentiment';

gradeUnit('07_sentiment', graders);

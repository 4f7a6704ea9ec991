import { describeSourceConformance } from './conformance';

describeSourceConformance('erp');

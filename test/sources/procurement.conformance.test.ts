import { describeSourceConformance } from './conformance';

describeSourceConformance('procurement');

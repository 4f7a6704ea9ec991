import { describeSourceConformance } from './conformance';

describeSourceConformance('hr');

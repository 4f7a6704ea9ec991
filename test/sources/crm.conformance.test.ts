import { describeSourceConformance } from './conformance';

describeSourceConformance('crm');

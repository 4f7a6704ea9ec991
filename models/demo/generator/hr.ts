import type { Company } from './company';
import { iso, money } from './calendar';
import type { DemoTables } from '../../../src/seed/definition';

export const orgId = (n: number) => `ORG-${n}`;
const empNo = (n: number) => String(100000 + n);

export const hrDemo: DemoTables<Company> = {
  createTables: (schema) =>
    schema
      .createTable('org_unit', (t) => {
        t.string('org_id', 16).primary();
        t.string('org_name', 100).notNullable();
        t.string('parent_org_id', 16).nullable().index();
        t.integer('org_level').notNullable();
        t.string('head_emp_no', 16).nullable();
      })
      .createTable('employee', (t) => {
        t.string('emp_no', 16).primary();
        t.string('full_name', 60).notNullable();
        t.string('org_id', 16).notNullable().index();
        t.string('job_title', 60).notNullable();
        t.integer('grade').notNullable();
        t.date('hire_date').notNullable();
        t.date('leave_date').nullable();
        t.string('emp_status', 12).notNullable();
        t.string('id_card_no', 18).notNullable();
        t.string('bank_account', 24).notNullable();
        t.string('mobile', 16).notNullable();
        t.string('email', 80).notNullable();
        t.string('manager_emp_no', 16).nullable();
        t.decimal('base_salary', 12, 2).notNullable();
      })
      .createTable('payroll', (t) => {
        t.integer('pay_id').primary();
        t.string('emp_no', 16).notNullable().index();
        t.string('org_id', 16).notNullable();
        t.date('pay_date').notNullable();
        t.decimal('gross_pay', 14, 2).notNullable();
        t.decimal('employer_contrib', 14, 2).notNullable();
        t.decimal('total_cost', 14, 2).notNullable();
        t.index(['org_id', 'pay_date']);
      }),

  rows: (c: Company) => ({
    org_unit: c.departments.map((d) => ({
      org_id: orgId(d.n),
      org_name: d.name,
      parent_org_id: d.parent ? orgId(d.parent.n) : null,
      org_level: d.level,
      head_emp_no: d.head ? empNo(d.head.n) : null,
    })),
    employee: c.employees.map((e) => ({
      emp_no: empNo(e.n),
      full_name: e.name,
      org_id: orgId(e.department.n),
      job_title: e.title,
      grade: e.grade,
      hire_date: iso(e.hired),
      leave_date: e.left === null ? null : iso(e.left),
      emp_status: e.left === null ? 'ACTIVE' : 'LEFT',
      id_card_no: e.idCard,
      bank_account: e.bankAccount,
      mobile: e.mobile,
      email: `${empNo(e.n)}@demo-corp.example`,
      manager_emp_no: e.manager ? empNo(e.manager.n) : null,
      base_salary: money(e.monthlyCents),
    })),
    payroll: c.payslips.map((p) => ({
      pay_id: p.n,
      emp_no: empNo(p.employee.n),
      org_id: orgId(p.department.n),
      pay_date: iso(p.date),
      gross_pay: money(p.grossCents),
      employer_contrib: money(p.employerCents),
      total_cost: money(p.grossCents + p.employerCents),
    })),
  }),

  keyMap: (c: Company) => [
    ...c.departments.map((d) => ({ entity: 'Department' as const, hubId: d.id, sourceKey: orgId(d.n) })),
    ...c.employees.map((e) => ({ entity: 'Employee' as const, hubId: e.id, sourceKey: empNo(e.n) })),
  ],
};

import type { SqlSourceMapping } from '../sql/mapping';

/** HR (人事): org units as a tree, employees, monthly payroll. */
export const hrMapping: SqlSourceMapping = {
  entities: {
    Department: {
      table: 'org_unit',
      key: 'org_id',
      fields: { name: 'org_name', parent: 'parent_org_id', level: 'org_level', head: 'head_emp_no' },
      scope: { column: 'org_id' },
    },
    Employee: {
      table: 'employee',
      key: 'emp_no',
      fields: {
        name: 'full_name',
        department: 'org_id',
        title: 'job_title',
        hireDate: 'hire_date',
        leaveDate: 'leave_date',
        status: 'emp_status',
        email: 'email',
        phone: 'mobile',
        idCardNo: 'id_card_no',
        bankAccount: 'bank_account',
        manager: 'manager_emp_no',
        monthlySalary: 'base_salary',
      },
      scope: { column: 'org_id' },
      owner: { column: 'emp_no' },
    },
  },
  facts: {
    employment: {
      table: 'employee',
      validity: { from: 'hire_date', to: 'leave_date' },
      dimensions: { department: { column: 'org_id', entity: 'Department' } },
      measures: { headcount: { agg: 'count', type: 'int' } },
    },
    hires: {
      table: 'employee',
      time: { column: 'hire_date' },
      dimensions: { department: { column: 'org_id', entity: 'Department' } },
      measures: { hires: { agg: 'count', type: 'int' } },
    },
    departures: {
      table: 'employee',
      time: { column: 'leave_date' },
      dimensions: { department: { column: 'org_id', entity: 'Department' } },
      measures: { departures: { agg: 'count', type: 'int' } },
    },
    payroll: {
      table: 'payroll',
      time: { column: 'pay_date' },
      dimensions: {
        department: { column: 'org_id', entity: 'Department' },
        employee: { column: 'emp_no', entity: 'Employee' },
      },
      measures: {
        payrollCost: { agg: 'sum', column: 'total_cost', type: 'decimal' },
        grossPay: { agg: 'sum', column: 'gross_pay', type: 'decimal' },
        paidEmployees: { agg: 'count_distinct', column: 'emp_no', type: 'int' },
      },
    },
  },
};

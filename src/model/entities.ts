/**
 * The conformed model: the hub's own names for the things every source talks about.
 * Sources map their tables and columns onto these names (src/sources/<name>/mapping.ts);
 * resolvers only ever see these names, never a source's column names.
 */
export type ScalarType = 'string' | 'int' | 'decimal' | 'date' | 'bool';
export interface RefType {
  ref: EntityName;
}
export type FieldType = ScalarType | RefType;

export const ENTITY_NAMES = [
  'Department',
  'Employee',
  'Customer',
  'Supplier',
  'Product',
  'Contact',
  'Contract',
  'Order',
  'Receivable',
  'PurchaseOrder',
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

export interface EntityModel {
  /** Conformed entities exist in several systems under different keys and go through the key map. */
  conformed: boolean;
  fields: Record<string, FieldType>;
}

const ref = (entity: EntityName): RefType => ({ ref: entity });

export const ENTITIES: Record<EntityName, EntityModel> = {
  Department: {
    conformed: true,
    fields: { name: 'string', parent: ref('Department'), level: 'int', head: ref('Employee'), region: 'string' },
  },
  Employee: {
    conformed: true,
    fields: {
      name: 'string',
      department: ref('Department'),
      title: 'string',
      hireDate: 'date',
      leaveDate: 'date',
      status: 'string',
      email: 'string',
      phone: 'string',
      idCardNo: 'string',
      bankAccount: 'string',
      manager: ref('Employee'),
      monthlySalary: 'decimal',
    },
  },
  Customer: {
    conformed: true,
    fields: {
      name: 'string',
      segment: 'string',
      industry: 'string',
      region: 'string',
      salesDepartment: ref('Department'),
      createdOn: 'date',
      creditLimit: 'decimal',
    },
  },
  Supplier: {
    conformed: true,
    fields: { name: 'string', category: 'string', region: 'string', rating: 'int' },
  },
  Product: {
    conformed: true,
    fields: { name: 'string', category: 'string', standardCost: 'decimal', listPrice: 'decimal' },
  },
  Contact: {
    conformed: false,
    fields: { customer: ref('Customer'), name: 'string', phone: 'string', email: 'string' },
  },
  Contract: {
    conformed: false,
    fields: {
      customer: ref('Customer'),
      department: ref('Department'),
      signedOn: 'date',
      startsOn: 'date',
      endsOn: 'date',
      value: 'decimal',
    },
  },
  Order: {
    conformed: false,
    fields: {
      customer: ref('Customer'),
      department: ref('Department'),
      product: ref('Product'),
      orderedOn: 'date',
      quantity: 'int',
      amount: 'decimal',
    },
  },
  Receivable: {
    conformed: false,
    fields: {
      customer: ref('Customer'),
      department: ref('Department'),
      invoiceNo: 'string',
      issuedOn: 'date',
      dueOn: 'date',
      openAmount: 'decimal',
    },
  },
  PurchaseOrder: {
    conformed: false,
    fields: {
      supplier: ref('Supplier'),
      department: ref('Department'),
      orderedOn: 'date',
      status: 'string',
      amount: 'decimal',
    },
  },
};

export function isRef(type: FieldType): type is RefType {
  return typeof type === 'object';
}

export function fieldType(entity: EntityName, field: string): FieldType | undefined {
  return ENTITIES[entity].fields[field];
}

/**
 * The question corpus: questions in Chinese and English over the demo company's and Chinook's dictionaries,
 * each with the interpretation a person would expect. Demo questions read against 2025-11-15, Chinook's
 * against 2025-06-15 (the clocks test/questions/corpus.test.ts pins).
 *
 * `expect` lists only what is asked of the interpretation; left out: by [], filters [], no comparison,
 * ranking or threshold. `filters` are [dimension path, member name]; `ranking` is [dimension, n, direction,
 * per]; `threshold` is [indicator, above]. Ambiguous questions name a `candidate` that must be offered;
 * out-of-scope ones the role (`refusedFor`) whose `ask` must be REFUSED.
 */
export type Kind =
  'straightforward' | 'synonym' | 'relative' | 'comparison' | 'ranking' | 'ambiguous' | 'out_of_scope' | 'nonsense';

export interface Expected {
  status: 'understood' | 'ambiguous' | 'not_understood';
  indicators?: string[];
  from?: string;
  to?: string;
  grain?: string;
  by?: string[];
  filters?: Array<[string, string]>;
  comparison?: 'year_ago' | 'previous' | 'target';
  ranking?: [string, number, 'DESC' | 'ASC', string | null];
  threshold?: [string, number];
  candidate?: string;
  refusedFor?: string;
}

export interface CorpusQuestion {
  company: 'demo' | 'chinook';
  language: 'zh' | 'en';
  kind: Kind;
  question: string;
  expect: Expected;
}

const u = (indicators: string[], from: string, to: string, grain: string, more: Partial<Expected> = {}): Expected => ({
  status: 'understood',
  indicators,
  from,
  to,
  grain,
  ...more,
});
const amb = (candidate: string): Expected => ({ status: 'ambiguous', candidate });
const none: Expected = { status: 'not_understood' };
const YTD_DEMO = ['2025-01', '2025-11'] as const;
const YTD_CHINOOK = ['2025-01', '2025-06'] as const;

const demo = (language: 'zh' | 'en', kind: Kind, question: string, expect: Expected): CorpusQuestion => ({
  company: 'demo',
  language,
  kind,
  question,
  expect,
});
const chinook = (language: 'zh' | 'en', kind: Kind, question: string, expect: Expected): CorpusQuestion => ({
  company: 'chinook',
  language,
  kind,
  question,
  expect,
});

export const CORPUS: CorpusQuestion[] = [
  // ---- demo, Chinese
  demo('zh', 'synonym', '一季度销售收入是多少?', u(['revenue'], '2025-Q1', '2025-Q1', 'QUARTER')),
  demo('zh', 'straightforward', '2025年3月营业收入', u(['revenue'], '2025-03', '2025-03', 'MONTH')),
  demo('zh', 'relative', '上个月毛利率', u(['gross_margin'], '2025-10', '2025-10', 'MONTH')),
  demo('zh', 'relative', '今年以来的回款金额', u(['cash_collected'], ...YTD_DEMO, 'ALL')),
  demo('zh', 'synonym', '近三个月订单量', u(['order_count'], '2025-08', '2025-10', 'ALL')),
  demo('zh', 'relative', '去年在职人数', u(['headcount'], '2024', '2024', 'YEAR')),
  demo('zh', 'relative', '本月费用支出是多少', u(['expense'], '2025-11', '2025-11', 'MONTH')),
  demo('zh', 'straightforward', '第二季度开票收入', u(['invoiced_revenue'], '2025-Q2', '2025-Q2', 'QUARTER')),
  demo(
    'zh',
    'comparison',
    '去年营业收入同比怎么样',
    u(['revenue', 'revenue_yoy'], '2024', '2024', 'YEAR', { comparison: 'year_ago' }),
  ),
  demo(
    'zh',
    'comparison',
    '上个月营业收入环比',
    u(['revenue', 'revenue_mom'], '2025-10', '2025-10', 'MONTH', { comparison: 'previous' }),
  ),
  demo(
    'zh',
    'comparison',
    '一季度营业收入和目标比',
    u(['revenue'], '2025-Q1', '2025-Q1', 'QUARTER', { comparison: 'target' }),
  ),
  demo(
    'zh',
    'ranking',
    '哪个部门销售收入最高',
    u(['revenue'], ...YTD_DEMO, 'ALL', { by: ['department'], ranking: ['department', 1, 'DESC', null] }),
  ),
  demo(
    'zh',
    'ranking',
    '今年销售额前五名客户',
    u(['revenue'], '2025', '2025', 'YEAR', { by: ['customer'], ranking: ['customer', 5, 'DESC', null] }),
  ),
  demo(
    'zh',
    'ranking',
    '哪个部门费用超预算了?',
    u(['budget_execution_rate'], ...YTD_DEMO, 'ALL', { by: ['department'], threshold: ['budget_execution_rate', 100] }),
  ),
  demo('zh', 'straightforward', '今年按月的营业收入', u(['revenue'], '2025', '2025', 'MONTH')),
  demo(
    'zh',
    'straightforward',
    '去年按部门的毛利',
    u(['gross_profit'], '2024', '2024', 'YEAR', { by: ['department'] }),
  ),
  demo(
    'zh',
    'straightforward',
    'Key Accounts上季度订单数',
    u(['order_count'], '2025-Q3', '2025-Q3', 'QUARTER', { filters: [['department', 'Key Accounts']] }),
  ),
  demo(
    'zh',
    'straightforward',
    '盛信 Education Co. 1去年的营业收入',
    u(['revenue'], '2024', '2024', 'YEAR', { filters: [['customer', '盛信 Education Co. 1']] }),
  ),
  demo(
    'zh',
    'straightforward',
    '去年按区域和产品的营业收入',
    u(['revenue'], '2024', '2024', 'YEAR', { by: ['department_region', 'product'] }),
  ),
  demo('zh', 'ranking', '每个区域收入最高的三个产品', amb('revenue')),
  demo(
    'zh',
    'ranking',
    '今年每个区域营业收入最高的三个产品',
    u(['revenue'], '2025', '2025', 'YEAR', {
      by: ['department_region', 'product'],
      ranking: ['product', 3, 'DESC', 'department_region'],
    }),
  ),
  demo('zh', 'straightforward', '2025年一季度员工流失率', u(['attrition_rate'], '2025-Q1', '2025-Q1', 'QUARTER')),
  demo('zh', 'synonym', 'FY2025收款率', u(['collection_rate'], 'FY2025', 'FY2025', 'YEAR')),
  demo('zh', 'relative', '近六个月采购降本率', u(['procurement_savings_rate'], '2025-05', '2025-10', 'ALL')),
  demo('zh', 'synonym', '上季度离职率', u(['attrition_rate'], '2025-Q3', '2025-Q3', 'QUARTER')),
  demo(
    'zh',
    'straightforward',
    'EAST区域去年营业收入',
    u(['revenue'], '2024', '2024', 'YEAR', { filters: [['department_region', 'EAST']] }),
  ),
  demo('zh', 'ambiguous', '哪个部门收入最高', amb('revenue')),
  demo('zh', 'ambiguous', '上个月收入', amb('revenue')),
  demo('zh', 'ambiguous', '去年利润', amb('gross_profit')),
  demo('zh', 'out_of_scope', '去年人工成本是多少', {
    ...u(['payroll_cost'], '2024', '2024', 'YEAR'),
    refusedFor: 'EMP-000010',
  }),
  demo('zh', 'out_of_scope', '上个月人均人工成本', {
    ...u(['payroll_per_head'], '2025-10', '2025-10', 'MONTH'),
    refusedFor: 'EMP-000010',
  }),
  demo('zh', 'nonsense', '今天天气怎么样', none),
  demo('zh', 'nonsense', '随便聊聊吧', none),
  // ---- demo, English
  demo('en', 'relative', 'revenue last month', u(['revenue'], '2025-10', '2025-10', 'MONTH')),
  demo('en', 'straightforward', 'gross margin Q1 2025', u(['gross_margin'], '2025-Q1', '2025-Q1', 'QUARTER')),
  demo('en', 'straightforward', 'what was the headcount in 2024', u(['headcount'], '2024', '2024', 'YEAR')),
  demo('en', 'relative', 'invoiced revenue year to date', u(['invoiced_revenue'], ...YTD_DEMO, 'ALL')),
  demo('en', 'relative', 'cash collected in the last 12 months', u(['cash_collected'], '2024-11', '2025-10', 'ALL')),
  demo('en', 'synonym', 'sales revenue this quarter', u(['revenue'], '2025-Q4', '2025-Q4', 'QUARTER')),
  demo('en', 'synonym', 'AOV last year', u(['average_deal_size'], '2024', '2024', 'YEAR')),
  demo('en', 'synonym', 'opex by month this year', u(['expense'], '2025', '2025', 'MONTH')),
  demo(
    'en',
    'comparison',
    'revenue in 2024 vs last year',
    u(['revenue', 'revenue_yoy'], '2024', '2024', 'YEAR', { comparison: 'year_ago' }),
  ),
  demo(
    'en',
    'comparison',
    'revenue last month vs previous month',
    u(['revenue', 'revenue_mom'], '2025-10', '2025-10', 'MONTH', { comparison: 'previous' }),
  ),
  demo(
    'en',
    'comparison',
    'revenue vs target in Q1 2025',
    u(['revenue'], '2025-Q1', '2025-Q1', 'QUARTER', { comparison: 'target' }),
  ),
  demo(
    'en',
    'ranking',
    'top 5 customers by revenue last year',
    u(['revenue'], '2024', '2024', 'YEAR', { by: ['customer'], ranking: ['customer', 5, 'DESC', null] }),
  ),
  demo(
    'en',
    'ranking',
    'which department has the highest revenue this year',
    u(['revenue'], '2025', '2025', 'YEAR', { by: ['department'], ranking: ['department', 1, 'DESC', null] }),
  ),
  demo(
    'en',
    'ranking',
    'which departments are over budget',
    u(['budget_execution_rate'], ...YTD_DEMO, 'ALL', { by: ['department'], threshold: ['budget_execution_rate', 100] }),
  ),
  demo(
    'en',
    'ranking',
    'bottom 3 departments by gross margin last quarter',
    u(['gross_margin'], '2025-Q3', '2025-Q3', 'QUARTER', {
      by: ['department'],
      ranking: ['department', 3, 'ASC', null],
    }),
  ),
  demo(
    'en',
    'straightforward',
    'revenue by region last year',
    u(['revenue'], '2024', '2024', 'YEAR', { by: ['department_region'] }),
  ),
  demo(
    'en',
    'straightforward',
    'revenue by department and product in March 2025',
    u(['revenue'], '2025-03', '2025-03', 'MONTH', { by: ['department', 'product'] }),
  ),
  demo(
    'en',
    'ranking',
    'the top product in each region by revenue this year',
    u(['revenue'], '2025', '2025', 'YEAR', {
      by: ['department_region', 'product'],
      ranking: ['product', 1, 'DESC', 'department_region'],
    }),
  ),
  demo(
    'en',
    'straightforward',
    'Key Accounts revenue last month',
    u(['revenue'], '2025-10', '2025-10', 'MONTH', { filters: [['department', 'Key Accounts']] }),
  ),
  demo('en', 'synonym', 'DSO FY2025', u(['dso'], 'FY2025', 'FY2025', 'YEAR')),
  demo('en', 'synonym', 'employee turnover last quarter', u(['attrition_rate'], '2025-Q3', '2025-Q3', 'QUARTER')),
  demo('en', 'out_of_scope', 'payroll cost last year', {
    ...u(['payroll_cost'], '2024', '2024', 'YEAR'),
    refusedFor: 'EMP-000010',
  }),
  demo('en', 'out_of_scope', 'labour cost to revenue this year', {
    ...u(['labor_cost_ratio'], '2025', '2025', 'YEAR'),
    refusedFor: 'EMP-000010',
  }),
  demo('en', 'ambiguous', 'revnue last month', amb('revenue')),
  demo('en', 'ambiguous', 'margin last year', amb('gross_margin')),
  demo('en', 'nonsense', "what's the weather tomorrow", none),
  demo('en', 'nonsense', 'purple elephants dancing on the moon', none),
  // ---- Chinook, Chinese
  chinook('zh', 'relative', '去年销售收入', u(['revenue'], '2024', '2024', 'YEAR')),
  chinook('zh', 'relative', '上个月发票数', u(['invoice_count'], '2025-05', '2025-05', 'MONTH')),
  chinook('zh', 'relative', '今年以来付费客户数', u(['paying_customers'], ...YTD_CHINOOK, 'ALL')),
  chinook('zh', 'straightforward', '2024年3月平均发票金额', u(['average_invoice'], '2024-03', '2024-03', 'MONTH')),
  chinook('zh', 'straightforward', '一季度销售曲目数', u(['units_sold'], '2025-Q1', '2025-Q1', 'QUARTER')),
  chinook('zh', 'relative', '近三个月发票总额', u(['invoiced_total'], '2025-03', '2025-05', 'ALL')),
  chinook(
    'zh',
    'comparison',
    '去年销售收入同比',
    u(['revenue', 'revenue_yoy'], '2024', '2024', 'YEAR', { comparison: 'year_ago' }),
  ),
  chinook(
    'zh',
    'comparison',
    '上个月销售收入环比',
    u(['revenue', 'revenue_mom'], '2025-05', '2025-05', 'MONTH', { comparison: 'previous' }),
  ),
  chinook(
    'zh',
    'ranking',
    '去年销售收入前五名客户',
    u(['revenue'], '2024', '2024', 'YEAR', { by: ['customer'], ranking: ['customer', 5, 'DESC', null] }),
  ),
  chinook(
    'zh',
    'ranking',
    '去年哪个国家销售收入最高',
    u(['revenue'], '2024', '2024', 'YEAR', {
      by: ['customer_country'],
      ranking: ['customer_country', 1, 'DESC', null],
    }),
  ),
  chinook(
    'zh',
    'straightforward',
    '去年按流派的销售收入',
    u(['revenue'], '2024', '2024', 'YEAR', { by: ['track_genre'] }),
  ),
  chinook('zh', 'straightforward', '今年按月的销售收入', u(['revenue'], '2025', '2025', 'MONTH')),
  chinook(
    'zh',
    'straightforward',
    'Brazil去年销售收入',
    u(['revenue'], '2024', '2024', 'YEAR', { filters: [['customer_country', 'Brazil']] }),
  ),
  chinook(
    'zh',
    'straightforward',
    'Rock去年的销售收入',
    u(['revenue'], '2024', '2024', 'YEAR', { filters: [['track_genre', 'Rock']] }),
  ),
  chinook(
    'zh',
    'ranking',
    '去年每个国家销售收入最高的客户',
    u(['revenue'], '2024', '2024', 'YEAR', {
      by: ['customer_country', 'customer'],
      ranking: ['customer', 1, 'DESC', 'customer_country'],
    }),
  ),
  chinook(
    'zh',
    'straightforward',
    '去年按国家和流派的销售收入',
    u(['revenue'], '2024', '2024', 'YEAR', { by: ['customer_country', 'track_genre'] }),
  ),
  chinook('zh', 'straightforward', '2023年销售收入', u(['revenue'], '2023', '2023', 'YEAR')),
  chinook('zh', 'relative', '上半年销售收入', u(['revenue'], '2025-01', '2025-06', 'ALL')),
  chinook('zh', 'straightforward', '2024年第二季度销售收入', u(['revenue'], '2024-Q2', '2024-Q2', 'QUARTER')),
  chinook(
    'zh',
    'straightforward',
    'AC/DC去年销售收入',
    u(['revenue'], '2024', '2024', 'YEAR', { filters: [['track_album_artist', 'AC/DC']] }),
  ),
  chinook('zh', 'synonym', '去年人均销售收入', u(['revenue_per_employee'], '2024', '2024', 'YEAR')),
  chinook('zh', 'ambiguous', '去年收入', amb('revenue')),
  chinook('zh', 'ambiguous', '上个月客户', amb('paying_customers')),
  chinook('zh', 'nonsense', '天气怎么样', none),
  chinook('zh', 'nonsense', '给我讲个笑话', none),
  // ---- Chinook, English
  chinook('en', 'relative', 'revenue last year', u(['revenue'], '2024', '2024', 'YEAR')),
  chinook('en', 'synonym', 'sales in Q1 2025', u(['revenue'], '2025-Q1', '2025-Q1', 'QUARTER')),
  chinook('en', 'synonym', 'turnover year to date', u(['revenue'], ...YTD_CHINOOK, 'ALL')),
  chinook('en', 'relative', 'invoice count last month', u(['invoice_count'], '2025-05', '2025-05', 'MONTH')),
  chinook('en', 'synonym', 'average basket FY2024', u(['average_invoice'], 'FY2024', 'FY2024', 'YEAR')),
  chinook(
    'en',
    'relative',
    'paying customers in the last 12 months',
    u(['paying_customers'], '2024-06', '2025-05', 'ALL'),
  ),
  chinook('en', 'straightforward', 'tracks sold in March 2024', u(['units_sold'], '2024-03', '2024-03', 'MONTH')),
  chinook(
    'en',
    'comparison',
    'revenue year over year in 2024',
    u(['revenue', 'revenue_yoy'], '2024', '2024', 'YEAR', { comparison: 'year_ago' }),
  ),
  chinook(
    'en',
    'comparison',
    'revenue last month vs previous month',
    u(['revenue', 'revenue_mom'], '2025-05', '2025-05', 'MONTH', { comparison: 'previous' }),
  ),
  chinook(
    'en',
    'ranking',
    'top 5 customers by revenue last year',
    u(['revenue'], '2024', '2024', 'YEAR', { by: ['customer'], ranking: ['customer', 5, 'DESC', null] }),
  ),
  chinook(
    'en',
    'ranking',
    'top 3 countries by revenue in 2024',
    u(['revenue'], '2024', '2024', 'YEAR', {
      by: ['customer_country'],
      ranking: ['customer_country', 3, 'DESC', null],
    }),
  ),
  chinook(
    'en',
    'ranking',
    'which genre had the highest revenue last year',
    u(['revenue'], '2024', '2024', 'YEAR', { by: ['track_genre'], ranking: ['track_genre', 1, 'DESC', null] }),
  ),
  chinook(
    'en',
    'ranking',
    'the top customer in each country by revenue last year',
    u(['revenue'], '2024', '2024', 'YEAR', {
      by: ['customer_country', 'customer'],
      ranking: ['customer', 1, 'DESC', 'customer_country'],
    }),
  ),
  chinook(
    'en',
    'straightforward',
    'revenue by country last year',
    u(['revenue'], '2024', '2024', 'YEAR', { by: ['customer_country'] }),
  ),
  chinook('en', 'straightforward', 'revenue by month this year', u(['revenue'], '2025', '2025', 'MONTH')),
  chinook(
    'en',
    'straightforward',
    'revenue by country and genre in 2024',
    u(['revenue'], '2024', '2024', 'YEAR', { by: ['customer_country', 'track_genre'] }),
  ),
  chinook(
    'en',
    'straightforward',
    'revenue from Brazil last year',
    u(['revenue'], '2024', '2024', 'YEAR', { filters: [['customer_country', 'Brazil']] }),
  ),
  chinook(
    'en',
    'straightforward',
    'Rock revenue last year',
    u(['revenue'], '2024', '2024', 'YEAR', { filters: [['track_genre', 'Rock']] }),
  ),
  chinook(
    'en',
    'straightforward',
    'Luís Gonçalves revenue in 2024',
    u(['revenue'], '2024', '2024', 'YEAR', { filters: [['customer', 'Luís Gonçalves']] }),
  ),
  chinook(
    'en',
    'synonym',
    'catalogue size by genre',
    u(['catalogue_tracks'], ...YTD_CHINOOK, 'ALL', { by: ['genre'] }),
  ),
  chinook(
    'en',
    'ranking',
    'bottom 5 customers by revenue last year',
    u(['revenue'], '2024', '2024', 'YEAR', { by: ['customer'], ranking: ['customer', 5, 'ASC', null] }),
  ),
  chinook(
    'en',
    'straightforward',
    'revenue per employee last year',
    u(['revenue_per_employee'], '2024', '2024', 'YEAR'),
  ),
  chinook('en', 'ambiguous', 'revnue last year', amb('revenue')),
  chinook('en', 'ambiguous', 'average last year', amb('average_invoice')),
  chinook('en', 'nonsense', 'what is the meaning of life', none),
  chinook('en', 'nonsense', 'hello there', none),
];

/**
 * Chinese words for common English words of business models' entity and field names — a language resource,
 * like a bilingual dictionary, not a company's names: a model's dimension `customer` or field `country` is
 * found by "客户" and "国家" because its own (English) name translates so. A model whose names are not in
 * this list is still asked in English, and by its members' and indicators' own names in either language.
 */
export const ZH_WORDS: Readonly<Record<string, readonly string[]>> = {
  department: ['部门', '科室'],
  unit: ['单位', '组织'],
  team: ['团队', '小组'],
  division: ['事业部'],
  region: ['区域', '地区', '大区', '片区'],
  area: ['区域', '地区'],
  customer: ['客户'],
  client: ['客户'],
  account: ['科目', '账户'],
  product: ['产品', '商品'],
  item: ['商品', '物品'],
  supplier: ['供应商'],
  vendor: ['供应商'],
  employee: ['员工', '职员'],
  person: ['人员'],
  manager: ['经理', '上级'],
  rep: ['代表'],
  country: ['国家'],
  city: ['城市'],
  state: ['省份', '州'],
  province: ['省份'],
  segment: ['细分市场', '客户类型', '分群'],
  industry: ['行业'],
  category: ['类别', '品类', '分类'],
  genre: ['流派', '曲风'],
  artist: ['艺术家', '歌手'],
  album: ['专辑'],
  track: ['曲目', '歌曲'],
  media: ['媒体'],
  type: ['类型'],
  channel: ['渠道'],
  store: ['门店'],
  branch: ['分公司', '分支'],
  project: ['项目'],
  contract: ['合同'],
  order: ['订单'],
  invoice: ['发票'],
  title: ['职位'],
  level: ['级别'],
  status: ['状态'],
  playlist: ['播放列表'],
  composer: ['作曲'],
};

/** Plural and singular English forms of a word. */
export function englishForms(word: string): string[] {
  const w = word.toLowerCase();
  const forms = new Set([w]);
  if (w.endsWith('y') && !/[aeiou]y$/.test(w)) forms.add(`${w.slice(0, -1)}ies`);
  else if (/(s|x|ch|sh)$/.test(w)) forms.add(`${w}es`);
  else forms.add(`${w}s`);
  return [...forms];
}

/** `supportRep` → ["support", "rep"]; `media_type` → ["media", "type"]. */
export const wordsOf = (name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());

# language: zh-CN
@buildings
功能: 绿色建筑、装配式建筑与屋顶分布式光伏
  临东环委发〔2022〕1号 三(二)2：新建居住和公共建筑节能指标分别达到 75%和 72.5%以上；
  到 2023 年底，新增建筑中装配式建筑占比达到 35%（全区目标，对单个项目只作提示）。
  三(二)3：公共机构率先实施执行绿色建筑标准。三(三)1：新建标准化厂房应建尽建屋顶光伏。
  凡新建、改扩建、搬迁项目都须申报新建居住建筑、公共建筑和标准化厂房的面积（没有的填 0）；
  未申报的提交审议，不当作没有新建建筑。技术改造项目不问。

  背景:
    假如 以案例 "11-residential-block" 为基础

  场景: 居住建筑 75%、公共建筑 72.5% 节能的住宅小区准予准入
    当 筛查
    那么 结论为 "准予准入"
    而且 没有任何发现

  场景: 居住建筑节能指标低于 75%，附条件准入（设计须达到 75%）
    假如 将 "buildings.residential_energy_saving_pct" 设为 "70"
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "buildings.residential-energy-saving"
    而且 引用条款 "三(二)2"
    而且 说明包含 "低于 75%"
    但是 未触发规则 "buildings.public-energy-saving"

  场景: 公共建筑节能指标低于 72.5%，附条件准入（设计须达到 72.5%）
    假如 将 "buildings.public_energy_saving_pct" 设为 "70"
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "buildings.public-energy-saving"
    而且 说明包含 "低于 72.5%"
    但是 未触发规则 "buildings.residential-energy-saving"

  场景: 没有公共建筑时不问公共建筑节能指标
    假如 修改以下事实:
      | 字段                               | 值   |
      | buildings.public_m2                | 0    |
      | buildings.public_energy_saving_pct | 未知 |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "buildings.public-energy-saving"

  @missing_data
  场景: 房地产开发项目未说明新建建筑时提交审议
    假如 删除 "buildings"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "buildings.residential-energy-saving"
    而且 缺少事实 "buildings.residential_m2"

  场景: 装配式建筑占比低于全区目标时提示，不改变结论
    假如 将 "buildings.prefabricated_pct" 设为 "20"
    当 筛查
    那么 结论为 "准予准入"
    而且 触发规则 "buildings.prefabricated"
    而且 说明包含 "35%"

  场景: 未说明装配式占比时也只作提示，不提交审议
    假如 删除 "buildings.prefabricated_pct"
    当 筛查
    那么 结论为 "准予准入"
    而且 触发规则 "buildings.prefabricated"

  @as_of
  场景大纲: 装配式建筑目标到 2023 年底，此后不再提示
    假如 将 "buildings.prefabricated_pct" 设为 "20"
    当 按 "<筛查日期>" 筛查
    那么 <判定>规则 "buildings.prefabricated"

    例子:
      | 筛查日期   | 判定   |
      | 2023-12-31 | 触发   |
      | 2024-01-02 | 未触发 |

  场景: 公共机构建筑未按绿色建筑标准设计附条件准入
    假如 以案例 "72-hospital-ward-low-energy-saving" 为基础
    而且 修改以下事实:
      | 字段                               | 值    |
      | buildings.public_energy_saving_pct | 75    |
      | buildings.green_building_standard  | false |
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "buildings.public-institution-green"
    而且 引用条款 "三(二)3"

  场景: 非公共机构的公共建筑不要求率先执行绿色建筑标准
    假如 将 "buildings.green_building_standard" 设为 "false"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "buildings.public-institution-green"

  场景: 新建标准化厂房未规划屋顶光伏附条件准入
    假如 以案例 "73-standard-factories-no-pv" 为基础
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "buildings.factory-rooftop-pv"
    而且 引用条款 "三(三)1"

  场景: 新建标准化厂房规划了屋顶光伏
    假如 以案例 "73-standard-factories-no-pv" 为基础
    而且 将 "buildings.rooftop_pv" 设为 "true"
    当 筛查
    那么 未触发规则 "buildings.factory-rooftop-pv"

  场景: 不建居住、公共建筑和标准化厂房的工业项目不涉及建筑规则
    假如 以案例 "86-pesticide-formulation-allowed" 为基础
    当 筛查
    那么 结论为 "准予准入"
    那么 未触发规则 "buildings.factory-rooftop-pv"
    而且 未触发规则 "buildings.residential-energy-saving"
    而且 未触发规则 "buildings.prefabricated"

  @missing_data
  场景: 新建工业项目未申报新建建筑面积时提交审议，不视为没有新建建筑
    假如 以案例 "86-pesticide-formulation-allowed" 为基础
    而且 删除 "buildings"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "buildings.factory-rooftop-pv"
    而且 无法判定规则 "buildings.residential-energy-saving"
    而且 缺少事实 "buildings.standard_factory_m2"

  场景: 技术改造项目不新建房屋，不问新建建筑面积
    假如 以案例 "86-pesticide-formulation-allowed" 为基础
    而且 删除 "buildings"
    而且 将 "construction_type" 设为 "技术改造"
    当 筛查
    那么 未触发规则 "buildings.factory-rooftop-pv"
    而且 未触发规则 "buildings.residential-energy-saving"
    而且 未触发规则 "buildings.public-energy-saving"

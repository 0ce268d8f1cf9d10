# language: zh-CN
@machinery
功能: 非道路移动机械污染防治
  临东环委发〔2022〕1号 四(二)3：将建成区划定为禁止使用高排放非道路移动机械的区域（临沂市 2021-01-01 起
  禁用国三以下工程机械）；推进工程机械安装实时定位监控装置并与生态环境部门联网；鼓励铁路货场、
  物流园区等重点场所使用国四及以上排放标准或新能源非道路移动机械。排放阶段写作数字：国三 = 3。

  背景:
    假如 以案例 "84-municipal-road-compliant" 为基础

  场景: 建成区内国四机械、装有定位监控的市政道路工程准予准入
    当 筛查
    那么 结论为 "准予准入"
    而且 没有任何发现

  场景: 建成区内使用国二工程机械不予准入
    假如 将 "machinery.lowest_stage" 设为 "2"
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "machinery.urban-below-stage-iii"
    而且 引用条款 "四(二)3"
    而且 说明包含 "低于国3"

  场景: 建成区内国三工程机械符合禁用区要求
    假如 将 "machinery.lowest_stage" 设为 "3"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "machinery.urban-below-stage-iii"

  场景: 建成区外使用国二机械不触发禁用区规则
    假如 修改以下事实:
      | 字段                       | 值    |
      | zones.urban_built_up_area  | false |
      | machinery.lowest_stage     | 2     |
    当 筛查
    那么 未触发规则 "machinery.urban-below-stage-iii"

  场景: 全部使用新能源机械时不问排放阶段与定位监控
    假如 修改以下事实:
      | 字段                            | 值    |
      | machinery.all_new_energy        | true  |
      | machinery.lowest_stage          | 未知  |
      | machinery.real_time_positioning | false |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "machinery.urban-below-stage-iii"
    而且 未触发规则 "machinery.positioning"

  场景: 工程机械未安装实时定位监控附条件准入
    假如 将 "machinery.real_time_positioning" 设为 "false"
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "machinery.positioning"

  @missing_data
  场景: 施工项目未说明非道路移动机械时提交审议
    假如 删除 "machinery"
    当 筛查
    那么 结论为 "提交审议"
    而且 缺少事实 "machinery.real_time_positioning"

  场景: 物流园区使用国三装卸机械，方案只是“鼓励”国四及以上，仅作提示
    假如 以案例 "91-cold-chain-warehouse-electric" 为基础
    而且 修改以下事实:
      | 字段                     | 值    |
      | machinery.all_new_energy | false |
      | machinery.lowest_stage   | 3     |
    当 筛查
    那么 结论为 "准予准入"
    而且 触发规则 "machinery.freight-hub-stage-iv"
    而且 说明包含 "鼓励使用国4及以上或新能源"

  场景大纲: 物流园区使用国四机械或全部新能源机械的不触发
    假如 以案例 "91-cold-chain-warehouse-electric" 为基础
    而且 修改以下事实:
      | 字段                     | 值         |
      | machinery.all_new_energy | <新能源>   |
      | machinery.lowest_stage   | <排放阶段> |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "machinery.freight-hub-stage-iv"

    例子:
      | 新能源 | 排放阶段 |
      | false  | 4        |
      | true   | 未知     |

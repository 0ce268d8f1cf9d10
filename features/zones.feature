# language: zh-CN
@zones
功能: 生态保护红线与永久基本农田
  临东环委发〔2022〕1号 二(二)1：将“三线一单”作为环境准入、重大项目选址和审批的重要依据；
  五(一)3：永久基本农田实行严格保护，确保其面积不减少。

  背景:
    假如 一个项目:
      """
      id: HD-2022-152
      name: 农资仓储配送中心项目
      application_date: 2022-08-09
      industry: {code: "5920", product: 农资仓储}
      construction_type: 新建
      location: {town: 重沟镇}
      zones:
        ecological_red_line: false
        permanent_basic_farmland: false
        no_burn_zone: none
        urban_built_up_area: false
      site: {three_lines_unit: 重点管控单元, access_list_check: 符合}
      guidance_catalogue: {class_2019: 允许类}
      pollutants:
        so2: {new_t: 0}
        nox: {new_t: 0}
        particulates: {new_t: 0}
        vocs: {new_t: 0}
        cod: {new_t: 0}
        nh3n: {new_t: 0}
      fuels: [电]
      boilers: []
      transport: {bulk_freight_wan_t: 15, railway_siding: 无, diesel_trucks_china_iii_or_below: 0, open_stockyards: false}
      machinery: {all_new_energy: true}
      construction_site:
        hoarding: true
        materials_covered: true
        vehicle_washing: true
        ground_hardened: true
        demolition: false
        muck_vehicles_sealed: true
      energy: {new_tce: 420, electricity_wan_kwh: 340}
      buildings: {residential_m2: 0, public_m2: 0, standard_factory_m2: 0}
      """

  场景: 不涉及红线和基本农田的项目准予准入
    当 筛查
    那么 结论为 "准予准入"
    而且 没有任何发现

  场景: 生态保护红线内的开发性建设不予准入
    假如 将 "zones.ecological_red_line" 设为 "true"
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "zones.ecological-red-line"
    而且 引用条款 "二(二)1"
    但是 未触发规则 "zones.ecological-red-line-permitted"
    而且 未触发规则 "zones.permanent-basic-farmland"

  场景: 红线内无法避让的线性基础设施提交审议
    假如 修改以下事实:
      | 字段                              | 值           |
      | industry.code                     | 4812         |
      | industry.product                  | 二级公路改建 |
      | zones.ecological_red_line         | true         |
      | zones.red_line_permitted_activity | true         |
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "zones.ecological-red-line-permitted"
    而且 引用条款 "二(二)1"
    但是 未触发规则 "zones.ecological-red-line"

  场景: 申报为允许的有限人为活动但不在红线内，不涉及红线规则
    假如 将 "zones.red_line_permitted_activity" 设为 "true"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "zones.ecological-red-line-permitted"
    而且 未触发规则 "zones.ecological-red-line"

  @missing_data
  场景: 是否位于生态保护红线未核实，提交审议
    假如 删除 "zones.ecological_red_line"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "zones.ecological-red-line"
    而且 缺少事实 "zones.ecological_red_line"

  场景: 占用永久基本农田不予准入（非国家重点建设项目）
    假如 修改以下事实:
      | 字段                           | 值    |
      | zones.permanent_basic_farmland | true  |
      | zones.national_key_project     | false |
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "zones.permanent-basic-farmland"
    而且 引用条款 "五(一)3"
    但是 不引用条款 "二(二)1"

  @missing_data
  场景: 是否占用永久基本农田未核实，提交审议
    假如 将 "zones.permanent_basic_farmland" 设为 "未知"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "zones.permanent-basic-farmland"
    而且 缺少事实 "zones.permanent_basic_farmland"

  场景: 红线与基本农田同时涉及时引用两处条款
    假如 修改以下事实:
      | 字段                           | 值   |
      | zones.ecological_red_line      | true |
      | zones.permanent_basic_farmland | true |
    当 筛查
    那么 结论为 "不予准入"
    而且 引用条款 "二(二)1"
    而且 引用条款 "五(一)3"

  场景: 国家交通重点建设项目占用永久基本农田，须经国务院批准，提交审议
    假如 修改以下事实:
      | 字段                           | 值   |
      | zones.permanent_basic_farmland | true |
      | zones.national_key_project     | true |
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "zones.basic-farmland-key-project"
    但是 未触发规则 "zones.permanent-basic-farmland"

  @missing_data
  场景: 占用永久基本农田而未说明是否国家重点建设项目，提交审议
    假如 将 "zones.permanent_basic_farmland" 设为 "true"
    当 筛查
    那么 结论为 "提交审议"
    而且 缺少事实 "zones.national_key_project"

  场景: 优先保护类耕地集中区域新建化工项目，严格控制，提交审议
    假如 以案例 "109-chemical-near-farmland" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "zones.farmland-concentrated-polluting"

  场景: 不在耕地集中区域的同一化工项目不触发本条
    假如 以案例 "109-chemical-near-farmland" 为基础
    而且 将 "zones.farmland_concentrated_area" 设为 "false"
    当 筛查
    那么 未触发规则 "zones.farmland-concentrated-polluting"

  场景: 仓储项目不属可能造成土壤污染的行业，不问是否位于耕地集中区域
    当 筛查
    那么 未触发规则 "zones.farmland-concentrated-polluting"


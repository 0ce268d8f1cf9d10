# language: zh-CN
@industry
功能: 重点行业转型升级（甲醛、化肥、水泥、五金、铸造、装备制造、饲料加工）
  临东环委发〔2022〕1号 二(一)1：以化工、建材、五金等为重点，分类组织实施转移、压减、整合、
  关停任务。各行业清单见 rules/catalogues/（行业代码对应关系多为暂定，见 rules list --unverified）。

  场景: 辖区内新建甲醛生产线：只有“违规”甲醛企业停止生产，须核实，提交审议
    假如 以案例 "40-formaldehyde-new-line" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "formaldehyde.new-production"
    而且 引用条款 "二(一)1"
    而且 说明包含 "费县胶粘剂专业化工园区"

  场景: 有机化学原料项目不生产甲醛时不涉及甲醛规则
    假如 以案例 "40-formaldehyde-new-line" 为基础
    而且 将 "chemicals.produces_formaldehyde" 设为 "false"
    当 筛查
    那么 未触发规则 "formaldehyde.new-production"
    而且 未触发规则 "formaldehyde.existing-upgrade"

  @missing_data
  场景: 有机化学原料项目未说明是否生产甲醛，提交审议
    假如 以案例 "40-formaldehyde-new-line" 为基础
    而且 删除 "chemicals.produces_formaldehyde"
    当 筛查
    那么 无法判定规则 "formaldehyde.new-production"
    而且 缺少事实 "chemicals.produces_formaldehyde"

  场景: 现有甲醛装置技术改造须核实是否违规，提交审议
    假如 以案例 "41-formaldehyde-glue-upgrade" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "formaldehyde.existing-upgrade"
    但是 未触发规则 "formaldehyde.new-production"

  场景: 甲醛装置新建时按新建规则提交审议（不一律否决）
    假如 以案例 "41-formaldehyde-glue-upgrade" 为基础
    而且 将 "construction_type" 设为 "新建"
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "formaldehyde.new-production"
    但是 未触发规则 "formaldehyde.existing-upgrade"

  场景: 复合肥扩建未同步实施氨排放升级改造，附条件准入（须同步实施）
    假如 以案例 "42-compound-fertiliser-no-ammonia" 为基础
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "fertiliser.ammonia-upgrade"
    而且 说明包含 "氨排放"

  场景: 复合肥扩建同步实施氨排放升级改造准予准入
    假如 以案例 "42-compound-fertiliser-no-ammonia" 为基础
    而且 将 "fertiliser.ammonia_upgrade" 设为 "true"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "fertiliser.ammonia-upgrade"

  场景: 有机肥料不属化肥，有机肥企业技术改造不涉及化肥氨排放规则
    假如 以案例 "43-organic-fertiliser-upgrade-2022" 为基础
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "fertiliser.ammonia-upgrade-due"

  场景: 2022 年内现有化肥企业技术改造附条件：年底前完成氨排放升级
    假如 以案例 "121-compound-fertiliser-upgrade-2022" 为基础
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "fertiliser.ammonia-upgrade-due"
    但是 未触发规则 "fertiliser.ammonia-upgrade-overdue"

  @as_of
  场景: 同一技术改造按 2023 年筛查时升级改造已逾期，附条件准入（须随项目完成）
    假如 以案例 "121-compound-fertiliser-upgrade-2022" 为基础
    当 按 "2023-02-01" 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "fertiliser.ammonia-upgrade-overdue"
    但是 未触发规则 "fertiliser.ammonia-upgrade-due"

  场景: 2023 年化肥企业技术改造仍未实施氨排放升级，附条件准入
    假如 以案例 "44-fertiliser-upgrade-overdue" 为基础
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "fertiliser.ammonia-upgrade-overdue"
    而且 说明包含 "2022 年底前完成"

  @as_of
  场景: 按 2022 年最后一天筛查时尚未逾期，附条件准入
    假如 以案例 "44-fertiliser-upgrade-overdue" 为基础
    当 按 "2022-12-31" 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "fertiliser.ammonia-upgrade-due"
    但是 未触发规则 "fertiliser.ammonia-upgrade-overdue"

  场景: 已完成氨排放升级的化肥企业技术改造不受本条限制
    假如 以案例 "44-fertiliser-upgrade-overdue" 为基础
    而且 将 "fertiliser.ammonia_upgrade" 设为 "true"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "fertiliser.ammonia-upgrade-overdue"

  场景: 新建水泥粉磨站 2.5 倍置换：由省级核准或备案，提交审议而不否决
    假如 以案例 "46-grinding-station-new" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "cement.new-plant"
    但是 未触发规则 "two-high.capacity-reduction"

  场景: 新建水泥粉磨站 1.5 倍置换低于 57号 1:2，不予准入
    假如 以案例 "106-grinding-station-1-5" 为基础
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "two-high.capacity-reduction"

  场景: 现有水泥企业倍量置换的改扩建不属新建水泥项目
    假如 以案例 "46-grinding-station-new" 为基础
    而且 将 "construction_type" 设为 "改扩建"
    当 按 "2023-06-01" 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "cement.new-plant"

  场景: 列入淘汰名单的兴华水泥技术改造不予准入
    假如 以案例 "45-listed-cement-enterprise-upgrade" 为基础
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "cement.listed-enterprise"
    而且 说明包含 "临沂兴华水泥有限公司"

  场景: 未列入淘汰名单的水泥企业技术改造准予准入
    假如 以案例 "45-listed-cement-enterprise-upgrade" 为基础
    而且 将 "applicant" 设为 "临沂某水泥有限公司"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "cement.listed-enterprise"

  @missing_data
  场景: 水泥项目未写申请单位，无法判断是否属淘汰名单
    假如 以案例 "45-listed-cement-enterprise-upgrade" 为基础
    而且 将 "applicant" 设为 "null"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "cement.listed-enterprise"
    而且 缺少事实 "applicant"

  场景: 园区外新建手工具项目按“入园发展”的思路提示
    假如 以案例 "47-hand-tools-outside-park" 为基础
    当 筛查
    那么 结论为 "准予准入"
    而且 触发规则 "hardware.outside-park"
    而且 说明包含 "园区外"

  场景: 同一手工具项目入驻临沂智慧五金产业园准予准入
    假如 以案例 "47-hand-tools-outside-park" 为基础
    而且 修改以下事实:
      | 字段                       | 值                 |
      | location.industrial_park   | 临沂智慧五金产业园 |
      | site.in_industrial_park    | true               |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "hardware.outside-park"

  @missing_data
  场景: 五金项目未说明是否位于园区，提交审议并指出须填写所在园区
    假如 以案例 "47-hand-tools-outside-park" 为基础
    而且 删除 "site.in_industrial_park"
    当 筛查
    那么 无法判定规则 "hardware.outside-park"
    而且 缺少事实 "location.industrial_park"
    而且 缺少事实 "site.in_industrial_park"

  场景: 铸造产能未经认定、VOCs 未配套治理，附条件准入
    假如 以案例 "49-ductile-iron-foundry" 为基础
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "foundry.capacity-recognition"
    而且 触发规则 "foundry.vocs-controls"

  场景: 铸造产能已认定、VOCs 未配套治理，附条件准入
    假如 以案例 "49-ductile-iron-foundry" 为基础
    而且 将 "foundry.capacity_recognized" 设为 "true"
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "foundry.vocs-controls"
    而且 说明包含 "制芯、浇铸、喷涂"
    但是 未触发规则 "foundry.capacity-recognition"

  场景: 铸造产能已认定且 VOCs 配套治理，准予准入
    假如 以案例 "49-ductile-iron-foundry" 为基础
    而且 修改以下事实:
      | 字段                        | 值   |
      | foundry.capacity_recognized | true |
      | foundry.vocs_controls       | true |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "foundry.capacity-recognition"
    而且 未触发规则 "foundry.vocs-controls"

  场景: 园区外新建光伏组件装备制造项目提示向园区聚集
    假如 以案例 "50-pv-modules-outside-parks" 为基础
    当 筛查
    那么 结论为 "准予准入"
    而且 触发规则 "equipment.outside-parks"
    而且 引用条款 "二(一)1"

  场景: 入驻金科智能制造产业园的装备制造项目无须提示
    假如 以案例 "50-pv-modules-outside-parks" 为基础
    而且 修改以下事实:
      | 字段                     | 值                 |
      | location.industrial_park | 金科智能制造产业园 |
      | site.in_industrial_park  | true               |
    当 筛查
    那么 未触发规则 "equipment.outside-parks"

  @as_of
  场景: 两园区建成前（2022 年 6 月底前）不作向园区聚集的提示
    假如 以案例 "50-pv-modules-outside-parks" 为基础
    当 按 "2022-06-30" 筛查
    那么 未触发规则 "equipment.outside-parks"
    而且 触发规则 "encouraged.new-energy-equipment"

  场景: 饲料加工项目附条件：执行工艺装备和生态环境准入要求
    假如 以案例 "09-feed-mill-no-dust-source" 为基础
    当 筛查
    那么 触发规则 "feed.access-requirements"
    而且 说明包含 "工艺装备和生态环境准入要求"

  场景: 非饲料加工项目不涉及饲料加工准入要求
    假如 以案例 "09-feed-mill-no-dust-source" 为基础
    而且 修改以下事实:
      | 字段             | 值   |
      | industry.code    | 1431 |
      | industry.product | 挂面 |
    当 筛查
    那么 未触发规则 "feed.access-requirements"

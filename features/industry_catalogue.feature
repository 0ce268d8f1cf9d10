# language: zh-CN
@industry
功能: 《产业结构调整指导目录》淘汰类、限制类（按筛查日期适用 2019 年本或 2024 年本）
  临东环委发〔2022〕1号 二(一)2：持续推进淘汰类装备清理；二(二)2：推动重点行业完成限制类产能
  装备的升级改造。2019 年本自 2020-01-01 施行，2024 年本自 2024-02-01 施行：项目须写明其按
  筛查日期有效版本的类别（guidance_catalogue.class_2019 / class_2024）。

  场景: 产品属 2019 年本淘汰类，不予准入
    假如 以案例 "54-ultrathin-plastic-bags" 为基础
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "catalogue-2019.eliminated"
    而且 引用条款 "二(一)2"

  @as_of
  场景: 方案期满后、2024 年本施行前的一个月，2019 年本淘汰类提交审议，不留空档
    假如 以案例 "54-ultrathin-plastic-bags" 为基础
    当 按 "2024-01-15" 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "catalogue-2019.eliminated-after-plan"
    但是 未触发规则 "catalogue-2019.eliminated"

  场景: 允许类产品不涉及淘汰类、限制类规则
    假如 以案例 "54-ultrathin-plastic-bags" 为基础
    而且 修改以下事实:
      | 字段                           | 值                           |
      | industry.product               | 塑料购物袋（厚度 0.03mm）    |
      | guidance_catalogue.class_2019  | 允许类                       |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "catalogue-2019.eliminated"
    而且 未触发规则 "catalogue-2019.restricted-new"

  @as_of @missing_data
  场景: 2024-02-01 后筛查须按 2024 年本归类，只写 2019 年本类别的提交审议
    假如 以案例 "54-ultrathin-plastic-bags" 为基础
    当 按 "2024-03-01" 筛查
    那么 结论为 "提交审议"
    而且 未触发规则 "catalogue-2019.eliminated"
    而且 无法判定规则 "catalogue-2024.eliminated"
    而且 缺少事实 "guidance_catalogue.class_2024"
    而且 没有筛查日期警告

  场景: 小规模加气混凝土砌块线属 2019 年本限制类，新建不予准入
    假如 以案例 "62-aac-blocks-restricted-new" 为基础
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "catalogue-2019.restricted-new"
    而且 引用条款 "二(二)2"

  场景: 规模达到要求（不属限制类）的砌块线不涉及限制类规则
    假如 以案例 "62-aac-blocks-restricted-new" 为基础
    而且 将 "guidance_catalogue.class_2019" 设为 "允许类"
    当 筛查
    那么 未触发规则 "catalogue-2019.restricted-new"

  场景: 限制类产能搬迁提交审议
    假如 以案例 "63-aac-blocks-relocation" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "catalogue-2019.restricted-relocation"
    但是 未触发规则 "catalogue-2019.restricted-new"

  场景: 限制类产能原址技术改造不新增产能，属允许的升级改造
    假如 以案例 "63-aac-blocks-relocation" 为基础
    而且 修改以下事实:
      | 字段              | 值       |
      | construction_type | 技术改造 |
      | capacity.new      | 0        |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "catalogue-2019.restricted-relocation"
    而且 触发规则 "catalogue-2019.restricted-upgrade"

  场景: 限制类产能除尘技改不新增产能，准予准入并提示
    假如 以案例 "64-aac-blocks-dust-upgrade" 为基础
    当 筛查
    那么 结论为 "准予准入"
    而且 触发规则 "catalogue-2019.restricted-upgrade"
    而且 说明包含 "升级改造"

  场景: 限制类产能借技术改造新增产能，不予准入
    假如 以案例 "64-aac-blocks-dust-upgrade" 为基础
    而且 将 "capacity.new" 设为 "2"
    当 筛查
    那么 结论为 "不予准入"
    而且 未触发规则 "catalogue-2019.restricted-upgrade"
    而且 触发规则 "catalogue-2019.restricted-new"

  @missing_data
  场景: 限制类产能技术改造未写新增产能，提交审议
    假如 以案例 "64-aac-blocks-dust-upgrade" 为基础
    而且 删除 "capacity.new"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "catalogue-2019.restricted-new"
    而且 缺少事实 "capacity.new"

  场景: 一次性发泡塑料餐具属 2024 年本淘汰类，不予准入
    假如 以案例 "67-foam-tableware-2024" 为基础
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "catalogue-2024.eliminated"
    而且 没有筛查日期警告

  场景: 2024 年允许类塑料制品不涉及淘汰类规则
    假如 以案例 "67-foam-tableware-2024" 为基础
    而且 修改以下事实:
      | 字段                          | 值               |
      | industry.product              | 可降解塑料餐具   |
      | guidance_catalogue.class_2024 | 允许类           |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "catalogue-2024.eliminated"

  @as_of
  场景: 按 2024 年本施行前的日期筛查，不适用 2024 年本
    假如 以案例 "67-foam-tableware-2024" 为基础
    而且 将 "guidance_catalogue.class_2019" 设为 "允许类"
    当 按 "2024-01-31" 筛查
    那么 未触发规则 "catalogue-2024.eliminated"
    而且 未触发规则 "catalogue-2019.eliminated"

  场景: 新建溶剂型涂料装置属 2024 年本限制类，不予准入
    假如 以案例 "68-solvent-coatings-plant-2024" 为基础
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "catalogue-2024.restricted-new"

  场景: 新建水性涂料装置（非限制类）不涉及限制类规则
    假如 以案例 "68-solvent-coatings-plant-2024" 为基础
    而且 修改以下事实:
      | 字段                              | 值             |
      | industry.product                  | 水性工业涂料   |
      | guidance_catalogue.class_2024     | 鼓励类         |
      | vocs_materials.high_vocs_products | false          |
    当 筛查
    那么 未触发规则 "catalogue-2024.restricted-new"
    而且 未触发规则 "vocs.low-vocs-products"

  场景: 2024 年限制类产能搬迁提交审议
    假如 以案例 "69-aac-blocks-relocation-2024" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "catalogue-2024.restricted-relocation"

  @as_of
  场景: 同一搬迁按 2023 年筛查时适用 2019 年本
    假如 以案例 "69-aac-blocks-relocation-2024" 为基础
    而且 将 "guidance_catalogue.class_2019" 设为 "限制类"
    当 按 "2023-06-01" 筛查
    那么 结论为 "提交审议"
    而且 未触发规则 "catalogue-2024.restricted-relocation"
    而且 触发规则 "catalogue-2019.restricted-relocation"

  场景: 2024 年限制类产能技改不新增产能，准予准入并提示
    假如 以案例 "53-aac-upgrade-2024-edition" 为基础
    当 筛查
    那么 结论为 "准予准入"
    而且 触发规则 "catalogue-2024.restricted-upgrade"
    而且 没有筛查日期警告

  场景: 2024 年限制类产能改扩建新增产能，不属允许的升级改造
    假如 以案例 "53-aac-upgrade-2024-edition" 为基础
    而且 修改以下事实:
      | 字段              | 值     |
      | construction_type | 改扩建 |
      | capacity.new      | 2      |
    当 筛查
    那么 未触发规则 "catalogue-2024.restricted-upgrade"
    而且 触发规则 "catalogue-2024.restricted-new"

# language: zh-CN
@interview
功能: 问答式筛查只问本项目需要的事实
  审批人员不必写完整的申报文件：先填每个项目都有的基本信息，之后每一页只问尚未判定、且答案
  还能改变结论的规则所需的事实；没有任何未答事实能改变结论时即停止。

  场景: 列入淘汰名单的水泥企业在基本信息后即不予准入
    （新建水泥粉磨站本身不再一律否决：issue 10，cement.new-plant 提交审议）
    假如 以案例 "45-listed-cement-enterprise-upgrade" 为基础
    当 按问答筛查
    那么 结论为 "不予准入"
    而且 引用条款 "二(一)1"
    而且 问答已结束
    而且 最多问 "9" 个字段
    而且 未问及 "coal.new_tce"

  场景: 住宅项目不问养殖、农药和铸造
    假如 以案例 "11-residential-block" 为基础
    当 按问答筛查
    那么 结论为 "准予准入"
    而且 问及 "buildings.residential_m2"
    而且 未问及 "livestock.species"
    而且 未问及 "pesticides.active_ingredients"
    而且 未问及 "foundry.capacity_recognized"

  场景: 红线内允许的有限人为活动要问清楚，不按默认值否决
    假如 以案例 "15-road-red-line-permitted" 为基础
    当 按问答筛查
    那么 结论为 "提交审议"
    而且 问及 "zones.red_line_permitted_activity"
    而且 未触发规则 "zones.ecological-red-line"

  场景: 什么都不知道的项目提交审议并列出缺少的事实
    假如 一个项目:
      """
      id: HD-2022-900
      name: 农产品加工项目
      application_date: 2022-09-01
      industry: {code: "1391", product: 淀粉}
      construction_type: 新建
      """
    当 按问答筛查
    那么 结论为 "提交审议"
    而且 缺少事实 "zones.ecological_red_line"

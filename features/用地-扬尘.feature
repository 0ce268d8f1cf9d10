# language: zh-CN
@dust
功能: 施工工地扬尘“六个百分百”与渣土车辆密闭运输
  临东环委发〔2022〕1号 五(三)3：严格落实施工工地扬尘防治“六项措施”，达到“六个百分百”（工地周边围挡、
  物料堆放覆盖、出入车辆冲洗、施工现场地面硬化、拆迁工地湿法作业、渣土车辆密闭运输）；规范渣土车运输。
  以施工为主的行业（建筑业、房地产开发）的新建、改扩建、搬迁项目须说明施工工地；其他项目说明了的也要审查。

  背景:
    假如 以案例 "84-municipal-road-compliant" 为基础

  场景: 六项措施全部落实的施工项目准予准入
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "construction.six-full-measures"
    而且 未触发规则 "construction.wet-demolition"
    而且 未触发规则 "construction.muck-transport"

  场景: 未设置工地周边围挡附条件准入
    假如 将 "construction_site.hoarding" 设为 "false"
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "construction.six-full-measures"
    而且 引用条款 "五(三)3"
    而且 说明包含 "工地周边围挡"

  场景: 拆迁工地未湿法作业附条件准入
    假如 将 "construction_site.wet_demolition" 设为 "false"
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "construction.wet-demolition"
    但是 未触发规则 "construction.six-full-measures"

  场景: 不含拆迁的工地不问湿法作业
    假如 修改以下事实:
      | 字段                             | 值    |
      | construction_site.demolition     | false |
      | construction_site.wet_demolition | 未知  |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "construction.wet-demolition"

  场景: 渣土未密闭运输附条件准入
    假如 将 "construction_site.muck_vehicles_sealed" 设为 "false"
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "construction.muck-transport"
    而且 说明包含 "密闭"

  @missing_data
  场景: 施工项目未说明扬尘防治措施时提交审议
    假如 删除 "construction_site"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "construction.six-full-measures"
    而且 缺少事实 "construction_site.hoarding"

  场景: 未说明施工工地的工业项目不涉及扬尘规则
    假如 以案例 "86-pesticide-formulation-allowed" 为基础
    当 筛查
    那么 未触发规则 "construction.six-full-measures"
    而且 未触发规则 "construction.muck-transport"

  场景: 石料加工厂在用露天堆场未封闭、覆盖，附条件准入
    假如 以案例 "115-aggregate-open-stockyard" 为基础
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "dust.open-stockyards"
    而且 引用条款 "五(三)3"

  场景: 露天堆场已封闭、覆盖或喷淋抑尘的不触发本条
    假如 以案例 "115-aggregate-open-stockyard" 为基础
    而且 将 "transport.stockyard_dust_controls" 设为 "true"
    当 筛查
    那么 未触发规则 "dust.open-stockyards"


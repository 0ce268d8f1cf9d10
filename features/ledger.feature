# language: zh-CN
功能: 减量替代来源须得到台账支撑
  临东环委发〔2022〕1号 二(一)3：新建项目要按照规定实施减量替代。所引用的台账来源须已登记、
  尚有余量；台账不能支撑的替代量不计入，并提交审议（rules/industry/ledger.yaml）。

  背景:
    假如 以案例 "01-cement-clinker-line" 为基础
    而且 将 "coal.sources.0.amount" 设为 "65000"

  场景大纲: 引用台账中未登记的<名称>来源，提交审议
    假如 "<balance>" 引用台账来源 "LS-GONE" 数量 "<数量>"
    当 按台账筛查
    那么 触发规则 "ledger.<balance>.unbacked"
    而且 引用条款 "二(一)3"

    例子:
      | balance                 | 名称           | 数量    |
      | capacity                | 产能           | 180     |
      | energy                  | 能耗           | 200000  |
      | coal                    | 煤炭消费       | 65000   |
      | carbon                  | 碳排放         | 1400000 |
      | pollutants.so2          | 二氧化硫       | 120     |
      | pollutants.nox          | 氮氧化物       | 700     |
      | pollutants.particulates | 颗粒物         | 90      |
      | pollutants.vocs         | 挥发性有机物   | 2       |
      | pollutants.cod          | 化学需氧量     | 2       |
      | pollutants.nh3n         | 氨氮           | 2       |

  场景大纲: 台账登记且余量充足的<名称>来源全部计入，不触发台账规则
    假如 "<balance>" 引用台账来源 "LS-1" 数量 "<数量>"
    而且 台账登记来源 "LS-1" 的 "<balance>" 可用 "<数量>"
    当 按台账筛查
    那么 未触发规则 "ledger.<balance>.unbacked"

    例子:
      | balance                 | 名称           | 数量    |
      | capacity                | 产能           | 180     |
      | energy                  | 能耗           | 200000  |
      | coal                    | 煤炭消费       | 65000   |
      | carbon                  | 碳排放         | 1400000 |
      | pollutants.so2          | 二氧化硫       | 120     |
      | pollutants.nox          | 氮氧化物       | 700     |
      | pollutants.particulates | 颗粒物         | 90      |
      | pollutants.vocs         | 挥发性有机物   | 2       |
      | pollutants.cod          | 化学需氧量     | 2       |
      | pollutants.nh3n         | 氨氮           | 2       |

  场景: 同一来源余量不足时，超出部分不计入
    假如 "coal" 引用台账来源 "LS-2" 数量 "65000"
    而且 台账登记来源 "LS-2" 的 "coal" 可用 "60000"
    当 按台账筛查
    那么 触发规则 "ledger.coal.unbacked"
    而且 说明包含 "5,000"

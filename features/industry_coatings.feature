# language: zh-CN
@industry
功能: 涉有机溶剂喷涂与低（无）VOCs 含量产品
  临东环委发〔2022〕1号 二(一)1：涂装行业全面推进水性、粉末、光固化等低挥发性有机涂料替代；
  有机溶剂喷涂建议采用吸附脱附焚烧或蓄热焚烧等高效处理工艺。二(二)2：推动生产、使用低（无）
  VOCs 含量的工业涂料、油墨、胶粘剂、清洗剂、溶剂等产品。

  场景: 有水性涂料可替代仍用溶剂型 PU 涂料：“全面推进…替代工作”，附条件准入而不否决
    假如 以案例 "51-solid-wood-doors-solvent-pu" 为基础
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "coating.solvent-substitutable"
    而且 引用条款 "二(一)1"

  场景: 无可替代涂料时不因使用溶剂型涂料否决，只附治理条件
    假如 以案例 "51-solid-wood-doors-solvent-pu" 为基础
    而且 将 "vocs_materials.substitute_available" 设为 "false"
    当 筛查
    那么 结论为 "附条件准入"
    而且 未触发规则 "coating.solvent-substitutable"
    而且 触发规则 "coating.inefficient-treatment"

  场景: 改用水性涂料后不涉及溶剂型涂料的两条规则
    假如 以案例 "51-solid-wood-doors-solvent-pu" 为基础
    而且 修改以下事实:
      | 字段                                  | 值    |
      | vocs_materials.solvent_based_coatings | false |
      | vocs_materials.high_vocs_products     | false |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "coating.solvent-substitutable"
    而且 未触发规则 "coating.inefficient-treatment"

  @missing_data
  场景: 使用溶剂型涂料但未说明有无替代涂料，提交审议
    假如 以案例 "51-solid-wood-doors-solvent-pu" 为基础
    而且 删除 "vocs_materials.substitute_available"
    当 筛查
    那么 无法判定规则 "coating.solvent-substitutable"
    而且 缺少事实 "vocs_materials.substitute_available"

  场景: 钢结构重防腐溶剂型喷涂废气仅活性炭吸附，附条件采用高效处理工艺
    假如 以案例 "52-steel-structure-anticorrosion" 为基础
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "coating.inefficient-treatment"
    而且 说明包含 "活性炭吸附"

  场景大纲: 喷涂废气采用<工艺>属高效处理工艺
    假如 以案例 "52-steel-structure-anticorrosion" 为基础
    而且 将 "vocs_materials.treatment" 设为 "<工艺>"
    当 筛查
    那么 未触发规则 "coating.inefficient-treatment"

    例子:
      | 工艺         |
      | 吸附脱附焚烧 |
      | 蓄热焚烧     |

  场景: 不产生 VOCs 的五金项目不涉及喷涂规则
    假如 以案例 "48-hinges-in-hardware-park" 为基础
    而且 修改以下事实:
      | 字段                  | 值 |
      | pollutants.vocs.new_t | 0  |
    而且 删除 "vocs_materials"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "coating.solvent-substitutable"
    而且 未触发规则 "coating.inefficient-treatment"
    而且 未触发规则 "vocs.low-vocs-products"

  场景: 凹版印刷仍用溶剂型油墨，附条件改用低（无）VOCs 含量油墨
    假如 以案例 "65-gravure-printing-solvent-inks" 为基础
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "vocs.low-vocs-products"
    而且 引用条款 "二(二)2"

  场景: 凹版印刷改用水性油墨后准予准入
    假如 以案例 "65-gravure-printing-solvent-inks" 为基础
    而且 将 "vocs_materials.high_vocs_products" 设为 "false"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "vocs.low-vocs-products"
    而且 不引用条款 "二(二)2"

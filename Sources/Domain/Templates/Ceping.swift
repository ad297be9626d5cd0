extension Templates {
  /// The national evaluation system's frame (全国文明城市测评体系): only
  /// what public sources state — seven 测评项目 in the base indicators of
  /// 100 points, feature indicators of 20, and the three methods with
  /// their weights (网上申报材料审核 40, 实地考察 40, 问卷调查 20; see
  /// ../shared/design/domain.md). Every part whose text is not public is
  /// a placeholder marked 待补充: no standard is invented. An office
  /// fills it in, or imports its own evaluation sheet beneath it.
  public static func ceping() -> Campaign {
    var b = TemplateBuilder(prefix: "cp")
    let methods = "测评方法及权重：网上申报材料审核 40%、实地考察 40%、问卷调查 20%。"
    let base = b.add(nil, .group, "基本指标（100分）", note: "七个测评项目，分值合计 100 分。" + methods)
    for k in 1...7 {
      let project = b.add(base, .group, "测评项目\(k)（待补充）", note: "名称、分值按当年测评体系填写。")
      let index = b.add(project, .task, "指标（待补充）")
      let content = b.add(index, .task, "测评内容（待补充）")
      b.add(content, .item, "测评标准（待补充）", note: "分值、测评方法、适用点位类型用 chuangwen set --points --methods --types 填写。")
    }
    let feature = b.add(nil, .group, "特色指标（20分）", note: "由各地按当年要求填写。")
    b.add(feature, .item, "特色指标（待补充）")
    return b.campaign(id: "ceping", title: "全国文明城市测评体系（框架，待补充）", start: nil, end: nil,
                      source: "公开资料：测评体系的层级（测评项目→指标→测评内容→测评标准）、基本指标100分与特色指标20分、三种测评方法及权重；条文未公开处均标“待补充”")
  }
}

/// Deterministic synthetic campaigns shaped like the real thing, for
/// measuring speed at national scale: provinces → cities → areas → tasks →
/// items, each city with its red-education bases and its four-level
/// practice system (quotas with activities) and volunteer teams, titles of
/// realistic length in Chinese. The same seed gives the same bytes.
public enum Synthetic {
  /// A small, fast, seedable generator (splitmix64).
  public struct Rng: RandomNumberGenerator, Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static let provinces = ["河北", "山西", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北",
                          "湖南", "广东", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "宁夏", "新疆"]
  static let cities = ["东城", "西山", "南湖", "北岭", "青河", "白石", "金川", "长宁", "安平", "永丰",
                       "新华", "兴隆", "龙泉", "凤凰", "光明", "和平", "建设", "红旗", "胜利", "团结"]
  static let areas = ["公共文明行为", "城市管理秩序", "未成年人思想道德建设", "新时代文明实践", "志愿服务",
                      "社会诚信建设", "生态环境保护", "公共服务设施", "文明交通", "窗口单位服务"]
  static let verbs = ["开展", "推进", "落实", "完善", "加强", "规范", "组织", "建立健全", "深化", "持续整治"]
  static let objects = ["背街小巷环境卫生", "农贸市场周边秩序", "公益广告刊播", "非机动车停放", "文明餐桌行动",
                        "志愿服务站点建设", "垃圾分类投放", "学雷锋志愿服务", "道德讲堂活动", "社区公共文化服务",
                        "老旧小区改造", "窗口单位文明服务", "校园周边环境治理", "无障碍设施维护", "诚信经营示范街"]
  static let units = ["市委宣传部", "市文明办", "市教育局", "市公安局", "市民政局", "市住建局", "市城管局",
                      "市交通运输局", "市商务局", "市文旅局", "市卫健委", "市市场监管局", "团市委", "市妇联", "各区政府"]

  /// A campaign of exactly `nodes` nodes (1 or more).
  public static func campaign(nodes count: Int, seed: UInt64 = 1) -> Campaign {
    var rng = Rng(seed: seed)
    var nodes: [Node] = []
    nodes.reserveCapacity(count)
    var unitList: [Unit] = []
    var unitIndex: [String: String] = [:]
    func unit(_ name: String) -> String {
      if let id = unitIndex[name] { return id }
      let id = "u\(unitList.count + 1)"
      unitList.append(Unit(id: id, name: name))
      unitIndex[name] = id
      return id
    }
    var serial = 0
    /// Adds a node unless the count is reached; its id, or nil when full.
    func add(_ parent: String?, _ kind: NodeKind, _ title: String, lead: String? = nil, support: [String] = [],
             due: Day? = nil, status: Status = .todo, note: String = "", quota: Quota? = nil, site: Site? = nil) -> String? {
      guard nodes.count < count else { return nil }
      serial += 1
      let id = "s" + String(serial, radix: 36)
      nodes.append(Node(id: id, parent: parent, kind: kind, title: title, lead: lead, support: support,
                        due: due, status: status, note: note, quota: quota, site: site))
      return id
    }
    let start = Day(year: 2024, month: 1, day: 1)!
    func randomDue() -> Day { start.adding(days: Int.random(in: 90..<1000, using: &rng)) }
    func randomStatus() -> Status {
      switch Int.random(in: 0..<10, using: &rng) {
      case 0..<4: return .done
      case 4..<7: return .doing
      default: return .todo
      }
    }
    var p = 0
    while nodes.count < count {
      let province = provinces[p % provinces.count] + (p >= provinces.count ? "\(p / provinces.count + 1)" : "")
      guard let prov = add(nil, .group, "\(province)省全国文明城市创建工作") else { break }
      for c in 0..<20 {
        // "河北东城" + "市委宣传部": the unit names read as real ones do.
        let place = province + cities[c]
        let city = place + "市"
        let lead = unit(place + units[c % units.count])
        guard let cityID = add(prov, .group, "\(city)创建全国文明城市（2024—2026年）", lead: lead) else { break }
        for a in 0..<5 {
          let area = areas[(a + c) % areas.count]
          guard let areaID = add(cityID, .group, "\(area)", lead: unit(place + units[(a + c) % units.count])) else { break }
          for t in 0..<6 {
            let title = "\(verbs.randomElement(using: &rng)!)\(objects.randomElement(using: &rng)!)，确保\(area)测评指标达标"
            guard let task = add(areaID, .task, title, lead: unit(place + units[(a + t) % units.count]),
                                 support: [unit(place + units[(a + t + 3) % units.count])], due: randomDue()) else { break }
            for i in 0..<4 {
              let item = "\(verbs.randomElement(using: &rng)!)\(objects.randomElement(using: &rng)!)（第\(i + 1)项）"
              _ = add(task, .item, item, lead: unit(place + units[(t + i) % units.count]), due: randomDue(),
                      status: randomStatus(), note: i == 0 ? "按照测评体系要求，每月开展一次自查，建立问题台账并限期整改。" : "")
            }
          }
        }
        guard let basesID = add(cityID, .group, "红色教育基地") else { break }
        for b in 0..<5 {
          _ = add(basesID, .base, "\(city)革命历史纪念馆（第\(b + 1)处）", lead: unit(place + "市委宣传部"),
                  site: Site(address: "\(city)人民路\(b * 17 + 3)号", level: b == 0 ? "省级" : "市级", category: "纪念馆"))
        }
        guard let centre = add(cityID, .centre, "\(city)新时代文明实践中心", lead: unit(place + "市文明办")) else { break }
        for s in 0..<2 {
          guard let sub = add(centre, .subcentre, "\(city)第\(s + 1)新时代文明实践分中心") else { break }
          for i in 0..<2 {
            guard let inst = add(sub, .institute, "\(city)第\(s * 2 + i + 1)街道新时代文明实践所") else { break }
            for k in 0..<3 {
              var quota = Quota(target: 12, perMonth: 1, measureWord: "次")
              for m in 1...Int.random(in: 1...12, using: &rng) {
                quota.activities.append(Activity(id: "a\(serial)-\(m)", date: Day(year: 2024, month: m, day: 10)!))
              }
              _ = add(inst, .station, "\(city)第\(s * 6 + i * 3 + k + 1)社区新时代文明实践站", quota: quota)
            }
          }
        }
        for team in ["理论宣讲", "文明交通", "环境保护"] {
          _ = add(centre, .team, "\(city)\(team)志愿服务队", quota: Quota(target: 12, perMonth: 1, measureWord: "次"))
        }
      }
      p += 1
    }
    return Campaign(id: "synthetic-\(count)", title: "全国文明城市创建（合成数据，\(count)个节点）",
                    start: start, end: Day(year: 2026, month: 12, day: 31)!,
                    source: "chuangwen generate --seed \(seed)", units: unitList, nodes: nodes)
  }

  /// `count` events spread over `devices` laptops, as they would make them:
  /// status changes, notes, activities and problems on random nodes; each
  /// device's clock one more than the most it has seen. `prev` is left
  /// empty: the journal writer chains the hashes.
  public static func events(on campaign: Campaign, devices: Int, count: Int, seed: UInt64 = 1) -> [[Event]] {
    var rng = Rng(seed: seed &+ 7)
    var out: [[Event]] = Array(repeating: [], count: max(1, devices))
    let authors = (0..<out.count).map { Author(device: "lap-\($0 + 1)", user: "督查员\($0 + 1)") }
    var clock = 0
    let n = campaign.nodes.count
    guard n > 0 else { return out }
    for k in 0..<count {
      let d = Int.random(in: 0..<out.count, using: &rng)
      clock += 1
      let node = campaign.nodes[Int.random(in: 0..<n, using: &rng)].id
      let op: Operation
      switch Int.random(in: 0..<10, using: &rng) {
      case 0..<5: op = .set(node: node, field: .status, value: .text(Status.allCases.randomElement(using: &rng)!.rawValue))
      case 5..<7: op = .set(node: node, field: .note, value: .text("第\(k)次督查：已现场核实，资料齐全。"))
      case 7..<9: op = .addActivity(node: node, activity: Activity(id: "e\(d)-\(k)", date: Day(year: 2024, month: k % 12 + 1, day: 15)!))
      default: op = .addProblem(node: node, problem: Problem(id: "p\(d)-\(k)", text: "台账不全，需补充活动照片", found: Day(year: 2024, month: 6, day: 1)))
      }
      // A change a second from 2024-06-01T08:00:00Z, as a line of its own
      // (no two alike) in a real journal.
      out[d].append(Event(author: authors[d], seq: out[d].count + 1, clock: clock,
                          moment: .utc(1_717_228_800 + Int64(k)), op: op))
    }
    return out
  }
}

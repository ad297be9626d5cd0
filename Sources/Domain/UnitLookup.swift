extension Campaign {
  /// The units a typed name may mean: the one so named; else every unit
  /// whose name contains it (so "教育" finds 市教育局 when it is the only
  /// one). One answer is the unit meant; none or several, the caller says so.
  public func units(named text: String) -> [Unit] {
    if let exact = units.first(where: { $0.name == text }) { return [exact] }
    return units.filter { $0.name.contains(text) }
  }
}

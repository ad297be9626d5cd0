@testable import Dashboard
import Domain
import Testing

/// The dashboard's terminal widths line up with the shared tables'
/// columns: one width a column, nil exactly for the long one.
@Suite struct ListColumnTests {
  @Test(arguments: Table.Kind.allCases)
  func widthsMatchTheTable(kind: Table.Kind) {
    let widths = State.terminalWidths(kind)
    for lang in Lang.allCases {
      let columns = Table.columns(kind, lang: lang)
      #expect(widths.count == columns.count)
      #expect(widths.map { $0 == nil } == columns.map(\.long))
    }
  }

  @Test func everyListViewShowsATable() {
    let lists = ViewKind.allCases.filter { $0 != .tree && $0 != .progress }
    #expect(Set(lists.compactMap(State.tableKind).map(\.rawValue)) == Set(Table.Kind.allCases.map(\.rawValue)))
    for v in lists { #expect(State.tableKind(v)?.rawValue == "\(v)") }
  }
}

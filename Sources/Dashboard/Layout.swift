/// Where the parts of the screen go for a size: the list, and the detail
/// pane beside it (wide), below it (tall), or not at all (small).
struct Layout {
  var listTop = 0
  var listHeight = 0
  var listWidth = 0
  var detail: (row: Int, col: Int, width: Int, height: Int)?
  var header: Bool
  var footer: Bool

  /// `wideList`: a table that needs the width more than a pane beside it.
  init(width w: Int, height h: Int, wideList: Bool = false) {
    header = h >= 2
    footer = h >= 3
    listTop = header ? 1 : 0
    let body = max(0, h - (header ? 1 : 0) - (footer ? 1 : 0))
    listWidth = w
    listHeight = body
    if w >= (wideList ? 160 : 100) {
      listWidth = w * 11 / 20
      detail = (listTop, listWidth + 1, w - listWidth - 1, body)
    } else if body >= 16 {
      listHeight = body - 8
      detail = (listTop + listHeight + 1, 0, w, 7)
    }
  }
}

extension State {
  var layout: Layout {
    var l = Layout(width: width, height: height, wideList: view == .coverage || view == .indicators)
    if view == .progress || view == .points {
      // The chart takes the whole body; a point is no node, and its row
      // says what there is (the scoring screen the rest): no row to detail.
      l.detail = nil
      l.listWidth = width
      l.listHeight = max(0, height - (l.header ? 1 : 0) - (l.footer ? 1 : 0))
    }
    return l
  }
  /// Rows the list shows: for paging.
  var listHeight: Int { layout.listHeight }
}

import Domain
import TextScreen

extension Status {
  /// The status's one-column mark (`Glyph`), for outlines and documents.
  /// The dashboard, which does not use Reports, maps it the same way.
  public var mark: Character {
    switch self {
    case .todo: return Glyph.todo
    case .doing: return Glyph.doing
    case .done: return Glyph.done
    }
  }
}

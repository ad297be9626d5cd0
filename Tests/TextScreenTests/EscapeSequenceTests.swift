import Testing
@testable import TextScreen

/// Escape sequences are read whole: known ones are keys, others nothing.
@Suite struct EscapeSequenceTests {
  func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

  @Test func sequencesEndWhereTheyEnd() {
    #expect(!EscapeSequence.isComplete([]))
    #expect(!EscapeSequence.isComplete(scalars("[")))
    #expect(!EscapeSequence.isComplete(scalars("[4")))
    #expect(EscapeSequence.isComplete(scalars("[4~")))
    #expect(EscapeSequence.isComplete(scalars("[A")))
    #expect(!EscapeSequence.isComplete(scalars("[1;5")))
    #expect(EscapeSequence.isComplete(scalars("[1;5C")))
    #expect(!EscapeSequence.isComplete(scalars("O")))
    #expect(EscapeSequence.isComplete(scalars("OF")))
    #expect(EscapeSequence.isComplete(scalars("x")))
  }

  @Test func knownSequencesAreKeysAndOthersNothing() {
    #expect(EscapeSequence.key([]) == .escape)
    for (s, k) in [("[4~", Key.end), ("OF", .end), ("[F", .end), ("[1~", .home), ("OH", .home), ("[3~", .delete), ("[A", .up)] {
      #expect(EscapeSequence.key(scalars(s)) == k, "\(s)")
    }
    for s in ["[99~", "[1;5C", "x", "4", "[200~"] {
      #expect(EscapeSequence.key(scalars(s)) == nil, "\(s)")
    }
  }
}

import Domain
import Testing

/// The hex reader that takes eight digits at a time (`Hex.eight`, and
/// `LineHash` made of it) against the one that takes a byte at a time.
@Suite struct HexTests {
  @Test func eightAtATimeAgreesWithOneByOne() {
    let digits = Array("0123456789abcdef".utf8)
    var rng = Synthetic.Rng(seed: 5)
    for _ in 0..<200 {
      let valid = (0..<8).map { _ in digits.randomElement(using: &rng)! }
      // Every byte value at every place.
      for place in 0..<8 {
        for byte in 0...255 {
          var bytes = valid
          bytes[place] = UInt8(byte)
          let eight = bytes.withUnsafeBytes { Hex.eight($0.baseAddress!) }
          let expected = Hex.decode(bytes).map { $0.reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
          #expect(eight == expected, "\(bytes)")
        }
      }
    }
  }

  @Test func aLineHashKeepsWhatWasWritten() {
    let hash = "00ff10a9b8c7d6e5f4031200000000000000000000000000000000000000abcd"
    #expect(LineHash(hash).text == hash)
    if case .digest = LineHash(hash) {} else { Issue.record("64 hex digits are kept as a digest") }
    for other in ["", "00FF", String(hash.dropLast()), hash + "0", String(hash.dropLast()) + "g"] {
      #expect(LineHash(other) == .text(other))
      #expect(LineHash(other).text == other)
    }
  }
}

import ArgumentParser
import Sheets
import Domain
import Presentation
import Reports
import WorkspaceFiles

struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Print one of the office's tables: by unit, overdue, indicators, coverage, bases, orders, teams, or a round's scores.")

  @Argument(help: "The workspace folder.")
  var dir: String

  @Option(help: "unit | overdue | indicators | coverage | bases | orders | teams | score; stations (the dashboard's name) is taken for coverage")
  var by: Which

  @Option(help: "text (aligned for a terminal) | csv | md")
  var format: TableFormat = .text

  @Option(help: "--by score: the round (its name; default the latest that has scores).")
  var round: String?

  @OptionGroup var global: GlobalOptions

  /// The tables by the names typed after `--by`; each case is named as
  /// its `Table.Kind`.
  enum Which: String, ExpressibleByArgument, CaseIterable {
    case units = "unit", overdue, indicators, coverage, bases, orders, teams, score

    /// Also takes `stations`, the dashboard view's name for `coverage`.
    init?(argument: String) {
      self.init(rawValue: argument == "stations" ? Which.coverage.rawValue : argument)
    }

    /// nil for `score`, which is a round's (`Table.scores`).
    var kind: Table.Kind? {
      switch self {
      case .units: return .units
      case .overdue: return .overdue
      case .indicators: return .indicators
      case .coverage: return .coverage
      case .bases: return .bases
      case .orders: return .orders
      case .teams: return .teams
      case .score: return nil
      }
    }
  }

  func run() throws {
    try reporting {
      let ws = try Workspace.open(dir)
      printWarnings(ws)
      if by == .score, let round { _ = try RoundCommand.named(round, in: ws.campaign) }
      let table = by.kind.map { Table.make($0, ws.campaign, today: global.day, lang: global.language) }
        ?? Table.scores(ws.campaign, round: round, lang: global.language)
      let bytes = table.rendered(format)
      // Aligned text is for people; CSV and Markdown are documents.
      if format == .text {
        System.say(String(decoding: bytes, as: UTF8.self), terminator: "")
      } else {
        System.emit(bytes)
      }
      System.finish(holding: ws)
    }
  }
}

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write the whole campaign out: csv or xlsx (the task table, for Excel/WPS), md, html or json.",
    discussion: """
      csv is UTF-8 with BOM and CRLF, the columns `import` reads; xlsx is the same task table (codes as text, \
      dates as dates, the header frozen) with sheets for bases, stations by month, indicators and problems, \
      and needs -o; html is one self-contained file, printable on A4.
      """)

  @Argument(help: "The workspace folder.")
  var dir: String

  @Option(help: "csv | xlsx | md | html | json")
  var format: Format

  @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
  var output: String?

  @OptionGroup var global: GlobalOptions

  enum Format: String, ExpressibleByArgument, CaseIterable { case csv, xlsx, md, html, json }

  func run() throws {
    try reporting {
      let ws = try Workspace.open(dir)
      printWarnings(ws)
      let c = ws.campaign
      let lang = global.language
      let bytes: [UInt8]?
      switch format {
      case .csv: bytes = Sheets.exportCSV(c, lang: lang)
      case .xlsx:
        // A zip is no text for a terminal or a pipe read as lines.
        guard output != nil else { throw WorkspaceError.usage("--format xlsx writes a file: give -o FILE.xlsx") }
        bytes = Sheets.exportXLSX(c, today: global.day, lang: lang)
      case .md: bytes = Array(Documents.markdown(c, today: global.day, lang: lang).utf8)
      case .html: bytes = Array(Documents.html(c, today: global.day, lang: lang).utf8)
      case .json:
        // Written as it is made, a megabyte at a time: at a million nodes
        // the text is over 200 MB.
        if let output {
          try OtherFiles.write(output) { (put) throws(WorkspaceError) in try CampaignCodec.write(c, to: put) }
        } else {
          CampaignCodec.write(c) { (chunk: UnsafeBufferPointer<UInt8>) in System.emit(chunk) }
        }
        bytes = nil
      }
      if let bytes, let output {
        try OtherFiles.write(output, bytes)
      } else if let bytes {
        System.emit(bytes)
      }
      System.finish(holding: ws)
    }
  }
}

extension TableFormat: ExpressibleByArgument {}

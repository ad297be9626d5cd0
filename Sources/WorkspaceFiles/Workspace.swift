import Domain

/// A campaign folder on disk: `campaign.json` and `journal/<device>.jsonl`.
public struct Workspace {}

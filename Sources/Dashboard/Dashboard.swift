import Domain
import TextScreen

/// The dashboard as pure state, update and view.
public enum DashboardPlaceholder {}

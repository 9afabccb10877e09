//! gc-concurrent: mostly-concurrent marking with a SATB barrier. Not yet built (issue 5).

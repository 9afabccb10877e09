//! gc-incminimark: PyPy's incminimark design (nursery, incremental mark-sweep, cards, pinning). Being built; see issue 2.

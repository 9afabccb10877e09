//! gc-generational: stop-the-world generational collector with parallel marking. Not yet built (issue 4).

//! pygc interpreter library. Being built (issue 3).

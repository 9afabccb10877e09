//! stress: mock mutator and randomized stress suite for every registered collector. Being built (issue 2).

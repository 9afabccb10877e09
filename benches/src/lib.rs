//! benches: criterion benchmarks and the corpus comparison harness. Being built (issue 2).

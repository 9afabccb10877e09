mod common;
use common::*;

#[test]
fn tree_survives_many_minor_and_major_collections() {
    let cfg = config(256 << 10);
    let (mut m, ty) = mutator(&cfg);
    assert_eq!(tree_survives_churn(&mut m, &ty), (1 << 14) - 1);
}

#[test]
fn young_to_young_chains_survive_minor() {
    let cfg = config(128 << 10);
    let (mut m, ty) = mutator(&cfg);
    young_chain_survives_minor(&mut m, &ty);
}

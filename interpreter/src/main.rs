//! The `pygc` binary.

fn main() {
    std::process::exit(interpreter::cli::main_with_args(std::env::args().collect()));
}

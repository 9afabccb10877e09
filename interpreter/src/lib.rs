//! pygc: a Python 3 interpreter whose every object lives in a pluggable
//! garbage-collected heap (gc-api).
//!
//! * [`object`]: tagged values, layouts and the type families;
//! * [`compile`]: symbol tables and the bytecode compiler over ruff's AST;
//! * [`vm`]: the dispatch loop, calls, exceptions, protocols;
//! * [`builtins`] and [`modules`]: the library;
//! * [`cli`]: the `pygc` command line.

pub mod builtins;
pub mod cli;
pub mod compile;
pub mod jit;
pub mod modules;
pub mod object;
pub mod support;
pub mod vm;

//! The error type shared by the support modules.
//!
//! Support code cannot build Python exception objects, so it reports the
//! exception class ([`ExcKind`]) plus the exact CPython message; the VM maps
//! this onto a real exception.

use std::fmt;

/// Which Python exception class a [`SupportError`] stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExcKind {
    /// `ValueError`
    ValueError,
    /// `TypeError`
    TypeError,
    /// `OverflowError`
    OverflowError,
    /// `ZeroDivisionError`
    ZeroDivisionError,
    /// `IndexError`
    IndexError,
    /// `MemoryError` (results too large to build)
    MemoryError,
}

/// A Python exception described as class + message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupportError {
    /// The exception class.
    pub kind: ExcKind,
    /// The message, exactly as CPython 3.11 formats it.
    pub msg: String,
}

impl SupportError {
    /// Build an error of `kind` with message `msg`.
    pub fn new(kind: ExcKind, msg: impl Into<String>) -> Self {
        SupportError {
            kind,
            msg: msg.into(),
        }
    }
    /// A `ValueError(msg)`.
    pub fn value(msg: impl Into<String>) -> Self {
        Self::new(ExcKind::ValueError, msg)
    }
    /// A `TypeError(msg)`.
    pub fn type_error(msg: impl Into<String>) -> Self {
        Self::new(ExcKind::TypeError, msg)
    }
    /// An `OverflowError(msg)`.
    pub fn overflow(msg: impl Into<String>) -> Self {
        Self::new(ExcKind::OverflowError, msg)
    }
    /// A `ZeroDivisionError(msg)`.
    pub fn zero_div(msg: impl Into<String>) -> Self {
        Self::new(ExcKind::ZeroDivisionError, msg)
    }
    /// An `IndexError(msg)`.
    pub fn index(msg: impl Into<String>) -> Self {
        Self::new(ExcKind::IndexError, msg)
    }
}

impl fmt::Display for SupportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.kind, self.msg)
    }
}

impl std::error::Error for SupportError {}

/// Result alias used across the support modules.
pub type SResult<T> = Result<T, SupportError>;

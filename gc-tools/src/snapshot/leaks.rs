//! Automatic leak suspects.

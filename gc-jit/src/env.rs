//! The environment compiled code runs in: passed to every compiled function
//! and slow path as an opaque pointer.

use crate::frames::CodeTable;
use gc_api::{Mutator, RootSet};

/// Offset of [`JitEnv::failed`], read by compiled code after every call.
pub(crate) const FAILED_OFFSET: i32 = 0;

/// What compiled code needs from its host while it runs.
#[repr(C)]
pub struct JitEnv<'a> {
    /// Non-zero once something failed: compiled code returns at once.
    pub(crate) failed: usize,
    pub(crate) mutator: &'a mut Mutator,
    pub(crate) roots: &'a mut dyn RootSet,
    pub(crate) code: &'a CodeTable,
    pub(crate) error: Option<String>,
    /// Safepoints taken through the trampoline.
    pub(crate) safepoints: u64,
    /// Compiled frames seen by the deepest stack walk.
    pub(crate) max_frames: usize,
}

impl std::fmt::Debug for JitEnv<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JitEnv")
            .field("failed", &self.failed)
            .field("error", &self.error)
            .field("safepoints", &self.safepoints)
            .finish()
    }
}

impl<'a> JitEnv<'a> {
    pub(crate) fn new(
        mutator: &'a mut Mutator,
        roots: &'a mut dyn RootSet,
        code: &'a CodeTable,
    ) -> JitEnv<'a> {
        JitEnv {
            failed: 0,
            mutator,
            roots,
            code,
            error: None,
            safepoints: 0,
            max_frames: 0,
        }
    }

    /// Records the first failure; compiled code unwinds by returning.
    pub(crate) fn fail(&mut self, msg: String) {
        if self.error.is_none() {
            self.error = Some(msg);
        }
        self.failed = 1;
    }
}

/// What a call into compiled code did besides its result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunInfo {
    /// Safepoints taken (polls that found a request).
    pub safepoints: u64,
    /// Most compiled frames on the stack at one safepoint.
    pub max_frames: usize,
}
